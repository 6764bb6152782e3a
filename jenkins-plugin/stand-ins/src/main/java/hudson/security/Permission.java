package hudson.security;

/**
 * Compile-only stand-in for {@code hudson.security.Permission}, Jenkins core 2.555.3: only the type, for the permission constants
 * the plugin checks ({@code Jenkins.ADMINISTER}, {@code Item.EXTENDED_READ}, {@code CredentialsProvider.USE_ITEM}).
 * Never packaged; its instances exist only as those constants.
 */
public final class Permission {
    private Permission() {
    }
}
