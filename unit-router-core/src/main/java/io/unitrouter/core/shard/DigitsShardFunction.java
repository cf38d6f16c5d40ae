package io.unitrouter.core.shard;

import io.unitrouter.core.MalformedKeyException;
import io.unitrouter.core.UnitRouterException;

/**
 * Ant-style: take {@code width} digits of a decimal key, starting {@code position} digits from the end.
 * With position 3 and width 2, key {@code 2088123456789} gives {@code 78}. The value is then taken
 * modulo the shard count.
 */
final class DigitsShardFunction implements ShardFunction {

    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private final int position;
    private final int width;
    private final String notDecimal;
    private final String tooShort;

    /**
     * @param position 1-based position from the end of the first digit taken, {@code width..18}
     * @param width how many digits to take, {@code 1..9}
     * @throws UnitRouterException when either is out of range
     */
    DigitsShardFunction(int position, int width) {
        if (width < 1 || width > 9) {
            throw new UnitRouterException("digits shard function: width must be 1..9, was " + width);
        }
        if (position < width || position > 18) {
            throw new UnitRouterException("digits shard function: position must be " + width + "..18 (at least width "
                    + width + "), was " + position);
        }
        this.position = position;
        this.width = width;
        this.notDecimal = "is not a non-negative decimal number, which the digits shard function needs";
        this.tooShort = "is too short: the digits shard function takes " + width + " digit(s) starting " + position
                + " from the end, so it needs at least " + position + " digits";
    }

    @Override
    public int shardOf(String key, int shards) {
        int n = key.length();
        for (int i = 0; i < n; i++) {
            char c = key.charAt(i);
            if (c < '0' || c > '9') {
                throw new MalformedKeyException(key, notDecimal);
            }
        }
        if (n < position) {
            throw new MalformedKeyException(key, tooShort);
        }
        int value = 0;
        for (int i = n - position, end = i + width; i < end; i++) {
            value = value * 10 + (key.charAt(i) - '0');
        }
        return value % shards;
    }

    @Override
    public int shardOf(long key, int shards) {
        if (key < 0) {
            throw new MalformedKeyException(Long.toString(key), notDecimal);
        }
        // Long.toString(0) is the one digit "0", enough for position 1, although 0 < 10^0.
        if (position > 1 && key < POW10[position - 1]) {
            throw new MalformedKeyException(Long.toString(key), tooShort);
        }
        long value = (key / POW10[position - width]) % POW10[width];
        return (int) (value % shards);
    }

    @Override
    public String checkShardCount(int shards) {
        if (POW10[width] < shards) {
            return "shard-function: digits of width " + width + " address at most " + POW10[width]
                    + " shards, but shards is " + shards;
        }
        return null;
    }

    /** 1-based position from the end of the first digit taken. */
    public int position() {
        return position;
    }

    /** How many digits are taken. */
    public int width() {
        return width;
    }

    @Override
    public boolean acceptsOnlyDecimalDigits() {
        return true;
    }

    @Override
    public String toString() {
        return "digits(position=" + position + ", width=" + width + ")";
    }
}
