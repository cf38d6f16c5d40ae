package io.unitrouter.core.routing;

import java.util.Map;
import java.util.Objects;

/**
 * An immutable map from routing keys to values, built for the lookup on every routed request: open
 * addressing over parallel arrays, where a probe compares the stored hash codes (one contiguous {@code int[]})
 * and touches a stored key only when its hash matches. A miss, the common case, therefore reads no key
 * objects at all. With 100,000 override keys a general-purpose map's miss walks several stored keys and
 * costs about twice the whole route.
 *
 * <p>Lookups allocate nothing. Thread-safe once built.
 *
 * @param <V> the value type
 */
final class KeyTable<V> {

    private static final KeyTable<?> EMPTY = new KeyTable<>(Map.of());

    private final int mask;
    private final int[] hashes;
    private final String[] keys;
    private final Object[] values;
    private final int size;

    private KeyTable(Map<String, ? extends V> entries) {
        // At most half full, so that a miss meets an empty slot within a couple of probes.
        int capacity = Integer.highestOneBit(Math.max(2, entries.size()) * 2 - 1) << 1;
        this.mask = capacity - 1;
        this.hashes = new int[capacity];
        this.keys = new String[capacity];
        this.values = new Object[capacity];
        this.size = entries.size();
        entries.forEach((key, value) -> {
            Objects.requireNonNull(value, "value");
            int hash = key.hashCode();
            int slot = spread(hash) & mask;
            while (keys[slot] != null) {
                slot = (slot + 1) & mask;
            }
            hashes[slot] = hash;
            keys[slot] = key;
            values[slot] = value;
        });
    }

    /**
     * A table holding a copy of the entries.
     *
     * @param entries keys to non-null values
     * @param <V> the value type
     * @return the table; a shared empty one for no entries
     */
    @SuppressWarnings("unchecked")
    public static <V> KeyTable<V> of(Map<String, ? extends V> entries) {
        return entries.isEmpty() ? (KeyTable<V>) EMPTY : new KeyTable<>(entries);
    }

    /**
     * The value of a key.
     *
     * @param key the key; {@code null} has no value
     * @return the value, or {@code null} when the key is absent
     */
    @SuppressWarnings("unchecked")
    public V get(String key) {
        if (size == 0 || key == null) {
            return null;
        }
        int hash = key.hashCode();
        int slot = spread(hash) & mask;
        while (true) {
            String stored = keys[slot];
            if (stored == null) {
                return null;
            }
            if (hashes[slot] == hash && stored.equals(key)) {
                return (V) values[slot];
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Whether the table is empty. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** How many keys the table holds. */
    public int size() {
        return size;
    }

    /** String hash codes of similar keys (consecutive user ids) differ only in their low digits: mix them. */
    private static int spread(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
