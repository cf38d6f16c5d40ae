package io.unitrouter.core.context;

import io.unitrouter.core.RouteDecision;
import io.unitrouter.core.RoutingKeys;
import io.unitrouter.core.UnitRouterException;

/**
 * What a request carries about its routing: its key and, once routed, the shard, the epoch and the target
 * cell, plus how many times it has been forwarded.
 *
 * <p>Immutable and thread-safe.
 *
 * @param key the routing key, or {@code null} when the request has none
 * @param shard the shard, or {@code -1} when not known
 * @param epoch the epoch the sender routed with, or {@code -1} when not known
 * @param cell the target cell's id, or {@code null} when not known
 * @param hops forwards so far, {@code >= 0}
 */
public record RoutingContext(String key, int shard, long epoch, String cell, int hops) {

    /** A context with nothing in it. */
    public static final RoutingContext EMPTY = new RoutingContext(null, -1, -1, null, 0);

    /**
     * @throws io.unitrouter.core.MalformedKeyException if the key is present but malformed
     * @throws UnitRouterException if a number is out of range
     */
    public RoutingContext {
        if (key != null) {
            RoutingKeys.check(key);
        }
        if (shard < -1 || epoch < -1 || hops < 0) {
            throw new UnitRouterException("routing context out of range: shard " + shard + ", epoch " + epoch
                    + ", hops " + hops);
        }
        if (cell != null && (cell.isEmpty() || !RoutingKeys.isVisibleAscii(cell))) {
            throw new UnitRouterException("routing context cell " + RoutingKeys.quote(cell) + " is not a cell id");
        }
    }

    /** A context for a key that has not been routed yet. */
    public static RoutingContext ofKey(String key) {
        return new RoutingContext(key, -1, -1, null, 0);
    }

    /** The context of a key routed by {@code decision}, with no hops. */
    public static RoutingContext of(String key, RouteDecision decision) {
        return new RoutingContext(key, decision.shard(), decision.epoch(), decision.cell(), 0);
    }

    /** The same context, forwarded once more. */
    public RoutingContext forwarded() {
        return new RoutingContext(key, shard, epoch, cell, hops + 1);
    }

    /** Whether a key is present. */
    public boolean hasKey() {
        return key != null;
    }
}
