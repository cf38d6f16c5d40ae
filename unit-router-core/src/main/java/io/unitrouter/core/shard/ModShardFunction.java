package io.unitrouter.core.shard;

import io.unitrouter.core.MalformedKeyException;

/** {@code shard = key mod shards} for a non-negative decimal key of any length. */
final class ModShardFunction implements ShardFunction {

    // A key of up to 18 digits is below 10^18 and its value fits a long as it is.
    private static final int EXACT_DIGITS = 18;

    // Reduce before acc * 10 + 9 can overflow a long; one division per 17 digits keeps short keys cheap.
    private static final long REDUCE_AT = 100_000_000_000_000_000L;

    static final String NOT_DECIMAL = "is not a non-negative decimal number, which the mod shard function needs";

    @Override
    public int shardOf(String key, int shards) {
        int n = key.length();
        if (n > EXACT_DIGITS) {
            return shardOfLongKey(key, shards);
        }
        // The common case (user ids and the like): no overflow check on every digit, which for a 13-digit key
        // is about a quarter of the time spent here.
        long value = 0;
        for (int i = 0; i < n; i++) {
            int digit = key.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                throw new MalformedKeyException(key, NOT_DECIMAL);
            }
            value = value * 10 + digit;
        }
        return (int) (value % shards);
    }

    private static int shardOfLongKey(String key, int shards) {
        long acc = 0;
        for (int i = 0, n = key.length(); i < n; i++) {
            int digit = key.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                throw new MalformedKeyException(key, NOT_DECIMAL);
            }
            acc = acc * 10 + digit;
            if (acc >= REDUCE_AT) {
                acc %= shards;
            }
        }
        return (int) (acc % shards);
    }

    @Override
    public int shardOf(long key, int shards) {
        if (key < 0) {
            throw new MalformedKeyException(Long.toString(key), NOT_DECIMAL);
        }
        return (int) (key % shards);
    }

    @Override
    public boolean acceptsOnlyDecimalDigits() {
        return true;
    }

    @Override
    public String toString() {
        return "mod";
    }
}
