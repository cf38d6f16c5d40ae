package io.unitrouter.core.failover;

import java.util.Map;

/**
 * A run that has switched cannot be aborted: the new owners may already have taken writes, so handing the
 * shards back is a failover of its own. {@link #reversePlan()} is that failover, ready to execute.
 *
 * <p>Immutable and thread-safe.
 */
public class AbortRefusedException extends FailoverException {

    private static final long serialVersionUID = 1L;

    private final transient FailoverPlan reversePlan;

    /**
     * @param message says why, and what to do instead
     * @param run the run
     * @param reversePlan the plan back to the previous owners, or {@code null} when none can be made now
     */
    public AbortRefusedException(String message, FailoverRun run, FailoverPlan reversePlan) {
        super(message, run, Map.of("run", run.id()), null);
        this.reversePlan = reversePlan;
    }

    /** The plan back to the owners before the run, when one can be made. */
    public java.util.Optional<FailoverPlan> reversePlan() {
        return java.util.Optional.ofNullable(reversePlan);
    }
}
