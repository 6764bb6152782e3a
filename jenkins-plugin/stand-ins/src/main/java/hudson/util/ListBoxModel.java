package hudson.util;

/**
 * Compile-only stand-in for {@code hudson.util.ListBoxModel}, Jenkins core 2.555.3: the type a form's {@code doFill...Items}
 * returns, and its constructor. Upstream extends {@code ArrayList<ListBoxModel.Option>} and implements
 * {@code HttpResponse}; the plugin only returns it. Never packaged.
 */
public class ListBoxModel {
    public ListBoxModel() {
    }
}
