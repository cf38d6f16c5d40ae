package io.unitrouter.console.web;

import io.unitrouter.core.Cell;
import io.unitrouter.core.CellKind;
import io.unitrouter.core.Topology;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The colour of every cell on every page, as an index into the page's palette: RZones first in declaration order
 * (they own shards, so their colours must be the most distinct), then GZones, then CZones. The same document gives
 * the same colours on the topology, the shard map and a plan.
 */
final class CellColours {

    private CellColours() {
    }

    /** Colour index by cell id. */
    static Map<String, Integer> of(Topology topology) {
        Map<String, Integer> colours = new LinkedHashMap<>();
        for (CellKind kind : new CellKind[] {CellKind.RZONE, CellKind.GZONE, CellKind.CZONE}) {
            for (Cell cell : topology.cells(kind)) {
                colours.put(cell.id(), colours.size());
            }
        }
        return colours;
    }
}
