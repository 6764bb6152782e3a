package org.jenkins.ui.icon;

/**
 * Compile-only stand-in for {@code org.jenkins.ui.icon.IconSpec}, Jenkins core 2.555.3: the type only (a supertype of
 * {@code CredentialsProvider}). Never packaged.
 */
public interface IconSpec {
}
