package io.github.gluehealthcheck.engine.local;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The S3 subset, REST-XML, path-style ({@code /<bucket>/<key>}): buckets, PutObject (plain or aws-chunked with
 * trailing checksums), GetObject, HeadObject, DeleteObject, CopyObject, ListObjects(V2), ListBuckets.
 */
final class S3Api {

    static final String XMLNS = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final ObjectStore store;
    private final LocalEndpointOptions options;

    S3Api(ObjectStore store, LocalEndpointOptions options) {
        this.store = store;
        this.options = options;
    }

    /** Bucket and key of a path-style request; key is null for bucket operations, bucket null for "/". */
    record Target(String bucket, String key) {
    }

    static Target target(AwsRequest request) {
        String path = request.rawPath.startsWith("/") ? request.rawPath.substring(1) : request.rawPath;
        if (path.isEmpty()) {
            return new Target(null, null);
        }
        int slash = path.indexOf('/');
        if (slash < 0 || slash == path.length() - 1) {
            return new Target(percentDecode(slash < 0 ? path : path.substring(0, slash)), null);
        }
        return new Target(percentDecode(path.substring(0, slash)), percentDecode(path.substring(slash + 1)));
    }

    /** Names the operation, before faults are matched. */
    static void classify(AwsRequest request) {
        Target t = target(request);
        request.operation = operation(request, t);
        if (t.bucket() != null) {
            request.detail.put("bucket", t.bucket());
        }
        if (t.key() != null) {
            request.detail.put("key", t.key());
        }
    }

    private static String operation(AwsRequest r, Target t) {
        if (t.bucket() == null) {
            return "GET".equals(r.method) ? "ListBuckets" : "Unknown";
        }
        if (t.key() == null) {
            return switch (r.method) {
                case "PUT" -> "CreateBucket";
                case "HEAD" -> "HeadBucket";
                case "DELETE" -> "DeleteBucket";
                case "GET" -> r.hasQueryParam("location") ? "GetBucketLocation"
                        : "2".equals(r.queryParam("list-type")) ? "ListObjectsV2" : "ListObjects";
                default -> "Unknown";
            };
        }
        if (r.hasQueryParam("uploads") || r.hasQueryParam("uploadId") || r.hasQueryParam("tagging")
                || r.hasQueryParam("acl")) {
            return "Unknown";
        }
        return switch (r.method) {
            case "PUT" -> r.header("x-amz-copy-source") != null ? "CopyObject" : "PutObject";
            case "GET" -> "GetObject";
            case "HEAD" -> "HeadObject";
            case "DELETE" -> "DeleteObject";
            default -> "Unknown";
        };
    }

    AwsResponse handle(AwsRequest r) {
        Target t = target(r);
        return switch (r.operation) {
            case "ListBuckets" -> listBuckets();
            case "CreateBucket" -> createBucket(r, t.bucket());
            case "HeadBucket" -> headBucket(t.bucket());
            case "DeleteBucket" -> deleteBucket(t.bucket());
            case "GetBucketLocation" -> bucketLocation(r, t.bucket());
            case "ListObjectsV2" -> listObjects(r, t.bucket(), true);
            case "ListObjects" -> listObjects(r, t.bucket(), false);
            case "PutObject" -> putObject(r, t);
            case "CopyObject" -> copyObject(r, t);
            case "GetObject" -> getObject(r, t, false);
            case "HeadObject" -> getObject(r, t, true);
            case "DeleteObject" -> deleteObject(t);
            default -> throw new ServiceError("NotImplemented", 501,
                    "The local endpoint does not implement this S3 request (" + r.method + " " + r.rawPath + ")");
        };
    }

