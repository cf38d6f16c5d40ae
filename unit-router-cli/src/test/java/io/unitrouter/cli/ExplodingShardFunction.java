package io.unitrouter.cli;

import io.unitrouter.core.shard.ShardFunction;

/** A custom shard function with a bug, to stand for an unexpected internal error. */
public final class ExplodingShardFunction implements ShardFunction {

    @Override
    public int shardOf(String key, int shards) {
        throw new IllegalStateException("bug in a custom shard function");
    }
}
