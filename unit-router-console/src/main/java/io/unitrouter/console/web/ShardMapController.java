package io.unitrouter.console.web;

import io.unitrouter.console.rules.RuleHistory;
import io.unitrouter.core.Cell;
import io.unitrouter.core.CellKind;
import io.unitrouter.core.ShardRange;
import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.spi.RuleStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/shards}: every shard with its owner, home, frozen state, overrides and history over the epochs the
 * console knows.
 */
@RestController
class ShardMapController {

    /** Past this many changes a shard's history lists only the latest. */
    private static final int HISTORY_KEPT = 12;

    /** The most (shard, epoch) pairs one request looks at for the histories: every epoch kept, for 100 shards. */
    private static final int HISTORY_WORK = 200_000;

    /**
     * The shard map.
     *
     * @param epoch the epoch in force
     * @param checksum its routing checksum
     * @param activeGZone the active GZone, or {@code null}
     * @param cells every cell with its colour, load and marks
     * @param shards one entry per shard
     * @param overrides the overrides in force
     * @param knownEpochs the epochs the history covers
     */
    record ShardMapView(long epoch, String checksum, String activeGZone, List<CellEntry> cells, List<Shard> shards,
            List<Override> overrides, List<Long> knownEpochs) {
    }

    /**
     * A cell in the legend.
     *
     * @param blueGreen whether an override sends requests to it (a blue/green or canary copy)
     */
    record CellEntry(String id, String kind, int colour, int shards, Integer capacity, boolean offline,
            boolean blueGreen) {
    }

    /**
     * One shard.
     *
     * @param override the cell an override sends the whole shard to, or {@code null}
     * @param keyOverrides how many overridden keys fall in this shard
     * @param history the shard's changes, oldest first
     */
    record Shard(int shard, String owner, String home, boolean frozen, String override, int keyOverrides,
            List<Change> history) {
    }

    /** The shard's state from one epoch on. */
    record Change(long epoch, String owner, String home, boolean frozen) {
    }

    /** An override as written. */
    record Override(List<String> keys, String shards, String cell) {
    }

    private final RuleStore store;
    private final RuleHistory history;

    ShardMapController(RuleStore store, RuleHistory history) {
        this.store = store;
        this.history = history;
    }

    @GetMapping("/api/shards")
    ShardMapView shards() {
        RuleDocument document = store.load();
        history.record(document, "rule store");
        RoutingTable table = RoutingTable.of(document);
        Map<String, Integer> colours = CellColours.of(document.topology());
        Set<String> blueGreen = new HashSet<>();
        String[] shardOverride = new String[document.shards()];
        Map<Integer, Integer> keyOverrides = new HashMap<>();
        List<Override> overrides = new ArrayList<>();
        for (RuleDocument.RouteOverride override : document.overrides()) {
            blueGreen.add(override.cell());
            for (ShardRange range : override.shards()) {
                for (int s = range.from(); s <= range.to(); s++) {
                    shardOverride[s] = override.cell();
                }
            }
            for (String key : override.keys()) {
                keyOverrides.merge(table.shardOf(key), 1, Integer::sum);
            }
            overrides.add(new Override(override.keys(), String.join(",",
                    override.shards().stream().map(ShardRange::toString).toList()), override.cell()));
        }
        Map<String, Integer> counts = table.shardCounts();
        List<CellEntry> cells = new ArrayList<>();
        for (Cell cell : document.topology().cells()) {
            if (cell.kind() == CellKind.RZONE) {
                cells.add(new CellEntry(cell.id(), cell.kind().name(), colours.get(cell.id()),
                        counts.getOrDefault(cell.id(), 0), cell.capacity() == Cell.UNLIMITED ? null : cell.capacity(),
                        document.isOffline(cell.id()), blueGreen.contains(cell.id())));
            }
        }
        List<RuleDocument> known = history.entries().stream().map(RuleHistory.Entry::document)
                .filter(d -> d.shards() == document.shards()).toList();
        // Bounds the work per request: with many shards, the history covers only the latest epochs.
        int epochs = Math.max(2, HISTORY_WORK / document.shards());
        known = known.subList(Math.max(0, known.size() - epochs), known.size());
        List<Shard> shards = new ArrayList<>(document.shards());
        for (int s = 0; s < document.shards(); s++) {
            shards.add(new Shard(s, document.ownerOf(s), document.homeOf(s), document.isFrozen(s), shardOverride[s],
                    keyOverrides.getOrDefault(s, 0), changes(known, s)));
        }
        return new ShardMapView(document.epoch(), table.checksum(), table.activeGZone().map(Cell::id).orElse(null),
                cells, shards, overrides, known.stream().map(RuleDocument::epoch).toList());
    }

    private static List<Change> changes(List<RuleDocument> known, int shard) {
        List<Change> changes = new ArrayList<>();
        Change previous = null;
        for (RuleDocument document : known) {
            Change now = new Change(document.epoch(), document.ownerOf(shard), document.homeOf(shard),
                    document.isFrozen(shard));
            if (previous == null || !previous.owner().equals(now.owner()) || !previous.home().equals(now.home())
                    || previous.frozen() != now.frozen()) {
                changes.add(now);
            }
            previous = now;
        }
        return changes.size() > HISTORY_KEPT ? changes.subList(changes.size() - HISTORY_KEPT, changes.size())
                : changes;
    }
}
