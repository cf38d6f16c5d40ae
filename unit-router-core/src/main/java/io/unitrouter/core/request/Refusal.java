package io.unitrouter.core.request;

import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.context.ContextVerificationException;
import io.unitrouter.core.key.AmbiguousKeyException;
import io.unitrouter.core.MalformedKeyException;

/**
 * Every way unit-router refuses a request, with the one problem type, title and HTTP status it has wherever it
 * is refused: at the gateway, at a cell, or on the way between. A frozen shard or a forged signature looks the
 * same to a client whichever layer caught it.
 *
 * <p>Problem types are {@value #TYPE_BASE}{@code <tag>}, e.g. {@code https://unit-router.io/problems/frozen}
 * (RFC 9457).
 */
public enum Refusal {

    /** A route or endpoint that needs a routing key got none. */
    MISSING_KEY("missing-key", 400, "Routing key required"),
    /** The key is empty, too long, has characters outside visible ASCII, or does not fit the shard function. */
    MALFORMED_KEY("malformed-key", 400, "Malformed routing key"),
    /** The key was sent twice with different values, by two sources that disagree, or in a dot-segment path. */
    AMBIGUOUS_KEY("ambiguous-key", 400, "Ambiguous routing key"),
    /** The signed routing context names another key than the request itself (path variable, query, header). */
    KEY_MISMATCH("key-mismatch", 400, "Routing key does not match the request"),
    /** A city-scoped request names a city the rules do not declare, or none where one is needed. */
    UNKNOWN_CITY("unknown-city", 400, "Unknown city"),
    /** Routing headers that do not parse. */
    MALFORMED_CONTEXT("malformed-context", 400, "Malformed routing headers"),
    /** Routing headers without the signature this service requires. */
    UNSIGNED("unsigned", 401, "Routing headers not signed"),
    /** Routing headers whose signature does not match them, this request, or the time. */
    BAD_SIGNATURE("bad-signature", 403, "Routing headers not trusted"),
    /** Another cell owns the request; the answer names it in {@code X-Unit-Cell}. */
    MISDIRECTED("misdirected", 421, "Misdirected request"),
    /** A write to a shard that is frozen while it moves between cells; the answer carries {@code Retry-After}. */
    FROZEN("frozen", 503, "Shard frozen"),
    /** The rules cannot route the request, e.g. no active GZone, or a default cell that is not declared. */
    UNROUTABLE("unroutable", 503, "Cannot route request"),
    /** The target cell has no address configured at the gateway. */
    NO_UPSTREAM("no-upstream", 502, "Cell not reachable"),
    /** No instance of the target cell is registered; writes never go to another cell instead. */
    NO_INSTANCE("no-instance", 503, "No instance in the target cell"),
    /** The target cell was reached for, but did not answer: connection refused, reset, or timed out. */
    CELL_UNAVAILABLE("cell-unavailable", 502, "Cell unavailable");

    /** The prefix of every problem type. */
    public static final String TYPE_BASE = "https://unit-router.io/problems/";

    private final String tag;
    private final int status;
    private final String title;
    private final String type;

    Refusal(String tag, int status, String title) {
        this.tag = tag;
        this.status = status;
        this.title = title;
        this.type = TYPE_BASE + tag;
    }

    /** The short name, e.g. {@code frozen}: the end of the problem type. */
    public String tag() {
        return tag;
    }

    /** The HTTP status, e.g. {@code 503}. */
    public int status() {
        return status;
    }

    /** The problem title, the same for every refusal of this kind. */
    public String title() {
        return title;
    }

    /** The problem type URI, e.g. {@code https://unit-router.io/problems/frozen}. */
    public String type() {
        return type;
    }

    /**
     * The refusal a failure to read or check a request stands for.
     *
     * @param problem what went wrong
     * @return the refusal: by the exception's kind, {@link #UNROUTABLE} for any other
     */
    public static Refusal of(UnitRouterException problem) {
        if (problem instanceof RefusedRequestException refused) {
            return refused.refusal();
        }
        if (problem instanceof ContextVerificationException verification) {
            return switch (verification.reason()) {
                case MALFORMED -> MALFORMED_CONTEXT;
                case UNSIGNED -> UNSIGNED;
                case BAD_SIGNATURE -> BAD_SIGNATURE;
            };
        }
        if (problem instanceof AmbiguousKeyException) {
            return AMBIGUOUS_KEY;
        }
        if (problem instanceof MalformedKeyException || problem instanceof io.unitrouter.core.key.KeySourceException) {
            return MALFORMED_KEY;
        }
        return UNROUTABLE;
    }
}
