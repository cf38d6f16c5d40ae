package io.unitrouter.boot.web;

import io.unitrouter.core.request.Refusal;

/** What happened to an inbound request; also the {@code decision} tag of the {@code unitrouter.requests} metric. */
public enum Outcome {
    /** Served here: this cell is the target. */
    LOCAL("local", null),
    /** Served here without routing: a normal endpoint, or no key on an unannotated endpoint. */
    UNROUTED("unrouted", null),
    /** Another cell must serve it: answered 421 with the owner. */
    MISDIRECTED("misdirected", Refusal.MISDIRECTED),
    /** Another cell must serve it: forwarded there once. */
    FORWARDED("forwarded", null),
    /** Another cell must serve it, but {@code OBSERVE} mode served it here anyway. */
    OBSERVED("observed", null),
    /** A write to a frozen shard: answered 503 with Retry-After. */
    FROZEN("frozen", Refusal.FROZEN),
    /** A scoped endpoint, and the request has no routing key: answered 400. */
    MISSING_KEY("missing-key", Refusal.MISSING_KEY),
    /** The routing key is malformed or does not fit the shard function: answered 400. */
    MALFORMED("malformed", Refusal.MALFORMED_KEY),
    /** The key is sent twice with different values, by sources that disagree, or in a dot-segment path: 400. */
    AMBIGUOUS_KEY("ambiguous-key", Refusal.AMBIGUOUS_KEY),
    /** The routing context names another key than the request itself: answered 400. */
    KEY_MISMATCH("key-mismatch", Refusal.KEY_MISMATCH),
    /** A routing header does not parse: answered 400. */
    MALFORMED_CONTEXT("malformed-context", Refusal.MALFORMED_CONTEXT),
    /** Routing headers without the required signature: answered 401. */
    UNSIGNED("unsigned", Refusal.UNSIGNED),
    /** Routing headers whose signature does not match: answered 403. */
    BAD_SIGNATURE("bad-signature", Refusal.BAD_SIGNATURE),
    /** The rules cannot place the request, e.g. a global-scoped endpoint while there is no active GZone: 503. */
    UNROUTABLE("unroutable", Refusal.UNROUTABLE);

    private final String tag;
    private final Refusal refusal;

    Outcome(String tag, Refusal refusal) {
        this.tag = tag;
        this.refusal = refusal;
    }

    /**
     * The outcome of a refusal.
     *
     * @param refusal how the request is refused
     * @return the outcome; {@link #UNROUTABLE} for refusals only a gateway gives
     */
    public static Outcome of(Refusal refusal) {
        for (Outcome outcome : values()) {
            if (outcome.refusal == refusal) {
                return outcome;
            }
        }
        return UNROUTABLE;
    }

    /** The metric tag value, e.g. {@code misdirected}. */
    public String tag() {
        return tag;
    }

    /** How the request is refused, with its problem type; {@code null} when it is served or forwarded. */
    public Refusal refusal() {
        return refusal;
    }

    /** The HTTP status the request is refused with, or 0 when it is served. */
    public int status() {
        return refusal == null ? 0 : refusal.status();
    }

    /** Whether the request is served here (possibly after forwarding elsewhere, for {@link #FORWARDED}: no). */
    public boolean servedHere() {
        return refusal == null && this != FORWARDED;
    }
}
