package io.unitrouter.core.key;

import io.unitrouter.core.MalformedKeyException;
import io.unitrouter.core.RoutingKeys;
import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * The one reading of a request path that routing keys come from. A path is refused, not normalised, when two
 * servers could read its segments differently: a gateway that takes {@code /api/seg/5/../85/x} as it stands
 * routes by user 5, while a cell that normalises it serves user 85.
 *
 * <p>Refused: a segment that is {@code .} or {@code ..} once its matrix parameters ({@code ;...}) are dropped and
 * it is percent-decoded ({@code %2e%2e}, {@code ..;x}); a segment holding an encoded slash or backslash
 * ({@code %2f}, {@code %5c}); a raw backslash.
 *
 * <p>Stateless and thread-safe.
 */
public final class RequestPaths {

    private RequestPaths() {
    }

    /**
     * Checks that a path can be read only one way.
     *
     * @param source the key source about to read it, for the message
     * @param path the raw path, may be {@code null}
     * @throws AmbiguousKeyException naming the path and the segment, if it has a dot-segment, an encoded slash or
     *     a backslash
     */
    public static void requireUnambiguous(String source, String path) {
        if (path == null) {
            return;
        }
        if (path.indexOf('\\') >= 0) {
            throw ambiguous(source, path, "contains a backslash");
        }
        if (path.indexOf('.') < 0 && path.indexOf('%') < 0) {
            return;
        }
        int start = 0;
        int length = path.length();
        while (start <= length) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = length;
            }
            String segment = path.substring(start, end);
            int semicolon = segment.indexOf(';');
            String bare = semicolon < 0 ? segment : segment.substring(0, semicolon);
            String decoded = decodeOrNull(bare);
            if (decoded == null) {
                throw ambiguous(source, path, "has a malformed percent-encoding in segment " + RoutingKeys.quote(segment));
            }
            if (decoded.equals(".") || decoded.equals("..")) {
                throw ambiguous(source, path, "has the dot-segment " + RoutingKeys.quote(segment)
                        + "; send the path without dot-segments");
            }
            if (decoded.indexOf('/') >= 0 || decoded.indexOf('\\') >= 0) {
                throw ambiguous(source, path, "has an encoded slash in segment " + RoutingKeys.quote(segment));
            }
            start = end + 1;
        }
    }

    /**
     * A path segment as a key: matrix parameters dropped, percent-decoded as UTF-8.
     *
     * @param source the key source, for the message
     * @param segment the raw segment, not {@code null}
     * @return the decoded segment; {@code null} when nothing is left
     * @throws MalformedKeyException if the percent-encoding is malformed
     */
    public static String segmentKey(String source, String segment) {
        int semicolon = segment.indexOf(';');
        String bare = semicolon < 0 ? segment : segment.substring(0, semicolon);
        if (bare.isEmpty()) {
            return null;
        }
        String decoded = decodeOrNull(bare);
        if (decoded == null) {
            throw new MalformedKeyException(bare, "from " + source + " has a malformed percent-encoding");
        }
        return decoded;
    }

    private static AmbiguousKeyException ambiguous(String source, String path, String problem) {
        return new AmbiguousKeyException(source, null, "cannot be read from " + source + ": path "
                + RoutingKeys.quote(path) + " " + problem);
    }

    /** Percent-decodes UTF-8; {@code null} when an escape or the UTF-8 it encodes is malformed. */
    private static String decodeOrNull(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '%') {
                if (c > 0x7f) {
                    return null;
                }
                bytes.write(c);
                continue;
            }
            if (i + 2 >= text.length()) {
                return null;
            }
            int high = Character.digit(text.charAt(i + 1), 16);
            int low = Character.digit(text.charAt(i + 2), 16);
            if (high < 0 || low < 0) {
                return null;
            }
            bytes.write(high << 4 | low);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
