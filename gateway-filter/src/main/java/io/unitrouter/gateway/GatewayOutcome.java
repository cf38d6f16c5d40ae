package io.unitrouter.gateway;

import io.unitrouter.core.request.Refusal;

/**
 * What the gateway did with a request, as counted by {@link GatewayMetrics} (tag {@code outcome}).
 * Every request a unit route handles ends in exactly one outcome.
 */
public enum GatewayOutcome {
    /** Forwarded to its target cell at once. */
    ROUTED("routed"),
    /** A write to a frozen shard, held until a new epoch unfroze it, then forwarded to the (new) owner. */
    HELD("held"),
    /** A write to a frozen shard whose hold expired: answered {@code 503} with {@code Retry-After}. */
    REJECTED_FROZEN("rejected-frozen"),
    /** No routing key: answered {@code 400}, or forwarded to the default cell (then the cell tag says which). */
    MISSING_KEY("missing-key"),
    /** A routing key that is empty or not valid for the key syntax or shard function: answered {@code 400}. */
    MALFORMED_KEY("malformed-key"),
    /**
     * The key was sent twice with different values, by sources that disagree, or in a path with dot-segments:
     * answered {@code 400}.
     */
    AMBIGUOUS_KEY("ambiguous-key"),
    /** Routing headers from outside failed signature verification and the policy is to refuse: {@code 403}. */
    BAD_SIGNATURE("bad-signature"),
    /** A city-scoped request named a city the rules do not declare: answered {@code 400}. */
    UNKNOWN_CITY("unknown-city"),
    /** The target cell has no base URL configured: answered {@code 502}. */
    NO_UPSTREAM("no-upstream"),
    /** The rules cannot route the request (e.g. no GZone, default cell not declared): answered {@code 503}. */
    UNROUTABLE("unroutable"),
    /**
     * An {@code lb://} route had no instance in the target cell (writes never go elsewhere): answered {@code 503}.
     * Counted in addition to the outcome under which the request was forwarded.
     */
    NO_INSTANCE("no-instance"),
    /** The target cell did not answer (connection refused, reset or timed out): answered {@code 502}. */
    CELL_UNAVAILABLE("cell-unavailable");

    private final String tag;

    GatewayOutcome(String tag) {
        this.tag = tag;
    }

    /**
     * The outcome a refusal is counted under.
     *
     * @param refusal how the gateway refused a request
     * @return the outcome
     */
    public static GatewayOutcome of(Refusal refusal) {
        return switch (refusal) {
            case MISSING_KEY -> MISSING_KEY;
            case MALFORMED_KEY, KEY_MISMATCH -> MALFORMED_KEY;
            case AMBIGUOUS_KEY -> AMBIGUOUS_KEY;
            case UNKNOWN_CITY -> UNKNOWN_CITY;
            case MALFORMED_CONTEXT, UNSIGNED, BAD_SIGNATURE -> BAD_SIGNATURE;
            case FROZEN -> REJECTED_FROZEN;
            case MISDIRECTED, UNROUTABLE -> UNROUTABLE;
            case NO_UPSTREAM -> NO_UPSTREAM;
            case NO_INSTANCE -> NO_INSTANCE;
            case CELL_UNAVAILABLE -> CELL_UNAVAILABLE;
        };
    }

    /** The metric tag value, e.g. {@code rejected-frozen}. */
    public String tag() {
        return tag;
    }
}
