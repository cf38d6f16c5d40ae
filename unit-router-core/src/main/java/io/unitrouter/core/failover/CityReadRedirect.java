package io.unitrouter.core.failover;

import java.util.Objects;

/**
 * A city whose reads of global data go to another cell after the plan: its CZone is lost, so they go to
 * the active GZone, or the active GZone itself changes (see
 * {@link io.unitrouter.core.routing.RoutingTable#cityReadTarget}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param city the city
 * @param from the cell serving its reads before the plan
 * @param to the cell serving them after it
 */
public record CityReadRedirect(String city, String from, String to) {

    /** Checks the fields are present. */
    public CityReadRedirect {
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /** {@code hz: czhz -> gz02}. */
    @Override
    public String toString() {
        return city + ": " + from + " -> " + to;
    }
}
