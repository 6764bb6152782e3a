package io.github.gluehealthcheck.engine.local;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Who may use an endpoint. Three checks, in this order, before a request is read:
 * <ul>
 * <li>the {@code Host} header names this machine by address, {@code localhost}, or a name the operator allowed: a
 *     web page that rebinds its own DNS name to 127.0.0.1 is refused, since its requests carry that name;
 * <li>the token (when the endpoint has one): an AWS request is signed with it as the access key id (what every
 *     AWS tool can do: {@code AWS_ACCESS_KEY_ID=<token>}), with a key this endpoint's STS issued, or carries it in
 *     {@value #TOKEN_HEADER}; an admin request carries it in {@value #TOKEN_HEADER};
 * <li>the declared body size is within the limit (bodies without a length are cut off at the limit).
 * </ul>
 * Job scripts that the endpoint runs get a key of their own, good for the AWS APIs but not for the admin API, so
 * that job code cannot rewrite the faults, scripted runs or verdicts of other checks.
 */
final class EndpointAccess {

    /** The header that carries the token: admin requests, and AWS requests that are not signed. */
    static final String TOKEN_HEADER = "X-Local-Endpoint-Token";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String token;
    private final String scriptKey;
    private final Set<String> allowedHosts;
    private final long maxBodyBytes;

    EndpointAccess(LocalEndpointOptions options) {
        this.token = options.requireToken()
                ? options.token().orElseGet(() -> "LOCAL" + random(20)) : null;
        this.scriptKey = "LOCALJOB" + random(16);
        this.allowedHosts = Set.copyOf(options.allowedHosts().stream()
                .map(h -> h.toLowerCase(Locale.ROOT)).toList());
        this.maxBodyBytes = options.maxBodyBytes();
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().withUpperCase().formatHex(b);
    }

    /** The token every request must prove, or null when this endpoint takes any request (the in-JVM test double). */
    String token() {
        return token;
    }

    /** The access key id job scripts get: accepted on the AWS APIs only. */
    String scriptKey() {
        return scriptKey;
    }

    long maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * Whether the {@code Host} header names this endpoint: an IP address (v4 or bracketed v6), {@code localhost}
     * (or a name under {@code .localhost}), or an allowed name; any port. A missing header (HTTP/1.0) passes: a
     * browser always sends one.
     */
    boolean hostAllowed(String hostHeader) {
        if (hostHeader == null) {
            return true;
        }
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close > 0 && host.substring(close + 1).matches("(:\\d{1,5})?")
                    && host.substring(1, close).matches("[0-9a-f:.]+(%[\\w.-]+)?");
        }
        int colon = host.lastIndexOf(':');
        if (colon >= 0) {
            if (!host.substring(colon + 1).matches("\\d{1,5}")) {
                return false;
            }
            host = host.substring(0, colon);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.matches("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}")) {
            return true;
        }
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return true;
        }
        try {
            return allowedHosts.contains(IDN.toASCII(host).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether an admin request may go on: no token needed, or the token in its header. */
    boolean adminAllowed(String tokenHeader) {
        return token == null || matches(tokenHeader, token);
    }

    /**
     * Whether an AWS request may go on: no token needed, the token in its header, or signed with the token, the
     * job scripts' key or a key that {@code issuedKey} recognises (STS issued it to a caller who had the token).
     */
    boolean awsAllowed(String tokenHeader, String accessKeyId, Predicate<String> issuedKey) {
        if (token == null || matches(tokenHeader, token)) {
            return true;
        }
        if (accessKeyId == null) {
            return false;
        }
        return matches(accessKeyId, token) || matches(accessKeyId, scriptKey) || issuedKey.test(accessKeyId);
    }

    /** Compares in time independent of where the strings differ. */
    private static boolean matches(String given, String expected) {
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

    /** What the refusal says: how to present the token, never the token. */
    static String tokenMissing() {
        return "the local endpoint needs its token (printed when it started): sign with it as the access key id "
                + "(AWS_ACCESS_KEY_ID), or send it in the " + TOKEN_HEADER + " header";
    }
}
