package io.unitrouter.core.shard;

import io.unitrouter.core.MalformedKeyException;

/**
 * Maps a routing key to a shard number. The built-in functions are {@code mod}, {@code digits} and
 * {@code hash}; see {@link io.unitrouter.core.shard.ShardFunctions}.
 *
 * <p>Implementations must be stateless and thread-safe, must return the same shard for the same key
 * and shard count forever (changing it moves users between cells), and should not allocate on the
 * hot path. A custom implementation is named in the rule document as
 * {@code shard-function: {type: custom, class: com.example.MyFunction}} and needs a public no-argument
 * constructor. The router checks the result: a shard outside {@code 0..shards-1} is an error, never
 * a route.
 */
public interface ShardFunction {

    /**
     * @param key the routing key; already checked by {@link io.unitrouter.core.RoutingKeys#check}
     * @param shards the number of shards, {@code >= 1}
     * @return the shard, {@code 0..shards-1}
     * @throws MalformedKeyException if the key does not fit this function (e.g. not numeric)
     */
    int shardOf(String key, int shards);

    /**
     * The shard of a numeric key, e.g. a {@code BIGINT} user-id column. Must agree with
     * {@code shardOf(Long.toString(key), shards)}; the default does exactly that. Override it to avoid
     * the conversion.
     *
     * @param key the key
     * @param shards the number of shards, {@code >= 1}
     * @return the shard, {@code 0..shards-1}
     * @throws MalformedKeyException if the key does not fit this function (e.g. negative)
     */
    default int shardOf(long key, int shards) {
        return shardOf(Long.toString(key), shards);
    }

    /**
     * Checks, once when rules load, that this function can address {@code shards} shards.
     *
     * @param shards the shard count from the rule document
     * @return a message naming the problem, or {@code null} when the function fits
     */
    default String checkShardCount(int shards) {
        return null;
    }

    /**
     * Whether {@link #shardOf(String, int)} refuses every key that holds a character other than {@code '0'..'9'}
     * with a {@link MalformedKeyException}. A key such a function accepts has valid key syntax, so the router
     * then checks only the key's length before calling it and leaves the one pass over the characters to the
     * function; the full syntax check runs only for a key the function refuses, so that the error is the same.
     *
     * <p>Return {@code true} only when that holds for every key: otherwise a key of invalid syntax could be
     * routed. The built-in {@code mod} and {@code digits} functions return {@code true}.
     *
     * @return {@code true} if only decimal keys are accepted; default {@code false}
     */
    default boolean acceptsOnlyDecimalDigits() {
        return false;
    }
}