    /** S3's XML error form; HEAD responses carry no body, so the SDK goes by the status alone. */
    static AwsResponse error(AwsRequest r, ServiceError e) {
        AwsResponse response;
        if ("HEAD".equals(r.method)) {
            response = AwsResponse.empty(e.status);
        } else {
            Xml xml = new Xml().start("Error").element("Code", e.code).element("Message", e.getMessage());
            if ("NoSuchKey".equals(e.code)) {
                xml.element("Key", r.detail.get("key"));
            }
            if ("NoSuchBucket".equals(e.code)) {
                xml.element("BucketName", r.detail.get("bucket"));
            }
            xml.element("RequestId", "local").element("HostId", "local").end("Error");
            response = AwsResponse.xml(e.status, xml.toString());
        }
        return response.errorCode(e.code);
    }

    // ---------------------------------------------------------------- buckets

    private AwsResponse listBuckets() {
        Xml xml = new Xml().start("ListAllMyBucketsResult", XMLNS)
                .start("Owner").element("ID", options.accountId()).element("DisplayName", "local").end("Owner")
                .start("Buckets");
        for (String name : store.bucketNames()) {
            xml.start("Bucket").element("Name", name).element("CreationDate", store.bucketCreated(name))
                    .end("Bucket");
        }
        return AwsResponse.xml(200, xml.end("Buckets").end("ListAllMyBucketsResult").toString());
    }

    private AwsResponse createBucket(AwsRequest r, String bucket) {
        requireBucketName(bucket);
        if (!store.createBucket(bucket) && !"us-east-1".equals(r.region)) {
            // us-east-1 answers 200 to re-creating your own bucket; other regions say so.
            throw new ServiceError("BucketAlreadyOwnedByYou", 409,
                    "Your previous request to create the named bucket succeeded and you already own it.");
        }
        return AwsResponse.empty(200).header("Location", "/" + bucket);
    }

    private AwsResponse headBucket(String bucket) {
        requireBucket(bucket);
        return AwsResponse.empty(200).header("x-amz-bucket-region", "us-east-1");
    }

    private AwsResponse deleteBucket(String bucket) {
        if (!store.deleteBucket(bucket)) {
            throw ObjectStore.noSuchBucket(bucket);
        }
        return AwsResponse.empty(204);
    }

    private AwsResponse bucketLocation(AwsRequest r, String bucket) {
        requireBucket(bucket);
        // us-east-1 is the empty LocationConstraint, as in S3.
        String region = "us-east-1".equals(r.region) ? "" : r.region;
        return AwsResponse.xml(200, new Xml().start("LocationConstraint", XMLNS).text(region)
                .end("LocationConstraint").toString());
    }

    private void requireBucket(String bucket) {
        if (!store.bucketExists(bucket)) {
            throw ObjectStore.noSuchBucket(bucket);
        }
    }

    private static void requireBucketName(String bucket) {
        if (!BUCKET_NAME.matcher(bucket).matches() || bucket.contains("..")) {
            throw ServiceError.badRequest("InvalidBucketName", "The specified bucket is not valid.");
        }
    }

    // ---------------------------------------------------------------- objects

