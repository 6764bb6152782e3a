package io.github.gluehealthcheck.engine.local;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The STS subset, query protocol (form POST, XML answer): GetCallerIdentity, AssumeRole,
 * AssumeRoleWithWebIdentity. Issued credentials are fake; a later call signed with one of them is answered as the
 * assumed role, so "who am I" after an assume-role is what it would be on AWS.
 */
final class StsApi {

    static final String XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/(?:.*/)?([^/]+)");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private record Assumed(String arn, String userId) {
    }

    private final LocalEndpointOptions options;
    private final SecureRandom random = new SecureRandom();
    /** Access key ids issued by AssumeRole*, to the identity they stand for. Ids are not secrets. */
    private final Map<String, Assumed> issued = new ConcurrentHashMap<>();

    StsApi(LocalEndpointOptions options) {
        this.options = options;
    }

    /** Whether this endpoint issued the access key id (to a caller it had let in). */
    boolean issued(String accessKeyId) {
        return issued.containsKey(accessKeyId);
    }

    /** Names the operation; records which role was assumed and whether an external id or token came along. */
    static void classify(AwsRequest request) {
        String action = request.formParam("Action");
        if (action != null) {
            request.operation = action;
        }
        if (action != null && action.startsWith("AssumeRole")) {
            putIfPresent(request, "roleArn", request.formParam("RoleArn"));
            putIfPresent(request, "roleSessionName", request.formParam("RoleSessionName"));
            if ("AssumeRole".equals(action)) {
                request.detail.put("externalId", request.formParam("ExternalId") == null ? "absent" : "present");
            } else {
                request.detail.put("webIdentityToken",
                        request.formParam("WebIdentityToken") == null ? "absent" : "present");
            }
        }
    }

    private static void putIfPresent(AwsRequest request, String key, String value) {
        if (value != null) {
            request.detail.put(key, value);
        }
    }

    AwsResponse handle(AwsRequest request) {
        return switch (request.operation) {
            case "GetCallerIdentity" -> getCallerIdentity(request);
            case "AssumeRole", "AssumeRoleWithWebIdentity" -> assumeRole(request);
            default -> throw new ServiceError("InvalidAction", 400,
                    "The local endpoint does not implement STS action " + request.operation);
        };
    }

    static AwsResponse error(ServiceError e) {
        String xml = new Xml().start("ErrorResponse", XMLNS)
                .start("Error")
                .element("Type", e.status >= 500 ? "Receiver" : "Sender")
                .element("Code", e.code)
                .element("Message", e.getMessage())
                .end("Error")
                .element("RequestId", UUID.randomUUID())
                .end("ErrorResponse").toString();
        return AwsResponse.xml(e.status, xml).header("Content-Type", "text/xml").errorCode(e.code);
    }

    private AwsResponse getCallerIdentity(AwsRequest request) {
        Assumed assumed = request.accessKeyId == null ? null : issued.get(request.accessKeyId);
        String arn = assumed != null ? assumed.arn() : "arn:aws:iam::" + options.accountId() + ":user/local";
        String userId = assumed != null ? assumed.userId() : "AIDALOCALENDPOINTUSER";
        String account = arn.split(":")[4];
        return ok("GetCallerIdentity", Xml.fragment().element("Arn", arn).element("UserId", userId)
                .element("Account", account));
    }

    private AwsResponse assumeRole(AwsRequest request) {
        boolean webIdentity = "AssumeRoleWithWebIdentity".equals(request.operation);
        String roleArn = request.formParam("RoleArn");
        String session = request.formParam("RoleSessionName");
        if (roleArn == null) {
            throw validation("1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        Matcher role = ROLE_ARN.matcher(roleArn);
        if (!role.matches()) {
            throw validation(roleArn + " is invalid");
        }
        if (session == null || !SESSION_NAME.matcher(session).matches()) {
            throw validation("1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: [\\w+=,.@-]* and have length 2..64");
        }
        if (webIdentity && request.formParam("WebIdentityToken") == null) {
            throw validation("1 validation error detected: Value null at 'webIdentityToken' failed to satisfy "
                    + "constraint: Member must not be null");
        }
        int duration = 3600;
        if (request.formParam("DurationSeconds") != null) {
            try {
                duration = Integer.parseInt(request.formParam("DurationSeconds"));
            } catch (NumberFormatException e) {
                throw validation("DurationSeconds must be a number");
            }
            if (duration < 900 || duration > 43200) {
                throw validation("1 validation error detected: Value '" + duration
                        + "' at 'durationSeconds' failed to satisfy constraint: Member must have value between "
                        + "900 and 43200");
            }
        }
        String accessKeyId = "ASIA" + randomText(16);
        String roleId = "AROA" + randomText(17);
        String assumedArn = "arn:aws:sts::" + role.group(1) + ":assumed-role/" + role.group(2) + "/" + session;
        issued.put(accessKeyId, new Assumed(assumedArn, roleId + ":" + session));
        Instant expiration = Instant.now().plusSeconds(duration).truncatedTo(ChronoUnit.SECONDS);
        Xml result = Xml.fragment()
                .start("Credentials")
                .element("AccessKeyId", accessKeyId)
                .element("SecretAccessKey", randomText(40))
                .element("SessionToken", "local-session-" + randomText(64))
                .element("Expiration", expiration.toString())
                .end("Credentials")
                .start("AssumedRoleUser")
                .element("AssumedRoleId", roleId + ":" + session)
                .element("Arn", assumedArn)
                .end("AssumedRoleUser");
        if (webIdentity) {
            result.element("SubjectFromWebIdentityToken", "local-subject")
                    .element("Provider", "local-endpoint")
                    .element("Audience", "sts.amazonaws.com");
        }
        return ok(request.operation, result);
    }

    private String randomText(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return b.toString();
    }

    /** Wraps a result in {@code <ActionResponse><ActionResult>...} as the query protocol does. */
    private static AwsResponse ok(String action, Xml result) {
        String body = result.toString();
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + action + "Response xmlns=\"" + XMLNS + "\">"
                + "<" + action + "Result>" + body + "</" + action + "Result>"
                + "<ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata>"
                + "</" + action + "Response>";
        return AwsResponse.xml(200, xml).header("Content-Type", "text/xml");
    }

    private static ServiceError validation(String message) {
        return ServiceError.badRequest("ValidationError", message);
    }
}
