package io.github.gluehealthcheck.engine.aws;

import java.io.Serializable;

/**
 * Who the checks run as, from STS GetCallerIdentity. Not secret: printed so users see which identity was used.
 */
public record CallerIdentity(String account, String arn) implements Serializable {
}