    private AwsResponse putObject(AwsRequest r, Target t) {
        byte[] data = r.body;
        Map<String, String> trailers = Map.of();
        if (AwsChunked.applies(r)) {
            AwsChunked.Decoded decoded = AwsChunked.decode(r.body);
            r.detail.put("body", "aws-chunked");
            data = decoded.data();
            trailers = decoded.trailers();
            String declared = r.header("x-amz-decoded-content-length");
            if (declared != null && Long.parseLong(declared.trim()) != data.length) {
                throw ServiceError.badRequest("IncompleteBody", "You did not provide the number of bytes specified "
                        + "by x-amz-decoded-content-length (" + declared + "), but " + data.length);
            }
        }
        String md5 = r.header("Content-MD5");
        if (md5 != null && !md5.equals(Checksums.compute("md5", data))) {
            throw ServiceError.badRequest("BadDigest", "The Content-MD5 you specified did not match what we received.");
        }
        // A checksum may come as a header (plain bodies) or as a trailer (aws-chunked bodies).
        Map<String, String> checksums = new LinkedHashMap<>();
        r.headers.forEach((name, values) -> checksums.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        checksums.putAll(trailers);
        String algorithm = null;
        String checksum = null;
        for (Map.Entry<String, String> e : checksums.entrySet()) {
            String name = e.getKey();
            if (!name.startsWith("x-amz-checksum-") || name.equals("x-amz-checksum-type")
                    || name.equals("x-amz-checksum-algorithm") || name.equals("x-amz-checksum-mode")) {
                continue;
            }
            String alg = name.substring("x-amz-checksum-".length());
            String computed = Checksums.compute(alg, data);
            if (computed != null && !computed.equals(e.getValue())) {
                throw ServiceError.badRequest("BadDigest", "The " + alg.toUpperCase(Locale.ROOT)
                        + " you specified did not match the calculated checksum.");
            }
            algorithm = alg;
            checksum = e.getValue();
        }
        if (algorithm != null) {
            r.detail.put("checksum", algorithm);
        }
        String etag = "\"" + Checksums.md5Hex(data) + "\"";
        if (!store.bucketExists(t.bucket())) {
            requireBucketName(t.bucket());
        }
        store.put(t.bucket(), t.key(), new ObjectStore.StoredObject(data, etag, Instant.now(),
                contentType(r), contentEncoding(r), userMetadata(r), algorithm, checksum),
                options.autoCreateBuckets());
        AwsResponse response = AwsResponse.empty(200).header("ETag", etag);
        if (algorithm != null) {
            response.header("x-amz-checksum-" + algorithm, checksum);
        }
        return response;
    }

    private AwsResponse copyObject(AwsRequest r, Target t) {
        String source = percentDecode(r.header("x-amz-copy-source"));
        source = source.startsWith("/") ? source.substring(1) : source;
        int q = source.indexOf("?versionId=");
        if (q >= 0) {
            source = source.substring(0, q);
        }
        int slash = source.indexOf('/');
        if (slash <= 0) {
            throw ServiceError.badRequest("InvalidArgument", "Copy Source must mention the source bucket and key");
        }
        String bucket = source.substring(0, slash);
        requireBucket(bucket);
        ObjectStore.StoredObject from = store.get(bucket, source.substring(slash + 1));
        if (from == null) {
            throw new ServiceError("NoSuchKey", 404, "The specified key does not exist.");
        }
        Instant now = Instant.now();
        store.put(t.bucket(), t.key(), new ObjectStore.StoredObject(from.data(), from.etag(), now,
                from.contentType(), from.contentEncoding(), from.metadata(), from.checksumAlgorithm(),
                from.checksumValue()), options.autoCreateBuckets());
        return AwsResponse.xml(200, new Xml().start("CopyObjectResult", XMLNS).element("LastModified", now)
                .element("ETag", from.etag()).end("CopyObjectResult").toString());
    }

    private AwsResponse getObject(AwsRequest r, Target t, boolean head) {
        requireBucket(t.bucket());
        ObjectStore.StoredObject o = store.get(t.bucket(), t.key());
        if (o == null) {
            throw new ServiceError("NoSuchKey", 404, "The specified key does not exist.");
        }
        byte[] data = o.data();
        int status = 200;
        String contentRange = null;
        String range = r.header("Range");
        if (range != null) {
            Matcher m = RANGE.matcher(range.trim());
            if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
                long size = data.length;
                long first;
                long last;
                if (m.group(1).isEmpty()) {
                    first = Math.max(0, size - Long.parseLong(m.group(2)));
                    last = size - 1;
                } else {
                    first = Long.parseLong(m.group(1));
                    last = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
                }
                if (first >= size || first > last) {
                    throw new ServiceError("InvalidRange", 416, "The requested range is not satisfiable");
                }
                data = java.util.Arrays.copyOfRange(data, (int) first, (int) last + 1);
                status = 206;
                contentRange = "bytes " + first + "-" + last + "/" + size;
            }
        }
        AwsResponse response = head ? AwsResponse.empty(status) : new AwsResponse(status, data);
        response.header("Content-Type", o.contentType())
                .header("ETag", o.etag())
                .header("Last-Modified", HTTP_DATE.format(o.lastModified()))
                .header("Accept-Ranges", "bytes");
        if (head) {
            response.header("Content-Length", Long.toString(data.length));
        }
        if (contentRange != null) {
            response.header("Content-Range", contentRange);
        }
        if (o.contentEncoding() != null) {
            response.header("Content-Encoding", o.contentEncoding());
        }
        o.metadata().forEach((k, v) -> response.header("x-amz-meta-" + k, v));
        if (o.checksumAlgorithm() != null && contentRange == null
                && "ENABLED".equalsIgnoreCase(r.header("x-amz-checksum-mode"))) {
            response.header("x-amz-checksum-" + o.checksumAlgorithm(), o.checksumValue());
            response.header("x-amz-checksum-type", "FULL_OBJECT");
        }
        return response;
    }

