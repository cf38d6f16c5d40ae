package io.unitrouter.sharding.internal;

import com.google.common.collect.BoundType;
import com.google.common.collect.Range;
import io.unitrouter.core.MalformedKeyException;
import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.routing.RoutingTable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.BitSet;
import java.util.Map;

/**
 * Shard-key column values to shards, through the routing table's shard function.
 *
 * <p>Stateless and thread-safe.
 */
public final class ShardKeys {

    /** Ranges with at most this many keys are resolved key by key; wider ones may touch every shard. */
    static final long MAX_ENUMERATED_KEYS = 4096;

    private ShardKeys() {
    }

    /**
     * The shard of a column value.
     *
     * @param table the rules in force
     * @param value an integer type, {@link BigInteger}, integral {@link BigDecimal} or {@link String}
     * @return the shard
     * @throws MalformedKeyException if the value does not fit the shard function
     * @throws UnitRouterException if the value is of another type
     */
    public static int shardOf(RoutingTable table, Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return table.shardOf(((Number) value).longValue());
        }
        if (value instanceof String text) {
            return table.shardOf(text);
        }
        if (value instanceof BigInteger || value instanceof BigDecimal) {
            return table.shardOf(text(value));
        }
        if (value == null) {
            throw new MalformedKeyException(null, "is NULL");
        }
        throw new UnitRouterException("a shard-key value of type " + value.getClass().getName()
                + " cannot be routed; use an integer, DECIMAL or character column",
                Map.of("type", value.getClass().getName()), null);
    }

    /**
     * The routing-key text of a column value, as the shard function sees it.
     *
     * @param value the value
     * @return its decimal or character form
     */
    public static String text(Object value) {
        if (value instanceof BigDecimal decimal) {
            try {
                return decimal.toBigIntegerExact().toString();
            } catch (ArithmeticException e) {
                return decimal.toPlainString();
            }
        }
        return String.valueOf(value);
    }

    /**
     * The shards that keys in a range may map to.
     *
     * @param table the rules in force
     * @param range a range of column values
     * @return the shards, or {@code null} when the range may touch every shard (unbounded, non-integer, or
     *     wider than {@value #MAX_ENUMERATED_KEYS} keys)
     */
    public static BitSet shardsOf(RoutingTable table, Range<?> range) {
        if (!range.hasLowerBound() || !range.hasUpperBound()) {
            return null;
        }
        Long low = integral(range.lowerEndpoint());
        Long high = integral(range.upperEndpoint());
        if (low == null || high == null) {
            return null;
        }
        long from = range.lowerBoundType() == BoundType.CLOSED ? low : low + 1;
        long to = range.upperBoundType() == BoundType.CLOSED ? high : high - 1;
        from = Math.max(from, 0);
        BitSet shards = new BitSet(table.shards());
        if (to < from) {
            return shards;
        }
        if (to - from >= MAX_ENUMERATED_KEYS) {
            return null;
        }
        for (long key = from; key <= to; key++) {
            try {
                shards.set(table.shardOf(key));
            } catch (MalformedKeyException e) {
                // Such a key cannot be stored, so it touches no shard.
            }
        }
        return shards;
    }

    private static Long integral(Object endpoint) {
        if (endpoint instanceof Long || endpoint instanceof Integer || endpoint instanceof Short
                || endpoint instanceof Byte) {
            return ((Number) endpoint).longValue();
        }
        if (endpoint instanceof BigInteger big && big.bitLength() < 63) {
            return big.longValue();
        }
        if (endpoint instanceof BigDecimal decimal) {
            try {
                return decimal.longValueExact();
            } catch (ArithmeticException e) {
                return null;
            }
        }
        return null;
    }
}
