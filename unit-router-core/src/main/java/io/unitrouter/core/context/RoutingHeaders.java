package io.unitrouter.core.context;

import java.util.List;
import java.util.function.Function;

/**
 * The HTTP headers that carry a {@link RoutingContext} between a gateway and cells, and between cells:
 * {@link #CONTEXT}, and the six headers of release 0.1 that are still read for one release ({@link #LEGACY}).
 * Names are case-insensitive, as in HTTP.
 */
public final class RoutingHeaders {

    /** The whole routing context on one line, signed: see {@link RoutingHeaderCodec}. */
    public static final String CONTEXT = "X-Unit-Context";

    /** The routing key, e.g. the user id (release 0.1 form). */
    public static final String KEY = "X-Unit-Key";
    /** The key's shard. */
    public static final String SHARD = "X-Unit-Shard";
    /** The epoch of the rules the sender routed with. */
    public static final String EPOCH = "X-Unit-Epoch";
    /** The target cell on requests; the owner cell on 421 answers. */
    public static final String CELL = "X-Unit-Cell";
    /** How many times the request has been forwarded between cells. */
    public static final String HOPS = "X-Unit-Hops";
    /** HMAC-SHA256 over the other headers: {@code v1:<base64url>}. */
    public static final String SIGNATURE = "X-Unit-Signature";

    /** The six headers of release 0.1, in this order. */
    public static final List<String> LEGACY = List.of(KEY, SHARD, EPOCH, CELL, HOPS, SIGNATURE);

    /** Every header above: {@link #CONTEXT}, then {@link #LEGACY}. */
    public static final List<String> ALL = List.of(CONTEXT, KEY, SHARD, EPOCH, CELL, HOPS, SIGNATURE);

    /** The prefix all routing headers share; a gateway strips every incoming header with it. */
    public static final String PREFIX = "X-Unit-";

    private RoutingHeaders() {
    }

    /**
     * Whether {@code name} is a routing header: starts with {@code X-Unit-}, ignoring ASCII case. The one such
     * test in unit-router; it allocates nothing, since a gateway asks it of every header of every request.
     *
     * @param name a header name, may be {@code null}
     * @return whether it is a routing header
     */
    public static boolean isRoutingHeader(CharSequence name) {
        return name != null && prefixAt(name, 0);
    }

    /** Whether {@link #PREFIX} occurs in {@code text} at {@code start}, ignoring ASCII case. */
    private static boolean prefixAt(CharSequence text, int start) {
        int length = PREFIX.length();
        if (text.length() - start < length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char a = text.charAt(start + i);
            char b = PREFIX.charAt(i);
            if (a != b && Character.toLowerCase(a) != Character.toLowerCase(b)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A {@code Connection} header value without the tokens that name routing headers. A client that lists
     * {@code X-Unit-Cell} in {@code Connection} asks every proxy on the way to delete that header as hop-by-hop,
     * including the fresh one a gateway writes; dropping the token keeps the request's other connection options.
     *
     * @param connection the header's value, may be {@code null}
     * @return {@code connection} itself when it names no routing header; otherwise the remaining tokens, or
     *     {@code null} when none remain
     */
    public static String withoutRoutingTokens(String connection) {
        if (connection == null || !namesRoutingHeader(connection)) {
            return connection;
        }
        StringBuilder kept = new StringBuilder(connection.length());
        for (String token : connection.split(",")) {
            String name = token.trim();
            if (!name.isEmpty() && !isRoutingHeader(name)) {
                if (kept.length() > 0) {
                    kept.append(", ");
                }
                kept.append(name);
            }
        }
        return kept.length() == 0 ? null : kept.toString();
    }

    /** Whether a {@code Connection} header value names a routing header; allocates nothing. */
    public static boolean namesRoutingHeader(CharSequence connection) {
        for (int start = 0; start + PREFIX.length() <= connection.length(); start++) {
            if (prefixAt(connection, start)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The target cell that a request's routing headers name, for the sender's own use (choosing an instance, a
     * circuit breaker): the {@code c} field of {@link #CONTEXT}, else {@link #CELL}. Nothing is verified; a
     * receiver reads the context with {@link RoutingHeaderCodec#decode(Function, String, String)}.
     *
     * @param header looks up one header by name
     * @return the cell id, or {@code null} when the headers name none
     */
    public static String targetCell(Function<String, String> header) {
        String context = header.apply(CONTEXT);
        if (context == null) {
            return header.apply(CELL);
        }
        int start = context.indexOf(" c=");
        if (start < 0) {
            return null;
        }
        int end = context.indexOf(' ', start + 3);
        return context.substring(start + 3, end < 0 ? context.length() : end);
    }
}