    private AwsResponse deleteObject(Target t) {
        store.delete(t.bucket(), t.key());
        return AwsResponse.empty(204);
    }

    private static String contentType(AwsRequest r) {
        String type = r.header("Content-Type");
        return type == null || type.isBlank() ? "binary/octet-stream" : type;
    }

    /** The stored Content-Encoding: what the client sent, minus the transfer-only aws-chunked. */
    private static String contentEncoding(AwsRequest r) {
        String encoding = r.header("Content-Encoding");
        if (encoding == null) {
            return null;
        }
        List<String> kept = new ArrayList<>();
        for (String part : encoding.split(",")) {
            if (!part.isBlank() && !part.trim().equalsIgnoreCase("aws-chunked")) {
                kept.add(part.trim());
            }
        }
        return kept.isEmpty() ? null : String.join(",", kept);
    }

    private static Map<String, String> userMetadata(AwsRequest r) {
        Map<String, String> metadata = new LinkedHashMap<>();
        r.headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-amz-meta-")) {
                metadata.put(lower.substring("x-amz-meta-".length()), values.get(0));
            }
        });
        return Map.copyOf(metadata);
    }

    // ---------------------------------------------------------------- listing

    private AwsResponse listObjects(AwsRequest r, String bucket, boolean v2) {
        String prefix = r.queryParam("prefix") == null ? "" : r.queryParam("prefix");
        String delimiter = r.queryParam("delimiter");
        if (delimiter != null && delimiter.isEmpty()) {
            delimiter = null;
        }
        boolean urlEncode = "url".equals(r.queryParam("encoding-type"));
        int maxKeys = 1000;
        if (r.queryParam("max-keys") != null) {
            try {
                maxKeys = Math.min(1000, Integer.parseInt(r.queryParam("max-keys")));
            } catch (NumberFormatException e) {
                throw ServiceError.badRequest("InvalidArgument", "Provided max-keys not an integer or within "
                        + "integer range");
            }
            if (maxKeys < 0) {
                throw ServiceError.badRequest("InvalidArgument", "max-keys must not be negative");
            }
        }
        String token = v2 ? r.queryParam("continuation-token") : null;
        String after = v2 ? r.queryParam("start-after") : r.queryParam("marker");
        String skipPrefix = null;
        if (token != null) {
            String decoded;
            try {
                decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ServiceError.badRequest("InvalidArgument", "The continuation token provided is incorrect");
            }
            if (decoded.startsWith("p:")) {
                skipPrefix = decoded.substring(2);
                after = skipPrefix;
            } else if (decoded.startsWith("k:")) {
                after = decoded.substring(2);
            } else {
                throw ServiceError.badRequest("InvalidArgument", "The continuation token provided is incorrect");
            }
        } else if (after != null && delimiter != null) {
            // A V1 marker may be a common prefix returned as NextMarker.
            skipPrefix = after.endsWith(delimiter) ? after : null;
        }
        List<ObjectStore.Listed> candidates = store.list(bucket, prefix, after == null || after.isEmpty()
                ? null : after);
        List<ObjectStore.Listed> contents = new ArrayList<>();
        List<String> commonPrefixes = new ArrayList<>();
        String lastEntry = null;
        boolean lastWasPrefix = false;
        boolean truncated = false;
        int count = 0;
        for (ObjectStore.Listed l : candidates) {
            if (skipPrefix != null && l.key().startsWith(skipPrefix)) {
                continue;
            }
            String commonPrefix = null;
            if (delimiter != null) {
                int at = l.key().indexOf(delimiter, prefix.length());
                if (at >= 0) {
                    commonPrefix = l.key().substring(0, at + delimiter.length());
                }
            }
            if (commonPrefix != null && lastWasPrefix && commonPrefix.equals(lastEntry)) {
                continue;
            }
            if (count == maxKeys) {
                truncated = true;
                break;
            }
            count++;
            if (commonPrefix != null) {
                commonPrefixes.add(commonPrefix);
                lastEntry = commonPrefix;
                lastWasPrefix = true;
            } else {
                contents.add(l);
                lastEntry = l.key();
                lastWasPrefix = false;
            }
        }
        Xml xml = new Xml().start("ListBucketResult", XMLNS)
                .element("Name", bucket)
                .element("Prefix", encode(prefix, urlEncode))
                .element("Delimiter", delimiter == null ? null : encode(delimiter, urlEncode))
                .element("MaxKeys", maxKeys)
                .element("EncodingType", urlEncode ? "url" : null)
                .element("IsTruncated", truncated);
        if (v2) {
            xml.element("KeyCount", count)
                    .element("ContinuationToken", token)
                    .element("StartAfter", r.queryParam("start-after") == null ? null
                            : encode(r.queryParam("start-after"), urlEncode));
            if (truncated) {
                xml.element("NextContinuationToken", Base64.getUrlEncoder().withoutPadding().encodeToString(
                        ((lastWasPrefix ? "p:" : "k:") + lastEntry).getBytes(StandardCharsets.UTF_8)));
            }
        } else {
            xml.element("Marker", r.queryParam("marker") == null ? "" : encode(r.queryParam("marker"), urlEncode));
            if (truncated && delimiter != null) {
                xml.element("NextMarker", encode(lastEntry, urlEncode));
            }
        }
        for (ObjectStore.Listed l : contents) {
            xml.start("Contents")
                    .element("Key", encode(l.key(), urlEncode))
                    .element("LastModified", l.object().lastModified())
                    .element("ETag", l.object().etag());
            if (l.object().checksumAlgorithm() != null) {
                xml.element("ChecksumAlgorithm", l.object().checksumAlgorithm().toUpperCase(Locale.ROOT))
                        .element("ChecksumType", "FULL_OBJECT");
            }
            xml.element("Size", l.object().data().length).element("StorageClass", "STANDARD").end("Contents");
        }
        for (String p : commonPrefixes) {
            xml.start("CommonPrefixes").element("Prefix", encode(p, urlEncode)).end("CommonPrefixes");
        }
        return AwsResponse.xml(200, xml.end("ListBucketResult").toString());
    }

    /** S3's {@code encoding-type=url}: percent-encode everything but unreserved characters and '/'. */
    private static String encode(String s, boolean urlEncode) {
        if (!urlEncode || s == null) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        for (byte raw : s.getBytes(StandardCharsets.UTF_8)) {
            int c = raw & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~' || c == '/') {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c));
            }
        }
        return b.toString();
    }

    /** Decodes %XX escapes of a URL path (a '+' stays a '+', unlike form decoding). */
    static String percentDecode(String s) {
        if (s == null || s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0
                    && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                int codePoint = s.codePointAt(i);
                byte[] bytes = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
                i += Character.charCount(codePoint);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
