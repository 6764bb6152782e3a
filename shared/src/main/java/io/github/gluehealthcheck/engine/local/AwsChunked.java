package io.github.gluehealthcheck.engine.local;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes an {@code aws-chunked} body: {@code <hex size>[;chunk-signature=...]\r\n<bytes>\r\n} chunks, a
 * zero-size chunk, then trailing headers ({@code x-amz-checksum-crc32:...}, {@code x-amz-trailer-signature:...})
 * and an empty line. Signed and unsigned variants share this form; signatures are not verified.
 */
final class AwsChunked {

    record Decoded(byte[] data, Map<String, String> trailers) {
    }

    private AwsChunked() {
    }

    /** Whether the request body is aws-chunked (SDK v2 sends it by default for PutObject over http). */
    static boolean applies(AwsRequest request) {
        String sha = request.header("x-amz-content-sha256");
        if (sha != null && sha.startsWith("STREAMING-")) {
            return true;
        }
        String encoding = request.header("Content-Encoding");
        return encoding != null && encoding.toLowerCase(Locale.ROOT).contains("aws-chunked");
    }

    static Decoded decode(byte[] body) {
        ByteArrayOutputStream data = new ByteArrayOutputStream(body.length);
        Map<String, String> trailers = new LinkedHashMap<>();
        int pos = 0;
        while (true) {
            int eol = lineEnd(body, pos);
            if (eol < 0) {
                throw incomplete("chunk header without line end");
            }
            String header = new String(body, pos, eol - pos, StandardCharsets.US_ASCII);
            pos = eol + 2;
            int semicolon = header.indexOf(';');
            String hex = (semicolon < 0 ? header : header.substring(0, semicolon)).trim();
            int size;
            try {
                size = Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                throw incomplete("bad chunk size '" + hex + "'");
            }
            if (size == 0) {
                break;
            }
            if (size < 0 || pos + size > body.length) {
                throw incomplete("chunk of " + size + " bytes runs past the body");
            }
            data.write(body, pos, size);
            pos += size;
            if (pos + 1 < body.length && body[pos] == '\r' && body[pos + 1] == '\n') {
                pos += 2;
            } else {
                throw incomplete("chunk data not followed by CRLF");
            }
        }
        // Trailing headers until an empty line or the end of the body.
        while (pos < body.length) {
            int eol = lineEnd(body, pos);
            String line = new String(body, pos, (eol < 0 ? body.length : eol) - pos, StandardCharsets.UTF_8);
            pos = eol < 0 ? body.length : eol + 2;
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                trailers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return new Decoded(data.toByteArray(), trailers);
    }

    private static int lineEnd(byte[] body, int from) {
        for (int i = from; i + 1 < body.length; i++) {
            if (body[i] == '\r' && body[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static ServiceError incomplete(String why) {
        return ServiceError.badRequest("IncompleteBody", "The aws-chunked request body is malformed: " + why);
    }
}
