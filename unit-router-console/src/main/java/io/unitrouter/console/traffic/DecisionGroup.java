package io.unitrouter.console.traffic;

import java.util.Locale;

/**
 * The columns of the traffic page: the starter's {@code unitrouter.requests} decisions, grouped by what happened
 * to the request.
 */
public enum DecisionGroup {
    /** Served by the cell it reached: {@code local}, {@code unrouted} (no key) and {@code observed}. */
    SERVED,
    /** Reached another cell, which forwarded it to the owner and relayed the answer: {@code forwarded}. */
    FORWARDED,
    /** Reached a cell that does not own the key and was answered 421: {@code misdirected}. */
    MISDIRECTED,
    /** A write to a frozen shard, answered 503: {@code frozen}. */
    FROZEN,
    /** Refused as malformed or forged: {@code missing-key}, {@code malformed}, {@code unsigned}, {@code bad-signature}. */
    REFUSED,
    /** A decision this console does not know, from a newer starter. */
    OTHER;

    /**
     * The group of a decision tag.
     *
     * @param decision the {@code decision} tag of {@code unitrouter.requests}
     * @return its group; {@link #OTHER} when unknown
     */
    public static DecisionGroup of(String decision) {
        return switch (decision) {
            case "local", "unrouted", "observed" -> SERVED;
            case "forwarded" -> FORWARDED;
            case "misdirected" -> MISDIRECTED;
            case "frozen" -> FROZEN;
            case "missing-key", "malformed", "unsigned", "bad-signature" -> REFUSED;
            default -> OTHER;
        };
    }

    /** The name in JSON and on the page, e.g. {@code served}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
