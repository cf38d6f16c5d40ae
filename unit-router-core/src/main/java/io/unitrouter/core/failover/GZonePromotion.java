package io.unitrouter.core.failover;

import java.util.Objects;

/**
 * A change of the active GZone, the only writer of global data: to its standby when the active one is lost
 * or drained, or back to the original one on a switchback.
 *
 * <p>Immutable and thread-safe.
 *
 * @param from the active GZone before the plan
 * @param to the active GZone after it
 */
public record GZonePromotion(String from, String to) {

    /** Checks the fields are present. */
    public GZonePromotion {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /** {@code gz01 -> gz02}. */
    @Override
    public String toString() {
        return from + " -> " + to;
    }
}
