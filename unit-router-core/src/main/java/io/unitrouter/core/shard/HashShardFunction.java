package io.unitrouter.core.shard;

import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * {@code shard = floorMod(murmur3_x86_32(utf8(key), seed 0), shards)}: the same value as Guava's
 * {@code Hashing.murmur3_32_fixed().hashString(key, UTF_8).asInt()}, so other systems can compute it.
 */
final class HashShardFunction implements ShardFunction {

    @Override
    public int shardOf(String key, int shards) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        return Math.floorMod(MurmurHash3.hash32x86(bytes, 0, bytes.length, 0), shards);
    }

    @Override
    public String toString() {
        return "hash";
    }
}
