package hudson.model;

/**
 * Compile-only stand-in for {@code hudson.model.AbstractDescribableImpl}, Jenkins core 2.555.3 (an empty abstract
 * class upstream too). Never packaged.
 *
 * @param <T> the describable type
 */
public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {
}
