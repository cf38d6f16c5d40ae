package io.unitrouter.core.context;

import io.unitrouter.core.MalformedKeyException;
import io.unitrouter.core.RoutingKeys;
import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.context.ContextVerificationException.Reason;
import java.util.HashSet;
import java.util.Set;

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
 * <p>Stateless and thread-safe.
 */
final class CompactContext {

    static final String VERSION = "v2";
    static final String SIGNATURE_FIELD = " sig=";

    private CompactContext() {
    }

    /** The value without its signature: {@code v2 s=.. e=.. c=.. h=.. t=.. k=..}. */
    static String unsignedValue(RoutingContext context, long issuedAt) {
        StringBuilder value = new StringBuilder(64).append(VERSION);
        if (context.shard() >= 0) {
            value.append(" s=").append(context.shard());
        }
        if (context.epoch() >= 0) {
            value.append(" e=").append(context.epoch());
        }
        if (context.cell() != null) {
            value.append(" c=").append(context.cell());
        }
        value.append(" h=").append(context.hops()).append(" t=").append(issuedAt);
        if (context.key() != null) {
            value.append(" k=").append(context.key());
        }
        return value.toString();
    }

    /** The text a signature covers. */
    static String signedText(String method, String path, String unsignedValue) {
        return method + '\n' + normalPath(path) + '\n' + unsignedValue;
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
        int sig = value.indexOf(SIGNATURE_FIELD);
        String unsigned = sig < 0 ? value : value.substring(0, sig);
        String signature = sig < 0 ? null : value.substring(sig + SIGNATURE_FIELD.length());
        String[] fields = unsigned.split(" ", -1);
        if (!fields[0].equals(VERSION)) {
            throw malformed(value, "does not start with " + VERSION);
        }
        String key = null;
        String cell = null;
        long shard = -1;
        long epoch = -1;
        long hops = -1;
        long issuedAt = -1;
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < fields.length; i++) {
            String field = fields[i];
            int equals = field.indexOf('=');
            if (equals <= 0) {
                throw malformed(value, "has a field without a name: " + RoutingKeys.quote(field));
            }
            String name = field.substring(0, equals);
            String text = field.substring(equals + 1);
            if (!seen.add(name)) {
                throw malformed(value, "names field " + name + " twice");
            }
            switch (name) {
                case "s" -> shard = number(value, name, text, Integer.MAX_VALUE);
                case "e" -> epoch = number(value, name, text, Long.MAX_VALUE);
                case "c" -> cell = text;
                case "h" -> hops = number(value, name, text, Integer.MAX_VALUE);
                case "t" -> issuedAt = number(value, name, text, Long.MAX_VALUE);
                case "k" -> key = text;
                default -> throw malformed(value, "has an unknown field " + RoutingKeys.quote(name));
            }
        }
        if (hops < 0 || issuedAt < 0) {
            throw malformed(value, "lacks h (hops) or t (time of issue)");
        }
        if (signature != null && signature.indexOf(' ') >= 0) {
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
        return new Parsed(context, issuedAt, unsigned, signature);
    }

    private static long number(String value, String name, String text, long max) {
        try {
            long parsed = Long.parseLong(text);
            if (parsed >= 0 && parsed <= max && text.charAt(0) != '+') {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below, with the value
        }
        throw malformed(value, "field " + name + " " + RoutingKeys.quote(text) + " is not a whole number in 0.." + max);
    }

    private static ContextVerificationException malformed(String value, String problem) {
        return new ContextVerificationException(Reason.MALFORMED, "header " + RoutingHeaders.CONTEXT + " "
                + RoutingKeys.quote(value) + " " + problem);
    }

    /**
     * A parsed value.
     *
     * @param context the context
     * @param issuedAt seconds since the epoch
     * @param unsignedValue the value up to {@code " sig="}, as signed
     * @param signature the signature text, or {@code null} when unsigned
     */
    record Parsed(RoutingContext context, long issuedAt, String unsignedValue, String signature) {
    }
}
