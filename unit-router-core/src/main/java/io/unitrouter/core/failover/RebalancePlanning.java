package io.unitrouter.core.failover;

import io.unitrouter.core.Cell;
import io.unitrouter.core.ShardRange;
import io.unitrouter.core.failover.internal.ShardBlocks;
import io.unitrouter.core.rules.RuleDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Plans {@code rebalance}: blocks move from the cell furthest above its fair share to the one furthest
 * below, while that narrows the gap. A cell's fair share is proportional to its capacity when every online
 * RZone declares one, else equal (never above a declared capacity). Frozen blocks stay where they are. The
 * moves are permanent: a moved shard's new owner becomes its home.
 */
final class RebalancePlanning {

    private RebalancePlanning() {
    }

    static FailoverPlan plan(PlanDraft draft) {
        RuleDocument base = draft.base();
        ShardBlocks blocks = draft.blocks();
        List<Cell> cells = draft.onlineRZones();
        Map<String, Integer> load = new LinkedHashMap<>();
        cells.forEach(c -> load.put(c.id(), draft.load(c.id())));
        Map<String, Double> share = fairShares(cells, base.shards());
        Map<String, List<Integer>> movable = new LinkedHashMap<>();
        cells.forEach(c -> movable.put(c.id(), new ArrayList<>()));
        for (int block = 0; block < blocks.count(); block++) {
            ShardRange range = blocks.range(block);
            boolean frozen = false;
            for (int s = range.from(); s <= range.to(); s++) {
                frozen |= base.isFrozen(s);
            }
            String owner = base.ownerOf(range.from());
            if (!frozen && movable.containsKey(owner) && isSingleOwner(base, range)) {
                movable.get(owner).add(block);
            }
        }
        int size = blocks.size();
        int moved = 0;
        while (true) {
            String donor = null;
            String receiver = null;
            for (Cell cell : cells) {
                String id = cell.id();
                double excess = load.get(id) - share.get(id);
                if (!movable.get(id).isEmpty() && (donor == null || excess > load.get(donor) - share.get(donor))) {
                    donor = id;
                }
                boolean room = cell.capacity() == Cell.UNLIMITED || cell.capacity() - load.get(id) >= size;
                if (room && (receiver == null || excess < load.get(receiver) - share.get(receiver))) {
                    receiver = id;
                }
            }
            // Moving a block of b shards narrows the pair's gap only while the gap is more than b.
            if (donor == null || receiver == null || donor.equals(receiver)
                    || (load.get(donor) - share.get(donor)) - (load.get(receiver) - share.get(receiver)) <= size) {
                break;
            }
            List<Integer> candidates = movable.get(donor);
            int block = candidates.remove(candidates.size() - 1);
            draft.move(block, receiver, false);
            load.merge(donor, -size, Integer::sum);
            load.merge(receiver, size, Integer::sum);
            moved++;
        }
        if (moved == 0) {
            throw draft.refused("nothing to do: the load is as even as whole groups of " + size + " shards allow ("
                    + cells.stream().map(c -> c.id() + " " + load.get(c.id()) + "/"
                            + (c.capacity() == Cell.UNLIMITED ? "unlimited" : c.capacity()))
                            .collect(Collectors.joining(", ")) + ")", Map.of());
        }
        return draft.toPlan();
    }

    private static boolean isSingleOwner(RuleDocument base, ShardRange range) {
        for (int s = range.from() + 1; s <= range.to(); s++) {
            if (!base.ownerOf(s).equals(base.ownerOf(range.from()))) {
                return false;
            }
        }
        return true;
    }

    /** Each cell's fair number of shards: by capacity when all are limited, else equal. */
    private static Map<String, Double> fairShares(List<Cell> cells, int shards) {
        boolean allLimited = cells.stream().allMatch(c -> c.capacity() != Cell.UNLIMITED);
        double total = allLimited ? cells.stream().mapToDouble(Cell::capacity).sum() : cells.size();
        Map<String, Double> share = new LinkedHashMap<>();
        for (Cell cell : cells) {
            double weight = allLimited ? cell.capacity() : 1;
            share.put(cell.id(), total == 0 ? 0 : shards * weight / total);
        }
        return share;
    }
}
