package io.unitrouter.core.failover.internal;

import io.unitrouter.core.ShardRange;
import io.unitrouter.core.UnitRouterException;
import java.util.Map;

/**
 * Shards cut into equal consecutive blocks that move as a whole: with database fences, a block is a shard
 * group ({@code shards / groups} consecutive shards, as {@code data-sharding}'s layout defines groups);
 * without them, every shard is a block of its own.
 *
 * <p>Immutable and thread-safe.
 *
 * @param shards the shard count {@code N}
 * @param size shards per block, dividing {@code N}
 */
public record ShardBlocks(int shards, int size) {

    /**
     * Blocks for {@code groups} shard groups.
     *
     * @param shards {@code N >= 1}
     * @param groups the group count; {@code 0} for one block per shard
     * @return the blocks
     * @throws UnitRouterException if {@code N} is not a multiple of {@code groups}
     */
    public static ShardBlocks of(int shards, int groups) {
        if (groups == 0) {
            return new ShardBlocks(shards, 1);
        }
        if (groups < 0 || shards % groups != 0) {
            throw new UnitRouterException(shards + " shards cannot be split evenly into " + groups + " shard groups:"
                    + " the shard count must be a multiple of the group count",
                    Map.of("shards", shards, "groups", groups), null);
        }
        return new ShardBlocks(shards, shards / groups);
    }

    /** How many blocks there are. */
    public int count() {
        return shards / size;
    }

    /** The block of a shard. */
    public int blockOf(int shard) {
        return shard / size;
    }

    /** The shards of a block. */
    public ShardRange range(int block) {
        return ShardRange.of(block * size, block * size + size - 1);
    }

    /** Describes a block for messages: {@code shard group 3 (shards 30-39)}, or {@code shard 37}. */
    public String describe(int block) {
        return size == 1 ? "shard " + block : "shard group " + block + " (shards " + range(block) + ")";
    }
}
