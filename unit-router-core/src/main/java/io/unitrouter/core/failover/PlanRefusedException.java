package io.unitrouter.core.failover;

import io.unitrouter.core.UnitRouterException;
import java.util.Map;

/**
 * The planner cannot make a safe plan for an event on a document, and says why, naming the shortfall:
 * {@code city-down:sh needs 40 shards of free capacity, the surviving cells have 15 (rz01 5, rz02 5, rz05 5)}.
 * Other reasons: the event names a cell, data center or city the document does not define; the active
 * GZone is lost and has no standby that survives; a shard group that must move as a whole has several
 * owners; there is nothing to do.
 *
 * <p>Nothing is published when a plan is refused. Immutable and thread-safe.
 */
public class PlanRefusedException extends UnitRouterException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message starts with the event, e.g. {@code city-down:sh needs ...}
     * @param context at least {@code event}; capacity refusals add {@code needed} and {@code available}
     */
    public PlanRefusedException(String message, Map<String, ?> context) {
        super(message, context, null);
    }
}
