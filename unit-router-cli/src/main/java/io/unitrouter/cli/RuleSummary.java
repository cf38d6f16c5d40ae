package io.unitrouter.cli;

import io.unitrouter.core.Cell;
import io.unitrouter.core.CellKind;
import io.unitrouter.core.City;
import io.unitrouter.core.Topology;
import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.rules.RuleDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The one-screen summary of a valid rule document that {@code rules validate} prints. */
final class RuleSummary {

    private RuleSummary() {
    }

    static List<String> lines(RuleDocument document) {
        RoutingTable table = RoutingTable.of(document);
        Topology topology = document.topology();
        int[] frozen = table.frozenShards();
        List<String> lines = new ArrayList<>();
        lines.add(Text.field("source", document.source()));
        lines.add(Text.field("status", "valid"));
        lines.add(Text.field("epoch", document.epoch()));
        lines.add(Text.field("shards", document.shards()));
        lines.add(Text.field("shard function", Text.shardFunction(document)));
        lines.add(Text.field("checksum", table.checksum()));
        lines.add("cells:");
        lines.addAll(cellTable(topology, table.shardCounts()));
        lines.add(Text.field("active GZone", activeGZone(topology)));
        lines.add(Text.field("CZones", cZones(topology)));
        lines.add(Text.field("frozen shards", Text.ranges(frozen)
                + (frozen.length == 0 ? "" : " (" + frozen.length + (frozen.length == 1 ? " shard)" : " shards)"))));
        lines.add(Text.field("overrides", document.overrides().size()));
        return lines;
    }

    private static List<String> cellTable(Topology topology, Map<String, Integer> shardCounts) {
        List<List<String>> rows = new ArrayList<>();
        for (Cell cell : topology.cells()) {
            rows.add(List.of(cell.id(), cell.kind().name(), cell.dataCenter(), cell.city(),
                    cell.isRZone() ? String.valueOf(shardCounts.getOrDefault(cell.id(), 0)) : "-",
                    cell.capacity() == Cell.UNLIMITED ? "-" : String.valueOf(cell.capacity())));
        }
        return Text.table(List.of("id", "kind", "data center", "city", ">shards", ">capacity"), rows);
    }

    private static String activeGZone(Topology topology) {
        return topology.activeGZone()
                .map(g -> g.id() + (g.standby() == null ? " (no standby)" : " (standby " + g.standby() + ")"))
                .orElse(topology.cells(CellKind.GZONE).isEmpty() ? "none (no GZONE cell declared)" : "none");
    }

    private static String cZones(Topology topology) {
        return topology.cities().stream().map(City::id)
                .map(city -> city + ": " + topology.cZoneOf(city).map(Cell::id).orElse("none"))
                .collect(Collectors.joining(", "));
    }
}
