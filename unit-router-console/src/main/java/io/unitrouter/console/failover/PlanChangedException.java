package io.unitrouter.console.failover;

import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.failover.FailoverPlan;
import java.util.Map;

/**
 * The plan an operator confirmed is not the plan the event gives now (the rules changed in between), so nothing
 * was executed: the operator must look at the new plan first.
 *
 * <p>Immutable and thread-safe.
 */
public class PlanChangedException extends UnitRouterException {

    private static final long serialVersionUID = 1L;

    private final transient FailoverPlan current;

    /**
     * @param confirmed the checksum the operator confirmed
     * @param current the plan now
     */
    public PlanChangedException(String confirmed, FailoverPlan current) {
        super("the plan confirmed (" + confirmed + ") is no longer the plan for " + current.event() + " on epoch "
                + current.baseEpoch() + " (now " + current.checksum() + "); nothing was executed: preview it again",
                Map.of("confirmed", confirmed, "current", current.checksum()), null);
        this.current = current;
    }

    /** The plan the event gives now. */
    public FailoverPlan current() {
        return current;
    }
}
