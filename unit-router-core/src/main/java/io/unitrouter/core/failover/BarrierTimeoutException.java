package io.unitrouter.core.failover;

import java.util.List;
import java.util.Map;

/**
 * A barrier timed out: some live instances had not applied the epoch. The message names them with their
 * cell, epoch and the age of their last heartbeat. The run stays where it is: find out why they lag (a dead
 * instance's report goes stale after the liveness TTL, so a later {@link FailoverCoordinator#resume()}
 * passes), restart or exclude them, or abort.
 *
 * <p>Immutable and thread-safe.
 */
public class BarrierTimeoutException extends FailoverException {

    private static final long serialVersionUID = 1L;

    private final transient List<Convergence.InstanceState> laggards;

    /**
     * @param message names the epoch and the laggards
     * @param run the run as journaled
     * @param laggards the live instances behind the epoch
     */
    public BarrierTimeoutException(String message, FailoverRun run, List<Convergence.InstanceState> laggards) {
        super(message, run, Map.of("laggards", laggards.stream().map(Convergence.InstanceState::instanceId).toList()),
                null);
        this.laggards = List.copyOf(laggards);
    }

    /** The live instances that had not applied the epoch. */
    public List<Convergence.InstanceState> laggards() {
        return laggards;
    }
}
