package io.unitrouter.core.failover;

import io.unitrouter.core.failover.spi.Fence;
import io.unitrouter.core.failover.spi.ReplicationProbe;
import io.unitrouter.core.spi.RuleStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * What a coordinator was built with.
 *
 * @param store the rule store it publishes through
 * @param journal its access to the journal
 * @param fence the fence, or {@code null} when it runs without one (an explicit choice)
 * @param probe the replication probe
 * @param planner the planner
 * @param liveness when an instance counts as alive
 * @param barrierTimeout how long a barrier waits
 * @param catchUpTimeout how long the replication probe may wait
 * @param pollInterval how often a barrier reads the applied epochs
 * @param settleTimeout how long to wait for the store's view to show a publish
 * @param operator who runs the coordinator, for the audit
 * @param holder this coordinator's identity in the journal
 * @param listeners progress listeners
 * @param checkpoint called after every journal write of a step
 * @param clock the time source for journal times and liveness
 */
record CoordinatorSettings(RuleStore store, RunJournal journal, Fence fence, ReplicationProbe probe,
        FailoverPlanner planner, Liveness liveness, Duration barrierTimeout, Duration catchUpTimeout,
        Duration pollInterval, Duration settleTimeout, String operator, String holder,
        List<FailoverListener> listeners, Checkpoint checkpoint, Clock clock) {

    CoordinatorSettings {
        listeners = List.copyOf(listeners);
    }

    String fenceName() {
        return fence == null ? "none: the coordinator was built without a fence" : fence.name();
    }

    /** Sleeps one poll interval; an interrupt stops the run where it is. */
    void pause() {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FailoverException("interrupted; the run stays in the journal for resume or abort", null,
                    java.util.Map.of(), e);
        }
    }
}
