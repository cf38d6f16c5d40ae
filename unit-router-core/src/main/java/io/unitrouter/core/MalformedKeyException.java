package io.unitrouter.core;

import java.util.Map;

/**
 * A routing key is missing, too long, contains characters that are not allowed, or does not fit
 * the shard function (for example a non-numeric key for {@code mod}). The key is never routed:
 * a malformed key must not reach any cell, least of all a wrong one.
 *
 * <p>Immutable and thread-safe.
 */
public class MalformedKeyException extends UnitRouterException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    /**
     * @param key the offending key as received (may be {@code null} when it is missing)
     * @param reason what is wrong with it, e.g. {@code "is not a non-negative decimal number"}
     */
    public MalformedKeyException(String key, String reason) {
        super(key == null ? "routing key is missing" : "routing key " + RoutingKeys.quote(key) + " " + reason,
                key == null ? Map.of("reason", reason) : Map.of("key", RoutingKeys.quote(key), "reason", reason),
                null);
        this.reason = reason;
    }

    /** What is wrong with the key, without the key itself. */
    public String reason() {
        return reason;
    }
}
