package io.unitrouter.core.context;

import java.util.List;
import java.util.Locale;

/**
 * The HTTP headers that carry a {@link RoutingContext} between a gateway and cells, and between cells.
 * Names are case-insensitive, as in HTTP.
 */
public final class RoutingHeaders {

    /** The routing key, e.g. the user id. */
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

    /** Every header above, in this order. */
    public static final List<String> ALL = List.of(KEY, SHARD, EPOCH, CELL, HOPS, SIGNATURE);

    /** The prefix all routing headers share; a gateway strips every incoming header with it. */
    public static final String PREFIX = "X-Unit-";

    private RoutingHeaders() {
    }

    /** Whether {@code name} is a routing header (starts with {@code X-Unit-}, ignoring case). */
    public static boolean isRoutingHeader(String name) {
        return name != null && name.length() >= PREFIX.length()
                && name.substring(0, PREFIX.length()).toLowerCase(Locale.ROOT).equals("x-unit-");
    }
}
