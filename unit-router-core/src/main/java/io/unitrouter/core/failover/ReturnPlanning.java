package io.unitrouter.core.failover;

import io.unitrouter.core.Cell;
import io.unitrouter.core.CellKind;
import io.unitrouter.core.ShardRange;
import io.unitrouter.core.failover.internal.ShardBlocks;
import io.unitrouter.core.rules.RuleDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Plans {@code switchback:X}: the cells of X come back online, every shard whose home is in X returns to
 * its home, and if the active GZone is the standby of a GZone of X, that GZone becomes active again.
 */
final class ReturnPlanning {

    private ReturnPlanning() {
    }

    static FailoverPlan plan(PlanDraft draft, EventScope scope) {
        RuleDocument base = draft.base();
        Set<String> returning = scope.cells().stream().map(Cell::id)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        returning.forEach(draft::bringOnline);
        List<Integer> moving = blocksAwayFromHome(draft, returning);
        boolean promotes = promoteBack(draft, returning);
        if (moving.isEmpty() && returning.stream().noneMatch(base::isOffline) && !promotes) {
            throw draft.refused("nothing to do: every cell of " + scope.description() + " is online and every shard"
                    + " whose home is there is at home", Map.of());
        }
        checkCapacity(draft, moving);
        for (int block : moving) {
            draft.move(block, base.homeOf(draft.blocks().range(block).from()), true);
        }
        return draft.toPlan();
    }

    /** The blocks whose home is a returning cell and whose owner is another; each must have one home. */
    private static List<Integer> blocksAwayFromHome(PlanDraft draft, Set<String> returning) {
        RuleDocument base = draft.base();
        ShardBlocks blocks = draft.blocks();
        List<Integer> result = new ArrayList<>();
        for (int block = 0; block < blocks.count(); block++) {
            ShardRange range = blocks.range(block);
            Set<String> homes = new LinkedHashSet<>();
            boolean away = false;
            for (int s = range.from(); s <= range.to(); s++) {
                homes.add(base.homeOf(s));
                away |= !base.homeOf(s).equals(base.ownerOf(s));
            }
            if (!away || homes.stream().noneMatch(returning::contains)) {
                continue;
            }
            if (homes.size() > 1) {
                throw draft.refused(blocks.describe(block) + " has more than one home (" + String.join(", ", homes)
                        + "); shards return in whole groups of " + blocks.size() + ", so every group needs one home",
                        Map.of("block", block));
            }
            draft.singleOwner(block);
            result.add(block);
        }
        return result;
    }

    /** Makes a returning GZone active again when the active GZone is its standby. */
    private static boolean promoteBack(PlanDraft draft, Set<String> returning) {
        Optional<Cell> active = draft.base().topology().activeGZone();
        if (active.isEmpty()) {
            return false;
        }
        for (Cell gZone : draft.base().topology().cells(CellKind.GZONE)) {
            if (returning.contains(gZone.id()) && active.get().id().equals(gZone.standby())) {
                draft.promote(gZone.id());
                return true;
            }
        }
        return false;
    }

    private static void checkCapacity(PlanDraft draft, List<Integer> moving) {
        RuleDocument base = draft.base();
        Map<String, Integer> incoming = new LinkedHashMap<>();
        for (int block : moving) {
            incoming.merge(base.homeOf(draft.blocks().range(block).from()), draft.blocks().size(), Integer::sum);
        }
        List<String> short_ = new ArrayList<>();
        int needed = 0;
        int available = 0;
        for (Map.Entry<String, Integer> entry : incoming.entrySet()) {
            Cell home = base.topology().requireCell(entry.getKey());
            if (home.capacity() == Cell.UNLIMITED) {
                continue;
            }
            int free = home.capacity() - draft.load(home.id());
            if (entry.getValue() > free) {
                short_.add(home.id() + " needs " + entry.getValue() + " and has " + free);
                needed += entry.getValue();
                available += free;
            }
        }
        if (!short_.isEmpty()) {
            throw draft.shortfall("needs " + needed + " shards of free capacity in the home cells, they have "
                    + available + " (" + String.join(", ", short_) + ")", needed, available);
        }
    }
}
