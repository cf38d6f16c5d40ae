package io.unitrouter.cli;

import io.unitrouter.core.Cell;
import io.unitrouter.core.City;
import io.unitrouter.core.Topology;
import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.rules.RuleDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What changes between two valid rule documents: the epoch, shard owners, frozen shards, the active GZone,
 * and the rest of the topology. Shards are compared up to the smaller shard count.
 *
 * @param report the lines of the report, for stdout
 * @param warnings lines for stderr, e.g. an epoch that a rule store would refuse
 * @param differs whether the epoch or any routing content differs
 */
record RuleDiff(List<String> report, List<String> warnings, boolean differs) {

    static RuleDiff between(RuleDocument older, RuleDocument newer) {
        RoutingTable oldTable = RoutingTable.of(older);
        RoutingTable newTable = RoutingTable.of(newer);
        boolean contentDiffers = !oldTable.checksum().equals(newTable.checksum());
        boolean epochDiffers = older.epoch() != newer.epoch();

        List<String> report = new ArrayList<>();
        report.add(Text.field("old", describe(older, oldTable)));
        report.add(Text.field("new", describe(newer, newTable)));
        if (epochDiffers) {
            report.add(Text.field("epoch", older.epoch() + " -> " + newer.epoch()));
        }
        int itemized = report.size();
        int common = Math.min(older.shards(), newer.shards());
        report.addAll(remapping(older, newer, common));
        report.addAll(ownerChanges(older, newer, common));
        report.addAll(frozenChanges(oldTable, newTable, common));
        report.addAll(topologyChanges(older.topology(), newer.topology()));
        if (!older.overrides().equals(newer.overrides())) {
            report.add(Text.field("overrides", older.overrides().size() == newer.overrides().size()
                    ? "changed (" + newer.overrides().size() + " entries)"
                    : older.overrides().size() + " -> " + newer.overrides().size() + " entries"));
        }
        if (contentDiffers && report.size() == itemized) {
            report.add("routing content differs (checksum " + oldTable.checksum() + " -> " + newTable.checksum() + ")");
        }
        if (!contentDiffers) {
            report.add(epochDiffers ? "routing content: unchanged" : "no differences");
        }

        List<String> warnings = new ArrayList<>();
        if (newer.epoch() < older.epoch() || (newer.epoch() == older.epoch() && contentDiffers)) {
            warnings.add("warning: epoch " + newer.epoch() + " of " + newer.source() + " is not newer than epoch "
                    + older.epoch() + " of " + older.source() + "; a rule store would refuse it");
        }
        return new RuleDiff(List.copyOf(report), List.copyOf(warnings), epochDiffers || contentDiffers);
    }

    private static String describe(RuleDocument document, RoutingTable table) {
        return document.source() + " (epoch " + document.epoch() + ", checksum " + table.checksum() + ")";
    }

    /** A changed shard count or shard function, which can send any key to another shard. */
    private static List<String> remapping(RuleDocument older, RuleDocument newer, int common) {
        List<String> lines = new ArrayList<>();
        List<String> causes = new ArrayList<>();
        if (older.shards() != newer.shards()) {
            lines.add(Text.field("shards", older.shards() + " -> " + newer.shards()));
            causes.add("the shard count");
        }
        if (!older.shardFunctionSpec().equals(newer.shardFunctionSpec())) {
            lines.add(Text.field("shard function", Text.shardFunction(older) + " -> " + Text.shardFunction(newer)));
            causes.add("the shard function");
        }
        if (!causes.isEmpty()) {
            lines.addAll(everyKeyMayMove(String.join(" and ", causes) + (causes.size() == 1 ? " changes" : " change"),
                    common));
        }
        return lines;
    }

    private static List<String> topologyChanges(Topology older, Topology newer) {
        List<String> lines = new ArrayList<>();
        String oldActive = older.activeGZone().map(Cell::id).orElse("none");
        String newActive = newer.activeGZone().map(Cell::id).orElse("none");
        if (!oldActive.equals(newActive)) {
            lines.add(Text.field("active GZone", oldActive + " -> " + newActive));
        }
        lines.addAll(cityChanges(older, newer));
        lines.addAll(cellChanges(older, newer));
        return lines;
    }

