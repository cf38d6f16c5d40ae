package io.unitrouter.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An inclusive range of shard numbers, written {@code "20-39"}, or {@code "37"} for one shard.
 *
 * <p>Immutable and thread-safe.
 *
 * @param from the first shard, {@code >= 0}
 * @param to the last shard, {@code >= from}
 */
public record ShardRange(int from, int to) {

    /**
     * @throws UnitRouterException if {@code from} is negative or greater than {@code to}
     */
    public ShardRange {
        if (from < 0 || to < from) {
            throw new UnitRouterException("shard range " + from + "-" + to + " is not valid: "
                    + (from < 0 ? "shards are not negative" : "the first shard is after the last"),
                    Map.of("from", from, "to", to), null);
        }
    }

    /** A range holding one shard. */
    public static ShardRange of(int shard) {
        return new ShardRange(shard, shard);
    }

    /** A range from {@code from} to {@code to}, both inclusive. */
    public static ShardRange of(int from, int to) {
        return new ShardRange(from, to);
    }

    /**
     * Parses {@code "a-b"}, {@code "a"}, or a comma-separated list of those such as {@code "0-9,20-29"}.
     *
     * @param text the text to parse
     * @return the ranges in the order written
     * @throws UnitRouterException naming the text when it is not of that form
     */
    public static List<ShardRange> parseList(String text) {
        if (text == null || text.isBlank()) {
            throw new UnitRouterException("shard range is empty");
        }
        // Trailing commas are ignored, as they always were ("0-9," is "0-9").
        int limit = text.length();
        while (limit > 0 && text.charAt(limit - 1) == ',') {
            limit--;
        }
        int comma = text.indexOf(',');
        if (comma < 0 || comma >= limit) {
            // The usual case, one range per entry: no splitting, no list to grow.
            return List.of(parse(text.substring(0, limit).trim(), text));
        }
        List<ShardRange> ranges = new ArrayList<>();
        int start = 0;
        while (true) {
            int end = comma < 0 || comma >= limit ? limit : comma;
            ranges.add(parse(text.substring(start, end).trim(), text));
            if (end == limit) {
                return List.copyOf(ranges);
            }
            start = end + 1;
            comma = text.indexOf(',', start);
        }
    }

    private static ShardRange parse(String part, String whole) {
        int dash = part.indexOf('-', 1);
        try {
            if (dash < 0) {
                return of(Integer.parseInt(part));
            }
            return of(Integer.parseInt(part.substring(0, dash).trim()), Integer.parseInt(part.substring(dash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new UnitRouterException("shard range '" + whole + "' is not of the form 'from-to' or 'shard'",
                    Map.of("range", whole), e);
        }
    }

    /** Whether {@code shard} lies in this range. */
    public boolean contains(int shard) {
        return shard >= from && shard <= to;
    }

    /** How many shards the range holds. */
    public int size() {
        return to - from + 1;
    }

    /**
     * Compresses a sorted set of shards into the fewest ranges.
     *
     * @param sortedShards ascending, without duplicates
     * @return ranges in ascending order
     */
    public static List<ShardRange> compress(int[] sortedShards) {
        List<ShardRange> ranges = new ArrayList<>();
        int i = 0;
        while (i < sortedShards.length) {
            int start = sortedShards[i];
            int end = start;
            while (i + 1 < sortedShards.length && sortedShards[i + 1] == end + 1) {
                end = sortedShards[++i];
            }
            ranges.add(new ShardRange(start, end));
            i++;
        }
        return List.copyOf(ranges);
    }

    /** {@code "20-39"}, or {@code "37"} for a single shard: the form {@link #parseList} reads. */
    @Override
    public String toString() {
        return from == to ? Integer.toString(from) : from + "-" + to;
    }
}
