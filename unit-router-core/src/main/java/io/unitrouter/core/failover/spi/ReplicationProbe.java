package io.unitrouter.core.failover.spi;

import io.unitrouter.core.ShardRange;
import io.unitrouter.core.UnitRouterException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Tells the coordinator when the copy of the moving shards that the new owner will write has caught up with
 * the old owner's: the CATCH-UP phase, between the fence bump and the switch. The default,
 * {@link #none()}, does not wait (use it when the cells share their databases, or replication is
 * synchronous); {@code data-sharding}'s JDBC probe writes a heartbeat row on the old owner's primary and
 * waits until the new owner's replica shows it.
 *
 * <p>Implementations must be thread-safe; they are called again after a crash.
 */
public interface ReplicationProbe {

    /**
     * What to wait for.
     *
     * @param fromCell the cell that owned the shards (or the GZone that was active)
     * @param toCell the cell that will own them (or the GZone that becomes active)
     * @param shards the shards that move; empty for a GZone promotion
     * @param sourceAlive whether the old owner is expected to answer: {@code true} for planned events; after
     *     an unplanned loss a probe can only check what is still reachable
     * @param timeout how long the probe may wait before failing
     */
    record CatchUp(String fromCell, String toCell, List<ShardRange> shards, boolean sourceAlive, Duration timeout) {

        /** Copies the shards and checks the fields. */
        public CatchUp {
            Objects.requireNonNull(fromCell, "fromCell");
            Objects.requireNonNull(toCell, "toCell");
            shards = List.copyOf(shards);
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    /**
     * Returns once the new owner's copy holds every write the old owner committed before its fence was bumped.
     *
     * @param request what to wait for
     * @throws UnitRouterException if it has not caught up within the timeout or cannot be checked, saying
     *     which and how far behind; the coordinator stops and the operator resumes or aborts
     */
    void awaitCatchUp(CatchUp request);

    /** A probe that does not wait: for shared databases or synchronous replication. */
    static ReplicationProbe none() {
        return NoReplicationProbe.INSTANCE;
    }
}