    private static List<String> everyKeyMayMove(String what, int common) {
        return List.of("WARNING: " + what + ": every key may map to a different shard and move to another cell.",
                "WARNING: owners and frozen state below compare shard numbers 0-" + (common - 1)
                        + " only, not where keys land.");
    }

    private static List<String> ownerChanges(RuleDocument older, RuleDocument newer, int common) {
        Map<String, List<Integer>> moves = new LinkedHashMap<>();
        for (int s = 0; s < common; s++) {
            String from = older.ownerOf(s);
            String to = newer.ownerOf(s);
            if (!from.equals(to)) {
                moves.computeIfAbsent(from + " -> " + to, k -> new ArrayList<>()).add(s);
            }
        }
        if (moves.isEmpty()) {
            return List.of();
        }
        int moved = moves.values().stream().mapToInt(List::size).sum();
        List<String> lines = new ArrayList<>();
        lines.add("owner changes (" + moved + (moved == 1 ? " shard):" : " shards):"));
        moves.forEach((move, shards) -> lines.add("  shards " + Text.ranges(toArray(shards)) + ": " + move));
        return lines;
    }

    private static List<String> frozenChanges(RoutingTable older, RoutingTable newer, int common) {
        List<Integer> frozen = new ArrayList<>();
        List<Integer> unfrozen = new ArrayList<>();
        for (int s = 0; s < common; s++) {
            if (!older.isFrozen(s) && newer.isFrozen(s)) {
                frozen.add(s);
            } else if (older.isFrozen(s) && !newer.isFrozen(s)) {
                unfrozen.add(s);
            }
        }
        List<String> lines = new ArrayList<>();
        if (!frozen.isEmpty()) {
            lines.add(Text.field("frozen", Text.ranges(toArray(frozen))));
        }
        if (!unfrozen.isEmpty()) {
            lines.add(Text.field("unfrozen", Text.ranges(toArray(unfrozen))));
        }
        return lines;
    }

    private static List<String> cityChanges(Topology older, Topology newer) {
        return changes("city", byId(older.cities(), City::id), byId(newer.cities(), City::id),
                city -> "data centers " + String.join(", ", city.dataCenters()),
                (a, b) -> "data centers " + String.join(", ", a.dataCenters()) + " -> "
                        + String.join(", ", b.dataCenters()));
    }

    private static List<String> cellChanges(Topology older, Topology newer) {
        return changes("cell", byId(older.cells(), Cell::id), byId(newer.cells(), Cell::id),
                cell -> cell.kind() + " in " + cell.dataCenter() + " (" + cell.city() + ")", RuleDiff::cellFields);
    }

    private static String cellFields(Cell a, Cell b) {
        List<String> fields = new ArrayList<>();
        compare(fields, "kind", a.kind(), b.kind());
        compare(fields, "data center", a.dataCenter() + " (" + a.city() + ")", b.dataCenter() + " (" + b.city() + ")");
        compare(fields, "capacity", capacity(a), capacity(b));
        compare(fields, "standby", Objects.toString(a.standby(), "none"), Objects.toString(b.standby(), "none"));
        return String.join(", ", fields);
    }

    private static void compare(List<String> fields, String name, Object a, Object b) {
        if (!a.equals(b)) {
            fields.add(name + " " + a + " -> " + b);
        }
    }

    private static String capacity(Cell cell) {
        return cell.capacity() == Cell.UNLIMITED ? "unlimited" : String.valueOf(cell.capacity());
    }

    private static <T> List<String> changes(String noun, Map<String, T> older, Map<String, T> newer,
            Function<T, String> describe, BiFunction<T, T, String> compare) {
        List<String> lines = new ArrayList<>();
        older.forEach((id, before) -> {
            T after = newer.get(id);
            if (after == null) {
                lines.add(noun + " " + id + " removed");
            } else if (!before.equals(after)) {
                lines.add(noun + " " + id + ": " + compare.apply(before, after));
            }
        });
        newer.forEach((id, after) -> {
            if (!older.containsKey(id)) {
                lines.add(noun + " " + id + " added: " + describe.apply(after));
            }
        });
        return lines;
    }

    private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
        return items.stream().collect(Collectors.toMap(id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    private static int[] toArray(List<Integer> shards) {
        return shards.stream().mapToInt(Integer::intValue).toArray();
    }
}
