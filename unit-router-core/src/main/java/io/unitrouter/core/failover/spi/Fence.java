package io.unitrouter.core.failover.spi;

import io.unitrouter.core.ShardRange;
import io.unitrouter.core.UnitRouterException;
import java.util.List;

/**
 * Durable per-shard-group tokens in the shards' own databases that name the only cell whose writes the
 * database accepts, and the lowest epoch that cell must have applied. The coordinator bumps them after every
 * live instance has applied the freeze, and before the new owners are published, so that from then on the
 * database refuses the old owner even if its in-memory rules are stale. {@code data-sharding} implements this
 * over its {@code Fences}.
 *
 * <p>Implementations must be thread-safe and idempotent: the coordinator calls {@link #bump} again with the
 * same arguments after a crash.
 */
public interface Fence {

    /**
     * A short description for logs and the journal, e.g. {@code unit_fence in ds_0, ds_1 (2 databases x 5 tables)}.
     */
    String name();

    /**
     * How many shard groups the fences cover: shards move only in whole groups of {@code shards / groups}
     * consecutive shards, and the coordinator's planner plans that way.
     *
     * @return the group count, or {@code 0} when every shard can be fenced on its own; default {@code 0}
     */
    default int shardGroups() {
        return 0;
    }

    /**
     * Moves the fences of some shards to a new owner and epoch, so that the databases refuse every other
     * cell's writes to them. Returns only when the change is durable; a write of the old owner that checked
     * the fence before must have committed or rolled back by then.
     *
     * @param shards the shards, covering whole groups
     * @param owner the cell that may write them from now on
     * @param epoch the epoch that publishes {@code owner} as their owner; the fence refuses writers that
     *     have not applied it
     * @throws UnitRouterException naming the group and database that could not be moved; calling again with
     *     the same arguments is safe
     */
    void bump(List<ShardRange> shards, String owner, long epoch);
}
