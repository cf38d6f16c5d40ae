package io.unitrouter.core;

/**
 * The syntax every routing key must have, whatever its shard function: 1 to
 * {@value #MAX_LENGTH} visible ASCII characters ({@code '!'} to {@code '~'}). This keeps keys safe to
 * carry in HTTP headers and to print in logs.
 *
 * <p>Stateless and thread-safe.
 */
public final class RoutingKeys {

    /** The longest key accepted, in characters. */
    public static final int MAX_LENGTH = 128;

    private RoutingKeys() {
    }

    /**
     * Checks the syntax of a key.
     *
     * @param key the key as received
     * @return the same key, for chaining
     * @throws MalformedKeyException if the key is {@code null}, empty, longer than {@value #MAX_LENGTH}
     *     characters, or contains a character outside {@code '!'..'~'}
     */
    public static String check(String key) {
        checkLength(key);
        for (int i = 0, length = key.length(); i < length; i++) {
            char c = key.charAt(i);
            if (c < '!' || c > '~') {
                throw new MalformedKeyException(key,
                        "contains character " + String.format("U+%04X", (int) c) + " at index " + i
                                + "; only visible ASCII is allowed");
            }
        }
        return key;
    }

    /**
     * The part of {@link #check} that does not look at the characters: the key is present, not empty and
     * not too long, with the same messages.
     *
     * @param key the key as received
     * @throws MalformedKeyException if the key is {@code null}, empty or longer than {@value #MAX_LENGTH}
     *     characters
     */
    public static void checkLength(String key) {
        if (key == null) {
            throw new MalformedKeyException(null, "is missing");
        }
        int length = key.length();
        if (length == 0) {
            throw new MalformedKeyException(key, "is empty");
        }
        if (length > MAX_LENGTH) {
            throw new MalformedKeyException(key, "is " + length + " characters long; the limit is " + MAX_LENGTH);
        }
    }

    /** Whether every character of {@code text} is visible ASCII ({@code '!'..'~'}). */
    public static boolean isVisibleAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '!' || c > '~') {
                return false;
            }
        }
        return true;
    }

    /**
     * Quotes an untrusted key for a log line or message: wrapped in single quotes, cut to 64
     * characters, and with control and non-ASCII characters escaped, so that a hostile key cannot
     * forge log lines.
     *
     * @param key any string, may be {@code null}
     * @return a printable, quoted form
     */
    public static String quote(String key) {
        if (key == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(Math.min(key.length(), 64) + 8).append('\'');
        int shown = Math.min(key.length(), 64);
        for (int i = 0; i < shown; i++) {
            char c = key.charAt(i);
            if (c >= ' ' && c <= '~' && c != '\'' && c != '\\') {
                sb.append(c);
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        if (key.length() > shown) {
            sb.append("...(").append(key.length()).append(" chars)");
        }
        return sb.append('\'').toString();
    }
}
