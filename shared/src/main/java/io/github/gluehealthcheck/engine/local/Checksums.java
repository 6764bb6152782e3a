package io.github.gluehealthcheck.engine.local;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/** The S3 flexible checksums the JDK can compute, base64 as S3 sends them; null for algorithms it cannot. */
final class Checksums {

    private Checksums() {
    }

    static String compute(String algorithm, byte[] data) {
        return switch (algorithm.toLowerCase(Locale.ROOT)) {
            case "crc32" -> crc(new CRC32(), data);
            case "crc32c" -> crc(new CRC32C(), data);
            case "sha1" -> digest("SHA-1", data);
            case "sha256" -> digest("SHA-256", data);
            case "md5" -> digest("MD5", data);
            default -> null;
        };
    }

    private static String crc(Checksum checksum, byte[] data) {
        checksum.update(data, 0, data.length);
        byte[] four = ByteBuffer.allocate(4).putInt((int) checksum.getValue()).array();
        return Base64.getEncoder().encodeToString(four);
    }

    private static String digest(String name, byte[] data) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance(name).digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String md5Hex(byte[] data) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
