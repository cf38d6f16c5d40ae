package io.unitrouter.sharding.failover;

import io.unitrouter.core.ShardRange;
import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.failover.spi.Fence;
import io.unitrouter.sharding.Fences;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The failover coordinator's {@link Fence} over {@link Fences}: bumping moves the {@code unit_fence} rows of
 * the shard groups in every given set of databases (one set when the cells share their databases; add the
 * databases of each copy the new owner may write when they do not). Declares the layout's group count, so the
 * coordinator's planner moves whole groups.
 *
 * <pre>{@code
 * FailoverCoordinator coordinator = FailoverCoordinator.builder()
 *         .ruleStore(store)
 *         .journal(FileFailoverJournal.beside(rulesFile))
 *         .fence(DatabaseFence.of(Fences.of(physicalDatabases, ShardLayout.of(2, 5), 100)))
 *         .build();
 * }</pre>
 *
 * <p>Thread-safe; idempotent as {@link Fences#bump} is.
 */
public final class DatabaseFence implements Fence {

    private final List<Fences> fences;

    private DatabaseFence(List<Fences> fences) {
        this.fences = fences;
    }

    /**
     * A fence over one or more sets of databases that share a layout.
     *
     * @param first the databases the shards are written to
     * @param more further sets of databases whose fences move too (for example another copy of the data)
     * @return the fence
     * @throws UnitRouterException if the sets have different layouts
     */
    public static DatabaseFence of(Fences first, Fences... more) {
        List<Fences> all = new ArrayList<>();
        all.add(Objects.requireNonNull(first, "first"));
        for (Fences other : more) {
            if (!other.layout().equals(first.layout())) {
                throw new UnitRouterException("every set of databases of a fence needs the same layout, but "
                        + first.layout() + " and " + other.layout() + " differ");
            }
            all.add(other);
        }
        return new DatabaseFence(List.copyOf(all));
    }

    @Override
    public String name() {
        return Fences.TABLE + " in " + fences.size() + (fences.size() == 1 ? " set" : " sets") + " of databases ("
                + fences.get(0).layout() + ")";
    }

    /** The layout's group count. */
    @Override
    public int shardGroups() {
        return fences.get(0).layout().groups();
    }

    /**
     * Bumps every set of databases in turn, each database in one transaction.
     *
     * @throws UnitRouterException naming the group and database that failed; calling again is safe
     */
    @Override
    public void bump(List<ShardRange> shards, String owner, long epoch) {
        List<Integer> all = new ArrayList<>();
        for (ShardRange range : shards) {
            for (int s = range.from(); s <= range.to(); s++) {
                all.add(s);
            }
        }
        for (Fences set : fences) {
            set.bump(all, owner, epoch);
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
