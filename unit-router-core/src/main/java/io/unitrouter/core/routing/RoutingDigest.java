package io.unitrouter.core.routing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Feeds the canonical text of a routing table to SHA-256 in small chunks, instead of building the whole text
 * first: at 100,000 shards that text is near a megabyte, built and encoded again on every instance for every
 * epoch. The bytes digested are exactly the UTF-8 encoding of everything appended.
 *
 * <p>Not thread-safe; one per checksum.
 */
final class RoutingDigest {

    private static final int CHUNK = 8192;

    private final MessageDigest sha256;
    private final byte[] buffer = new byte[CHUNK];
    private int used;

    RoutingDigest() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    RoutingDigest append(String text) {
        if (text == null) {
            return append("null");
        }
        int length = text.length();
        for (int i = 0; i < length; i++) {
            if (text.charAt(i) >= 0x80) {
                // Rare (ids and keys are ASCII): let the JDK encode, surrogate pairs included.
                flush();
                sha256.update(text.getBytes(StandardCharsets.UTF_8));
                return this;
            }
        }
        for (int i = 0; i < length; i++) {
            if (used == CHUNK) {
                flush();
            }
            buffer[used++] = (byte) text.charAt(i);
        }
        return this;
    }

    RoutingDigest append(char c) {
        if (c >= 0x80) {
            return append(String.valueOf(c));
        }
        if (used == CHUNK) {
            flush();
        }
        buffer[used++] = (byte) c;
        return this;
    }

    RoutingDigest append(Object value) {
        return append(String.valueOf(value));
    }

    RoutingDigest append(long value) {
        return append(Long.toString(value));
    }

    private void flush() {
        sha256.update(buffer, 0, used);
        used = 0;
    }

    /** The first 64 bits of the digest as 16 lowercase hex characters. */
    String first64Bits() {
        flush();
        return HexFormat.of().formatHex(sha256.digest(), 0, 8);
    }
}
