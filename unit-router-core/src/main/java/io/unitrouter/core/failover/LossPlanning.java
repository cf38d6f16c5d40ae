package io.unitrouter.core.failover;

import io.unitrouter.core.Cell;
import io.unitrouter.core.City;
import io.unitrouter.core.ShardRange;
import io.unitrouter.core.failover.internal.Placement;
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
 * Plans {@code cell-down}, {@code dc-down}, {@code city-down} and {@code drain}: every cell in scope goes
 * offline, its shards move to surviving RZones (same data center, then the sibling data centers of the city,
 * then the city's {@code failover-to} cities in order, or every other city when it declares none), spread by
 * free capacity; each moved shard remembers its home; a lost active GZone is replaced by its standby.
 */
final class LossPlanning {

    private LossPlanning() {
    }

    static FailoverPlan plan(PlanDraft draft, EventScope scope) {
        RuleDocument base = draft.base();
        Set<String> failed = scope.cells().stream().map(Cell::id).collect(Collectors.toCollection(LinkedHashSet::new));
        if (failed.isEmpty()) {
            throw draft.refused("nothing to do: " + scope.description() + " has no cells", Map.of());
        }
        if (failed.stream().allMatch(base::isOffline)) {
            throw draft.refused("nothing to do: every cell of " + scope.description() + " is already offline ("
                    + String.join(", ", failed) + ")", Map.of());
        }
        failed.forEach(draft::takeOffline);
        promoteStandbyIfActiveLost(draft, failed);

        List<Integer> moving = movingBlocks(draft, failed);
        City city = base.topology().city(scope.city()).orElseThrow();
        List<Cell> eligible = eligible(draft, city);
        Map<String, Long> free = freeCapacity(draft, eligible);
        checkCapacity(draft, moving.size() * draft.blocks().size(), eligible, free, city);

        Placement placement = new Placement(free);
        for (int block : moving) {
            Cell owner = base.topology().requireCell(draft.singleOwner(block));
            String to = placement.place(tiers(owner, eligible, city), draft.blocks().size())
                    .orElseThrow(() -> new IllegalStateException("capacity was checked, yet block " + block
                            + " found no cell"));
            draft.move(block, to, true);
        }
        return draft.toPlan();
    }

    private static void promoteStandbyIfActiveLost(PlanDraft draft, Set<String> failed) {
        Optional<Cell> active = draft.base().topology().activeGZone();
        if (active.isEmpty() || !failed.contains(active.get().id())) {
            return;
        }
        String lost = active.get().id();
        String standby = active.get().standby();
        if (standby == null) {
            throw draft.refused("the active GZone " + lost + " is lost and has no standby to promote; declare one"
                    + " (standby: on " + lost + ")", Map.of("gzone", lost));
        }
        if (failed.contains(standby) || draft.base().isOffline(standby)) {
            throw draft.refused("the active GZone " + lost + " is lost and its standby " + standby + " is "
                    + (failed.contains(standby) ? "lost too" : "offline") + "; no GZone is left to take global writes",
                    Map.of("gzone", lost, "standby", standby));
        }
        draft.promote(standby);
    }

    /** The blocks owned by failed cells, each checked to have a single owner. */
    private static List<Integer> movingBlocks(PlanDraft draft, Set<String> failed) {
        ShardBlocks blocks = draft.blocks();
        List<Integer> result = new ArrayList<>();
        for (int block = 0; block < blocks.count(); block++) {
            ShardRange range = blocks.range(block);
            for (int s = range.from(); s <= range.to(); s++) {
                if (failed.contains(draft.base().ownerOf(s))) {
                    draft.singleOwner(block);
                    result.add(block);
                    break;
                }
            }
        }
        return result;
    }

    /** Surviving RZones in the city itself and the cities it may fail over to, in declaration order. */
    private static List<Cell> eligible(PlanDraft draft, City city) {
        return draft.onlineRZones().stream()
                .filter(c -> c.city().equals(city.id()) || city.failoverTo().isEmpty()
                        || city.failoverTo().contains(c.city()))
                .toList();
    }

    private static Map<String, Long> freeCapacity(PlanDraft draft, List<Cell> cells) {
        Map<String, Long> free = new LinkedHashMap<>();
        for (Cell cell : cells) {
            int load = draft.load(cell.id());
            free.put(cell.id(), cell.capacity() == Cell.UNLIMITED ? Long.MAX_VALUE - load : cell.capacity() - load);
        }
        return free;
    }

    private static void checkCapacity(PlanDraft draft, int needed, List<Cell> eligible, Map<String, Long> free,
            City city) {
        if (needed == 0) {
            return;
        }
        int size = draft.blocks().size();
        long available = 0;
        long usable = 0;
        for (long room : free.values()) {
            available = saturatedAdd(available, room);
            usable = saturatedAdd(usable, room / size * size);
        }
        String who = city.failoverTo().isEmpty() ? "the surviving cells"
                : "the surviving cells in " + city.id() + " and its failover-to cities ("
                        + String.join(", ", city.failoverTo()) + ")";
        if (available < needed) {
            String each = eligible.isEmpty() ? "none" : eligible.stream()
                    .map(c -> c.id() + " " + free.get(c.id())).collect(Collectors.joining(", "));
            throw draft.shortfall("needs " + needed + " shards of free capacity, " + who + " have " + available + " ("
                    + each + ")", needed, available);
        }
        if (usable < needed) {
            String each = eligible.stream().map(c -> c.id() + " " + free.get(c.id()) / size * size + " of "
                    + free.get(c.id()) + " free").collect(Collectors.joining(", "));
            throw draft.shortfall("needs " + needed + " shards of free capacity in whole shard groups of " + size
                    + " shards, " + who + " can take " + usable + " (" + each + ")", needed, usable);
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /**
     * The preference tiers for a block of {@code owner}: its data center, the other data centers of its city,
     * then each failover-to city in order, or all other cities together when the city declares no order.
     */
    private static List<List<String>> tiers(Cell owner, List<Cell> eligible, City city) {
        List<List<String>> tiers = new ArrayList<>();
        tiers.add(ids(eligible.stream().filter(c -> c.dataCenter().equals(owner.dataCenter())).toList()));
        tiers.add(ids(eligible.stream().filter(c -> c.city().equals(owner.city())
                && !c.dataCenter().equals(owner.dataCenter())).toList()));
        if (city.failoverTo().isEmpty()) {
            tiers.add(ids(eligible.stream().filter(c -> !c.city().equals(owner.city())).toList()));
        } else {
            for (String other : city.failoverTo()) {
                tiers.add(ids(eligible.stream().filter(c -> c.city().equals(other)).toList()));
            }
        }
        return tiers;
    }

    private static List<String> ids(List<Cell> cells) {
        return cells.stream().map(Cell::id).toList();
    }
}
