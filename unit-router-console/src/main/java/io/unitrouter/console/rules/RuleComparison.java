package io.unitrouter.console.rules;

import io.unitrouter.core.Cell;
import io.unitrouter.core.City;
import io.unitrouter.core.ShardRange;
import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * What differs between two rule documents, for the rules page: shard owners, frozen shards, homes, offline cells,
 * the active GZone, cells, cities and overrides, and a line diff of their canonical YAML. Shards are compared up to
 * the smaller shard count.
 *
 * <p>Immutable and thread-safe.
 *
 * @param fromEpoch the first document's epoch
 * @param toEpoch the second document's epoch
 * @param fromChecksum its routing checksum
 * @param toChecksum the second's routing checksum
 * @param moves shards that change owner, as ranges per (from, to) pair
 * @param homeChanges shards whose home changes, as ranges per (from, to) pair
 * @param frozen shards frozen in the second and not the first
 * @param unfrozen shards frozen in the first and not the second
 * @param offlined cells offline in the second and not the first
 * @param onlined cells offline in the first and not the second
 * @param changes other changes, one sentence each (GZone, cells, cities, overrides, shard count, function)
 * @param lines the line diff of the canonical YAML
 */
public record RuleComparison(long fromEpoch, long toEpoch, String fromChecksum, String toChecksum, List<Change> moves,
        List<Change> homeChanges, List<String> frozen, List<String> unfrozen, List<String> offlined,
        List<String> onlined, List<String> changes, List<LineDiff.Line> lines) {

    /**
     * Shards that go from one cell to another.
     *
     * @param shards the range, e.g. {@code 20-29}
     * @param from the cell before
     * @param to the cell after
     * @param count how many shards
     */
    public record Change(String shards, String from, String to, int count) {
    }

    /**
     * Compares two documents.
     *
     * @param from the earlier document
     * @param to the later document
     * @return what differs
     */
    public static RuleComparison between(RuleDocument from, RuleDocument to) {
        int common = Math.min(from.shards(), to.shards());
        List<String> changes = new ArrayList<>();
        if (from.shards() != to.shards()) {
            changes.add("shard count " + from.shards() + " -> " + to.shards() + ": keys may map to other shards");
        }
        if (!from.shardFunctionSpec().equals(to.shardFunctionSpec())) {
            changes.add("shard function changed: keys may map to other shards");
        }
        String activeBefore = from.topology().activeGZone().map(Cell::id).orElse("none");
        String activeAfter = to.topology().activeGZone().map(Cell::id).orElse("none");
        if (!activeBefore.equals(activeAfter)) {
            changes.add("active GZone " + activeBefore + " -> " + activeAfter);
        }
        added(ids(from.topology().cells().stream().map(Cell::id).toList()),
                ids(to.topology().cells().stream().map(Cell::id).toList()), "cell", changes);
        added(ids(from.topology().cities().stream().map(City::id).toList()),
                ids(to.topology().cities().stream().map(City::id).toList()), "city", changes);
        if (!from.overrides().equals(to.overrides())) {
            changes.add("overrides: " + from.overrides().size() + " -> " + to.overrides().size() + " entries");
        }
        return new RuleComparison(from.epoch(), to.epoch(), RoutingTable.of(from).checksum(),
                RoutingTable.of(to).checksum(), pairs(common, from::ownerOf, to::ownerOf),
                pairs(common, from::homeOf, to::homeOf),
                ranges(common, s -> to.isFrozen(s) && !from.isFrozen(s)),
                ranges(common, s -> from.isFrozen(s) && !to.isFrozen(s)),
                to.offline().stream().filter(c -> !from.isOffline(c)).toList(),
                from.offline().stream().filter(c -> !to.isOffline(c)).toList(), List.copyOf(changes),
                LineDiff.of(RuleDocuments.toYaml(from), RuleDocuments.toYaml(to)));
    }

    private static Set<String> ids(List<String> ids) {
        return new TreeSet<>(ids);
    }

    private static void added(Set<String> before, Set<String> after, String what, List<String> changes) {
        after.stream().filter(id -> !before.contains(id)).forEach(id -> changes.add(what + " " + id + " added"));
        before.stream().filter(id -> !after.contains(id)).forEach(id -> changes.add(what + " " + id + " removed"));
    }

    private static List<Change> pairs(int shards, IntFunction<String> before, IntFunction<String> after) {
        Map<String, List<Integer>> byPair = new LinkedHashMap<>();
        for (int s = 0; s < shards; s++) {
            if (!before.apply(s).equals(after.apply(s))) {
                byPair.computeIfAbsent(before.apply(s) + "\n" + after.apply(s), k -> new ArrayList<>()).add(s);
            }
        }
        List<Change> result = new ArrayList<>();
        byPair.forEach((pair, list) -> {
            String[] cells = pair.split("\n");
            for (ShardRange range : ShardRange.compress(list.stream().mapToInt(Integer::intValue).toArray())) {
                result.add(new Change(range.toString(), cells[0], cells[1], range.size()));
            }
        });
        result.sort((x, y) -> Integer.compare(first(x.shards()), first(y.shards())));
        return List.copyOf(result);
    }

    private static int first(String range) {
        int dash = range.indexOf('-');
        return Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
    }

    private static List<String> ranges(int shards, IntPredicate include) {
        return ShardRange.compress(IntStream.range(0, shards).filter(include).toArray()).stream()
                .map(ShardRange::toString).toList();
    }
}
