package com.cloudbees.plugins.credentials.domains;

/**
 * Compile-only stand-in for {@code com.cloudbees.plugins.credentials.domains.DomainRequirement}, credentials plugin 1502.v5c95e620ddfe (bom-2.555.x pins 1506.v948b_b_b_7dec44): only the
 * type, which {@code listCredentialsInItem} names (the plugin passes no requirements). Upstream implements
 * {@code ExtensionPoint} and {@code Serializable}. Never packaged.
 */
public class DomainRequirement {
    private DomainRequirement() {
    }
}
