package io.unitrouter.sharding.internal;

import com.google.common.collect.Range;
import io.unitrouter.core.Cell;
import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.sharding.ReadRefusedException;
import io.unitrouter.sharding.ShardLayout;
import io.unitrouter.sharding.WriteRefusedException;
import java.util.BitSet;

/**
 * The checks of one statement against one routing table: every shard it reads or writes, by key, by range
 * or all of them. A write is refused when a shard it touches is owned by another cell or frozen; a read
 * (checked only under the REJECT read policy) when a shard is owned by another cell. The shards a write
 * touches are remembered, so that the caller can tell whether it spans several shard groups.
 *
 * <p>Not thread-safe: one per statement.
 */
public final class ShardCheck {

    private final RoutingTable table;
    private final String local;
    private final boolean write;
    private final BitSet touched;

    /**
     * @param table the rules in force
     * @param local this cell
     * @param write whether the statement writes
     */
    public ShardCheck(RoutingTable table, String local, boolean write) {
        this.table = table;
        this.local = local;
        this.write = write;
        this.touched = new BitSet(table.shards());
    }

    /** The rules the checks use. */
    public RoutingTable table() {
        return table;
    }

    /**
     * Checks one shard-key value.
     *
     * @param value the column's value
     * @throws WriteRefusedException or {@link ReadRefusedException} when it may not be touched here
     */
    public void key(Object value) {
        int shard = ShardKeys.shardOf(table, value);
        Cell owner = table.ownerOf(shard);
        boolean foreign = !owner.id().equals(local);
        if (write && (foreign || table.isFrozen(shard))) {
            throw WriteRefusedException.forKey(ShardKeys.text(value), shard, owner.id(), !foreign, local,
                    table.epoch());
        }
        if (!write && foreign) {
            throw ReadRefusedException.forKey(ShardKeys.text(value), shard, owner.id(), local, table.epoch());
        }
        touched.set(shard);
    }

    /**
     * Checks every shard a range of keys may map to.
     *
     * @param tableName the logical table, for messages
     * @param column the shard-key column, for messages
     * @param range the range
     */
    public void range(String tableName, String column, Range<?> range) {
        BitSet shards = ShardKeys.shardsOf(table, range);
        String what = tableName + " rows with " + column + " in " + range + (shards == null ? " (every shard)" : "");
        if (shards == null) {
            shards = new BitSet(table.shards());
            shards.set(0, table.shards());
        }
        shards(what, shards);
    }

    /**
     * Checks every shard, for a statement with no usable condition on the shard key.
     *
     * @param tableName the logical table, for messages
     * @param column the shard-key column, for messages
     */
    public void everyShard(String tableName, String column) {
        BitSet all = new BitSet(table.shards());
        all.set(0, table.shards());
        shards(tableName + " rows with no condition on " + column + " (every shard)", all);
    }

    /**
     * How many shard groups of a layout the checked writes touch.
     *
     * @param layout the layout
     * @return the number of distinct groups
     */
    public int groupsTouched(ShardLayout layout) {
        BitSet groups = new BitSet(layout.groups());
        for (int shard = touched.nextSetBit(0); shard >= 0; shard = touched.nextSetBit(shard + 1)) {
            groups.set(layout.groupOf(shard, table.shards()));
        }
        return groups.cardinality();
    }

    private void shards(String what, BitSet shards) {
        for (int shard = shards.nextSetBit(0); shard >= 0; shard = shards.nextSetBit(shard + 1)) {
            Cell owner = table.ownerOf(shard);
            boolean foreign = !owner.id().equals(local);
            if (write && (foreign || table.isFrozen(shard))) {
                throw WriteRefusedException.forShards(what, shard, owner.id(), !foreign, local, table.epoch());
            }
            if (!write && foreign) {
                throw ReadRefusedException.forShards(what, shard, owner.id(), local, table.epoch());
            }
        }
        touched.or(shards);
    }
}
