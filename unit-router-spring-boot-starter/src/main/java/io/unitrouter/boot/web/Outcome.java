package io.unitrouter.boot.web;

/** What happened to an inbound request; also the {@code decision} tag of the {@code unitrouter.requests} metric. */
public enum Outcome {
    /** Served here: this cell is the target. */
    LOCAL("local", 0),
    /** Served here without routing: a normal endpoint, or no key on an unannotated endpoint. */
    UNROUTED("unrouted", 0),
    /** Another cell must serve it: answered 421 with the owner. */
    MISDIRECTED("misdirected", 421),
    /** Another cell must serve it: forwarded there once. */
    FORWARDED("forwarded", 0),
    /** Another cell must serve it, but {@code OBSERVE} mode served it here anyway. */
    OBSERVED("observed", 0),
    /** A write to a frozen shard: answered 503 with Retry-After. */
    FROZEN("frozen", 503),
    /** A unit-scoped endpoint, and the request has no routing key: answered 400. */
    MISSING_KEY("missing-key", 400),
    /** The routing key, or a routing header, is malformed: answered 400. */
    MALFORMED("malformed", 400),
    /** Routing headers without the required signature: answered 401. */
    UNSIGNED("unsigned", 401),
    /** Routing headers whose signature does not match: answered 403. */
    BAD_SIGNATURE("bad-signature", 403);

    private final String tag;
    private final int status;

    Outcome(String tag, int status) {
        this.tag = tag;
        this.status = status;
    }

    /** The metric tag value, e.g. {@code misdirected}. */
    public String tag() {
        return tag;
    }

    /** The HTTP status the request is refused with, or 0 when it is served. */
    public int status() {
        return status;
    }

    /** Whether the request is served here (possibly after forwarding elsewhere, for {@link #FORWARDED}: no). */
    public boolean servedHere() {
        return status == 0 && this != FORWARDED;
    }
}
