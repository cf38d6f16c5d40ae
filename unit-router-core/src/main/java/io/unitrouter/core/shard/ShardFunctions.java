package io.unitrouter.core.shard;

import io.unitrouter.core.MalformedKeyException;
import io.unitrouter.core.UnitRouterException;

/**
 * The built-in shard functions. All are stateless and thread-safe.
 */
public final class ShardFunctions {

    private static final ShardFunction MOD = new ModShardFunction();
    private static final ShardFunction HASH = new HashShardFunction();

    private ShardFunctions() {
    }

    /**
     * {@code key mod shards}, for non-negative decimal keys of any length. Leading zeros are allowed;
     * a sign, space or any other character is a {@link MalformedKeyException}.
     */
    public static ShardFunction mod() {
        return MOD;
    }

    /**
     * Ant style: take {@code width} digits starting {@code position} digits from the end of a decimal key,
     * then take that value modulo the shard count. {@code digits(3, 2)} takes the 3rd- and 2nd-to-last
     * digits. A key with fewer than {@code position} digits, or with a non-digit anywhere, is a
     * {@link MalformedKeyException}.
     *
     * @param position 1-based position from the end of the first digit taken; {@code width..18}
     * @param width how many digits; {@code 1..9}
     * @throws UnitRouterException when either is out of range
     */
    public static ShardFunction digits(int position, int width) {
        return new DigitsShardFunction(position, width);
    }

    /**
     * MurmurHash3 (x86, 32-bit, seed 0) of the key's UTF-8 bytes, {@code floorMod} the shard count.
     * Accepts any valid key; allocates the key's bytes on each call.
     */
    public static ShardFunction hash() {
        return HASH;
    }
}
