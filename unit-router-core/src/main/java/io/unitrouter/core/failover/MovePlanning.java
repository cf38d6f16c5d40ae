package io.unitrouter.core.failover;

import io.unitrouter.core.Cell;
import io.unitrouter.core.ShardRange;
import io.unitrouter.core.failover.internal.ShardBlocks;
import io.unitrouter.core.rules.RuleDocument;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Plans {@code move:SHARDS:CELL}: whole blocks of shards move to one online RZone. The move is temporary in
 * the sense of {@code homes}: each shard keeps its home, so {@code switchback:HOME} brings it back.
 */
final class MovePlanning {

    private MovePlanning() {
    }

    static FailoverPlan plan(PlanDraft draft) {
        RuleDocument base = draft.base();
        FailoverEvent event = draft.event();
        Cell cell = EventScope.resolve(event, base.topology(), EventScope.Level.CELL).cells().get(0);
        if (!cell.isRZone()) {
            throw draft.refused("cell " + cell.id() + " is a " + cell.kind() + "; only RZONE cells own shards",
                    Map.of("cell", cell.id()));
        }
        if (base.isOffline(cell.id())) {
            throw draft.refused("cell " + cell.id() + " is offline; bring it back with switchback:" + cell.id()
                    + " first", Map.of("cell", cell.id()));
        }
        ShardBlocks blocks = draft.blocks();
        Set<Integer> moving = new LinkedHashSet<>();
        for (ShardRange range : event.shards()) {
            if (range.to() >= base.shards()) {
                throw draft.refused("shards " + range + " are outside 0.." + (base.shards() - 1),
                        Map.of("shards", range.toString()));
            }
            if (range.from() % blocks.size() != 0 || (range.to() + 1) % blocks.size() != 0) {
                throw draft.refused("shards " + range + " do not cover whole shard groups of " + blocks.size()
                        + " shards (" + blocks.describe(blocks.blockOf(range.from())) + ")",
                        Map.of("shards", range.toString()));
            }
            for (int block = blocks.blockOf(range.from()); block <= blocks.blockOf(range.to()); block++) {
                if (!draft.singleOwner(block).equals(cell.id())) {
                    moving.add(block);
                }
            }
        }
        if (moving.isEmpty()) {
            throw draft.refused("nothing to do: " + cell.id() + " already owns every shard named", Map.of());
        }
        int needed = moving.size() * blocks.size();
        int free = cell.capacity() == Cell.UNLIMITED ? Integer.MAX_VALUE : cell.capacity() - draft.load(cell.id());
        if (needed > free) {
            throw draft.shortfall("needs " + needed + " shards of free capacity in " + cell.id() + ", which has " + free
                    + " (" + draft.load(cell.id()) + " of " + cell.capacity() + " used)", needed, free);
        }
        moving.forEach(block -> draft.move(block, cell.id(), true));
        return draft.toPlan();
    }
}
