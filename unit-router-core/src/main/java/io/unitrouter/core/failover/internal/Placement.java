package io.unitrouter.core.failover.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses cells for blocks of shards: the first tier (in preference order) that has a cell with room, and
 * in that tier the cell with the most free capacity, earlier-declared cells winning ties. Each choice
 * reserves the room, so consecutive blocks spread over a tier.
 *
 * <p>Deterministic. Not thread-safe: one placement per plan.
 */
public final class Placement {

    private final Map<String, Long> free;

    /**
     * @param freeByCell free capacity per candidate cell, in declaration order; {@link Long#MAX_VALUE}
     *     minus the load for a cell without a limit, so that the least loaded of those wins
     */
    public Placement(Map<String, Long> freeByCell) {
        this.free = new LinkedHashMap<>(freeByCell);
    }

    /**
     * Places one block.
     *
     * @param tiers candidate cells, most preferred tier first
     * @param size the block's shard count
     * @return the chosen cell, or empty when no candidate has room
     */
    public Optional<String> place(List<List<String>> tiers, int size) {
        for (List<String> tier : tiers) {
            String best = null;
            long bestFree = -1;
            for (String cell : tier) {
                long room = free.getOrDefault(cell, 0L);
                if (room >= size && room > bestFree) {
                    best = cell;
                    bestFree = room;
                }
            }
            if (best != null) {
                free.put(best, bestFree - size);
                return Optional.of(best);
            }
        }
        return Optional.empty();
    }
}
