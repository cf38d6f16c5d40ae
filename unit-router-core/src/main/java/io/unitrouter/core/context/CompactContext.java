package io.unitrouter.core.context;

import io.unitrouter.core.MalformedKeyException;
import io.unitrouter.core.RoutingKeys;
import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.context.ContextVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The value of {@link RoutingHeaders#CONTEXT}: a routing context on one line, read and written here only.
 *
 * <pre>v2 s=SHARD e=EPOCH c=CELL h=HOPS t=ISSUED_AT k=KEY sig=SIGNATURE</pre>
 *
 * <p>Fields are separated by one space, which neither keys nor cell ids can contain; each is {@code name=value}
 * and split at its first {@code =}. {@code s}, {@code e}, {@code c} and {@code k} are left out when unknown;
 * {@code t} is the time of issue in seconds since 1970-01-01T00:00Z. The signed text is the request's method, a
 * line feed, its raw path, a line feed, and the value up to but not including {@code " sig="}.
 *
 * <p>Thread-safe: the only state is each thread's own buffers for signing.
 */
final class CompactContext {

    static final String VERSION = "v2";
    static final String SIGNATURE_FIELD = " sig=";
    private static final byte[] SIGNATURE_FIELD_BYTES = SIGNATURE_FIELD.getBytes(StandardCharsets.US_ASCII);

    /** The one-letter names of the fields; a name's index is its bit in the set of names seen. */
    private static final String FIELDS = "sehctk";

    private CompactContext() {
    }

    /** The value without its signature: {@code v2 s=.. e=.. c=.. h=.. t=.. k=..}. */
    static String unsignedValue(RoutingContext context, long issuedAt) {
        AsciiText text = new AsciiText(64);
        appendValue(text, context, issuedAt);
        return text.toString(0);
    }

    /**
     * The value with its signature: {@link #unsignedValue}, {@code " sig="}, and the base64url text of
     * {@code signer}'s tag over {@link #signedText}.
     *
     * @param encoder writes the tag's text (URL-safe Base64 without padding)
     */
    static String signedValue(RoutingContext context, long issuedAt, String method, String path, HmacSha256 signer,
            Base64.Encoder encoder) {
        String signedPath = normalPath(path);
        Scratch scratch = SCRATCH.get();
        AsciiText text = scratch.text();
        // Cleared before use, not after: a call that failed half-way leaves nothing behind for the next.
        text.clear(Scratch.KEEP_AT_MOST);
        if (text.appendAscii(method) && text.append('\n').appendAscii(signedPath)) {
            // The common case: the text to sign is written once, hashed where it lies, and its last part is the
            // value itself.
            text.append('\n');
            int valueStart = text.length();
            appendValue(text, context, issuedAt);
            signer.sign(text.array(), 0, text.length(), scratch.tag());
            int tagLength = encoder.encode(scratch.tag(), scratch.tagText());
            return text.append(SIGNATURE_FIELD_BYTES).append(scratch.tagText(), 0, tagLength).toString(valueStart);
        }
        // A method or raw path outside ASCII, which a client can send: signed as UTF-8, as a receiver verifies it.
        String value = unsignedValue(context, issuedAt);
        return value + SIGNATURE_FIELD + encoder.encodeToString(signer.sign(signedText(method, path, value)
                .getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Each thread's buffers for signing: the gateway signs on a few event-loop threads, once per request, and
     * these were a third of the bytes a signed request allocated there.
     */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** The text to sign and the value, the tag, and the tag's Base64 text (43 characters for 32 bytes). */
    private record Scratch(AsciiText text, byte[] tag, byte[] tagText) {

        /**
         * A longer text (a path of kilobytes) grows the array; the thread's next signature starts a small one
         * again, so that no thread keeps the longest text it ever wrote.
         */
        static final int KEEP_AT_MOST = 1024;

        Scratch() {
            this(new AsciiText(256), new byte[32], new byte[44]);
        }
    }

    private static void appendValue(AsciiText text, RoutingContext context, long issuedAt) {
        // Keys and cell ids are visible ASCII (RoutingContext checks both), so they always fit.
        text.appendAscii(VERSION);
        if (context.shard() >= 0) {
            text.append(' ').append('s').append('=').append(context.shard());
        }
        if (context.epoch() >= 0) {
            text.append(' ').append('e').append('=').append(context.epoch());
        }
        if (context.cell() != null) {
            text.append(' ').append('c').append('=').appendAscii(context.cell());
        }
        text.append(' ').append('h').append('=').append(context.hops());
        text.append(' ').append('t').append('=').append(issuedAt);
        if (context.key() != null) {
            text.append(' ').append('k').append('=').appendAscii(context.key());
        }
    }

    /** The text a signature covers. */
    static String signedText(String method, String path, String unsignedValue) {
        return method + '\n' + normalPath(path) + '\n' + unsignedValue;
    }

    /**
     * The text the signature of {@code parsed} covers for this request, as bytes: {@link #signedText} written
     * once, with the unsigned part read where it lies in the header's value.
     *
     * @return the text in {@code array()[0, length())}, or {@code null} when the method, the path or the value
     *     is not all ASCII (a client can send such a request), which is signed as the UTF-8 of
     *     {@link #signedText}
     */
    static AsciiText signedBytes(String method, String path, Parsed parsed) {
        if (method == null) {
            // Only the string form writes a missing method the way it always has ("null"): left to it.
            return null;
        }
        String signedPath = normalPath(path);
        AsciiText text = new AsciiText(method.length() + signedPath.length() + parsed.unsignedEnd() + 2);
        boolean ascii = text.appendAscii(method) && text.append('\n').appendAscii(signedPath)
                && text.append('\n').appendAscii(parsed.value(), 0, parsed.unsignedEnd());
        return ascii ? text : null;
    }

    /** The path as signed: the raw path as sent, {@code /} when empty. */
    static String normalPath(String path) {
        return path == null || path.isEmpty() ? "/" : path;
    }

    /**
     * Reads a value.
     *
     * @throws ContextVerificationException ({@link Reason#MALFORMED}) naming what does not parse
     */
    static Parsed parse(String value) {
        // Runs on every request a cell serves, so it scans the value in place: no regex split, no set of names,
        // and numbers are read without cutting them out first.
        int sig = value.indexOf(SIGNATURE_FIELD);
        int end = sig < 0 ? value.length() : sig;
        int versionEnd = value.indexOf(' ');
        if (versionEnd < 0 || versionEnd > end) {
            versionEnd = end;
        }
        if (versionEnd != VERSION.length() || !value.startsWith(VERSION)) {
            throw malformed(value, "does not start with " + VERSION);
        }
        String key = null;
        String cell = null;
        long shard = -1;
        long epoch = -1;
        long hops = -1;
        long issuedAt = -1;
        int seen = 0;
        int start = versionEnd + 1;
        while (start <= end) {
            int space = value.indexOf(' ', start);
            int fieldEnd = space < 0 || space > end ? end : space;
            int equals = value.indexOf('=', start);
            if (equals < 0 || equals >= fieldEnd || equals == start) {
                throw malformed(value, "has a field without a name: "
                        + RoutingKeys.quote(value.substring(start, fieldEnd)));
            }
            int field = equals - start == 1 ? FIELDS.indexOf(value.charAt(start)) : -1;
            if (field < 0) {
                throw malformed(value, "has an unknown field " + RoutingKeys.quote(value.substring(start, equals)));
            }
            if ((seen & (1 << field)) != 0) {
                throw malformed(value, "names field " + FIELDS.charAt(field) + " twice");
            }
            seen |= 1 << field;
            int from = equals + 1;
            switch (FIELDS.charAt(field)) {
                case 's' -> shard = number(value, 's', from, fieldEnd, Integer.MAX_VALUE);
                case 'e' -> epoch = number(value, 'e', from, fieldEnd, Long.MAX_VALUE);
                case 'c' -> cell = value.substring(from, fieldEnd);
                case 'h' -> hops = number(value, 'h', from, fieldEnd, Integer.MAX_VALUE);
                case 't' -> issuedAt = number(value, 't', from, fieldEnd, Long.MAX_VALUE);
                default -> key = value.substring(from, fieldEnd);
            }
            start = fieldEnd + 1;
        }
        if (hops < 0 || issuedAt < 0) {
            throw malformed(value, "lacks h (hops) or t (time of issue)");
        }
        if (sig >= 0 && value.indexOf(' ', sig + SIGNATURE_FIELD.length()) >= 0) {
            throw malformed(value, "has fields after sig");
        }
        RoutingContext context;
        try {
            context = new RoutingContext(key, (int) shard, epoch, cell, (int) hops);
        } catch (MalformedKeyException e) {
            throw new ContextVerificationException(Reason.MALFORMED, "header " + RoutingHeaders.CONTEXT + ": "
                    + e.getMessage());
        } catch (UnitRouterException e) {
            throw new ContextVerificationException(Reason.MALFORMED, "header " + RoutingHeaders.CONTEXT + ": "
                    + e.getMessage());
        }
        return new Parsed(context, issuedAt, value, sig);
    }

    /** Reads the decimal digits {@code value[from, to)}: no sign, no other character, at most {@code max}. */
    private static long number(String value, char name, int from, int to, long max) {
        long parsed = 0;
        boolean valid = from < to;
        for (int i = from; valid && i < to; i++) {
            int digit = value.charAt(i) - '0';
            if (digit < 0 || digit > 9 || parsed > (max - digit) / 10) {
                valid = false;
            } else {
                parsed = parsed * 10 + digit;
            }
        }
        if (valid) {
            return parsed;
        }
        throw malformed(value, "field " + name + " " + RoutingKeys.quote(value.substring(from, to))
                + " is not a whole number in 0.." + max);
    }

    private static ContextVerificationException malformed(String value, String problem) {
        return new ContextVerificationException(Reason.MALFORMED, "header " + RoutingHeaders.CONTEXT + " "
                + RoutingKeys.quote(value) + " " + problem);
    }

    /**
     * A parsed value. The unsigned part and the signature are kept as places in the value, not cut out of it: a
     * cell verifies them where they lie, and needs them as strings only in the rare cases (a request outside
     * ASCII, a refusal's message).
     *
     * @param context the context
     * @param issuedAt seconds since the epoch
     * @param value the header's whole value
     * @param signatureField where {@code " sig="} starts in {@code value}, or {@code -1} when unsigned
     */
    record Parsed(RoutingContext context, long issuedAt, String value, int signatureField) {

        /** Whether the value carries a signature. */
        boolean isSigned() {
            return signatureField >= 0;
        }

        /** The end of the unsigned part: the value is signed in {@code [0, unsignedEnd())}. */
        int unsignedEnd() {
            return signatureField < 0 ? value.length() : signatureField;
        }

        /** The value up to {@code " sig="}, as signed. */
        String unsignedValue() {
            return value.substring(0, unsignedEnd());
        }

        /** Where the signature's text starts; meaningful only when {@link #isSigned()}. */
        int signatureStart() {
            return signatureField + SIGNATURE_FIELD.length();
        }

        /** The signature's text, or {@code null} when unsigned. */
        String signature() {
            return signatureField < 0 ? null : value.substring(signatureStart());
        }
    }
}
