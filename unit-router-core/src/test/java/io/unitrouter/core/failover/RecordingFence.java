package io.unitrouter.core.failover;

import io.unitrouter.core.ShardRange;
import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.failover.spi.Fence;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fence in memory that behaves like {@code data-sharding}'s: one row per shard (owner, epoch), idempotent
 * bumps, and a refusal to move a row to an epoch it already has or passed with another owner. Every bump is
 * recorded in the shared {@link EpochLog}, in order with the documents published.
 */
final class RecordingFence implements Fence {

    /** A fence row. */
    record Row(String owner, long epoch) {
    }

    private final EpochLog log;
    private final int groups;
    private final Map<Integer, Row> rows = new HashMap<>();
    private final AtomicInteger failures = new AtomicInteger();

    RecordingFence(EpochLog log, int groups) {
        this.log = log;
        this.groups = groups;
    }

    @Override
    public String name() {
        return "recording fence";
    }

    @Override
    public int shardGroups() {
        return groups;
    }

    /** The next {@code count} bumps fail, as a database that is down would. */
    void failNext(int count) {
        failures.set(count);
    }

    @Override
    public synchronized void bump(List<ShardRange> shards, String owner, long epoch) {
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new UnitRouterException("cannot bump the fences: database unreachable (injected)");
        }
        for (ShardRange range : shards) {
            for (int s = range.from(); s <= range.to(); s++) {
                Row row = rows.get(s);
                if (row != null && row.epoch() >= epoch && !(row.owner().equals(owner) && row.epoch() == epoch)) {
                    throw new UnitRouterException("the fence of shard " + s + " is already at epoch " + row.epoch()
                            + " (owner " + row.owner() + "); it cannot move to " + owner + " at epoch " + epoch);
                }
            }
        }
        for (ShardRange range : shards) {
            for (int s = range.from(); s <= range.to(); s++) {
                rows.put(s, new Row(owner, epoch));
            }
            log.bumped(range, owner, epoch);
        }
    }

    /** The row of a shard, or {@code null} when it was never bumped. */
    synchronized Row row(int shard) {
        return rows.get(shard);
    }
}
