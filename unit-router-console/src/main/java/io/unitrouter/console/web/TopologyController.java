package io.unitrouter.console.web;

import io.unitrouter.core.Cell;
import io.unitrouter.core.failover.Convergence;
import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.spi.RuleStore;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/topology}: cities, their data centers and cells, with each cell's kind, instances and liveness. */
@RestController
class TopologyController {

    /**
     * The topology.
     *
     * @param epoch the epoch in force
     * @param activeGZone the active GZone, or {@code null}
     * @param cities cities in declaration order
     * @param gateways instances that report no cell
     */
    record TopologyView(long epoch, String activeGZone, List<CityView> cities, Instances gateways) {
    }

    /** A city with the cities that take its shards when it fails. */
    record CityView(String id, List<String> failoverTo, List<DataCenterView> dataCenters) {
    }

    /** A data center. */
    record DataCenterView(String id, List<CellView> cells) {
    }

    /**
     * A cell.
     *
     * @param kind {@code RZONE}, {@code GZONE} or {@code CZONE}
     * @param shards shards owned (RZones)
     * @param capacity the most shards it may own, or {@code null} when unlimited
     * @param standby a GZone's standby, or {@code null}
     * @param active whether it is the active GZone
     * @param offline whether the rules take it out of service
     * @param colour its colour index
     * @param instances its instances' reports
     * @param liveness {@code offline}, {@code live} (a live instance), {@code down} (reports, none live) or
     *     {@code unknown} (no reports)
     */
    record CellView(String id, String kind, int shards, Integer capacity, String standby, boolean active,
            boolean offline, int colour, Instances instances, String liveness) {
    }

    /**
     * Instances by their reports.
     *
     * @param total reports
     * @param live live ones
     * @param behind live ones behind the epoch in force
     */
    record Instances(int total, int live, int behind) {
    }

    private final RuleStore store;
    private final Convergences convergences;

    TopologyController(RuleStore store, Convergences convergences) {
        this.store = store;
        this.convergences = convergences;
    }

    @GetMapping("/api/topology")
    TopologyView topology() {
        RuleDocument document = store.load();
        RoutingTable table = RoutingTable.of(document);
        Convergence convergence = convergences.now();
        Map<String, Integer> counts = table.shardCounts();
        Map<String, Integer> colours = CellColours.of(document.topology());
        String active = table.activeGZone().map(Cell::id).orElse(null);
        List<CityView> cities = document.topology().cities().stream().map(city -> new CityView(city.id(),
                city.failoverTo(), city.dataCenters().stream().map(dc -> new DataCenterView(dc,
                        document.topology().cellsInDataCenter(dc).stream().map(cell -> cell(cell, document, counts,
                                colours, active, convergence)).toList())).toList())).toList();
        return new TopologyView(document.epoch(), active, cities, instances(convergence, null, document.epoch()));
    }

    private static CellView cell(Cell cell, RuleDocument document, Map<String, Integer> counts,
            Map<String, Integer> colours, String active, Convergence convergence) {
        Instances instances = instances(convergence, cell.id(), document.epoch());
        boolean offline = document.isOffline(cell.id());
        String liveness = offline ? "offline" : instances.live() > 0 ? "live" : instances.total() > 0 ? "down"
                : "unknown";
        return new CellView(cell.id(), cell.kind().name(), counts.getOrDefault(cell.id(), 0),
                cell.capacity() == Cell.UNLIMITED ? null : cell.capacity(), cell.standby(), cell.id().equals(active),
                offline, colours.get(cell.id()), instances, liveness);
    }

    private static Instances instances(Convergence convergence, String cell, long epoch) {
        List<Convergence.InstanceState> mine = convergence.instances().stream()
                .filter(s -> cell == null ? s.cell() == null : cell.equals(s.cell())).toList();
        int live = (int) mine.stream().filter(Convergence.InstanceState::live).count();
        int behind = (int) mine.stream().filter(s -> s.live() && s.epoch() < epoch).count();
        return new Instances(mine.size(), live, behind);
    }
}
