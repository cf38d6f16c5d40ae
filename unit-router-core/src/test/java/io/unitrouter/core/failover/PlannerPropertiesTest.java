package io.unitrouter.core.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.core.Cell;
import io.unitrouter.core.CellKind;
import io.unitrouter.core.City;
import io.unitrouter.core.ShardRange;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of plans for random topologies (one to three cities, one or two data centers each, one or two
 * RZones per data center with random capacities, GZones and CZones sometimes), random ownership in whole
 * groups, sometimes a failure already planned, and a random event. Seeds are fixed so that every run tries
 * the same cases; a failure prints the scenario's document and event.
 */
class PlannerPropertiesTest {

    private static final int SHARDS = 60;
    private static final int[] GROUPS = {0, 5, 10, 20};

    /** A document, an event on it, and the shard groups the planner moves in. */
    record Scenario(RuleDocument document, FailoverEvent event, int groups) {

        FailoverPlanner planner() {
            return FailoverPlanner.builder().shardGroups(groups).build();
        }

        int blockSize() {
            return groups == 0 ? 1 : SHARDS / groups;
        }

        /** The plan, or {@code null} when the planner refused; any other exception fails the property. */
        FailoverPlan planOrNull() {
            try {
                return planner().plan(document, event);
            } catch (PlanRefusedException refused) {
                return null;
            }
        }

        @Override
        public String toString() {
            return "event " + event + ", groups " + groups + ", document:\n" + RuleDocuments.toYaml(document);
        }
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Arbitraries.longs().map(PlannerPropertiesTest::scenario);
    }

    @Property(tries = 400, seed = "9090")
    void aPlanNeverLeavesAShardUnownedOrDoublyOwned(@ForAll("scenarios") Scenario scenario) {
        FailoverPlan plan = scenario.planOrNull();
        if (plan == null) {
            return;
        }
        RuleDocument target = plan.target();
        int[] owners = new int[SHARDS];
        for (Cell cell : target.topology().cells(CellKind.RZONE)) {
            for (int s : target.shardsOf(cell.id())) {
                owners[s]++;
            }
        }
        assertThat(owners).as("owners per shard").containsOnly(1);
        for (int s = 0; s < SHARDS; s++) {
            assertThat(target.topology().requireCell(target.ownerOf(s)).isRZone()).isTrue();
        }
    }

    @Property(tries = 400, seed = "9191")
    void aPlanNeverTargetsAFailedOrOfflineLocation(@ForAll("scenarios") Scenario scenario) {
        FailoverPlan plan = scenario.planOrNull();
        if (plan == null) {
            return;
        }
        Set<String> lost = lostCells(scenario);
        for (ShardMove move : plan.moves()) {
            assertThat(move.to()).as("target of %s", move).isNotIn(lost);
            assertThat(plan.target().isOffline(move.to())).as("target of %s offline", move).isFalse();
        }
        for (int s = 0; s < SHARDS; s++) {
            assertThat(plan.target().ownerOf(s)).isNotIn(lost);
        }
        assertThat(plan.target().topology().activeGZone().map(Cell::id).orElse("none")).isNotIn(lost);
    }

    @Property(tries = 400, seed = "9292")
    void aPlanNeverFillsACellBeyondItsCapacity(@ForAll("scenarios") Scenario scenario) {
        FailoverPlan plan = scenario.planOrNull();
        if (plan == null) {
            return;
        }
        for (CellLoad load : plan.loads()) {
            assertThat(load.after()).as("load of %s", load.cell()).isLessThanOrEqualTo(load.capacity());
        }
    }

    @Property(tries = 400, seed = "9393")
    void shardsMoveInWholeGroups(@ForAll("scenarios") Scenario scenario) {
        FailoverPlan plan = scenario.planOrNull();
        if (plan == null) {
            return;
        }
        int size = scenario.blockSize();
        for (ShardMove move : plan.moves()) {
            assertThat(move.shards().from() % size).as("start of %s", move).isZero();
            assertThat((move.shards().to() + 1) % size).as("end of %s", move).isZero();
        }
    }

    @Property(tries = 200, seed = "9494")
    void planningIsDeterministic(@ForAll("scenarios") Scenario scenario) {
        FailoverPlan first = scenario.planOrNull();
        RuleDocument reread = RuleDocuments.parse(RuleDocuments.toYaml(scenario.document()), "again");
        FailoverPlan second = new Scenario(reread, scenario.event(), scenario.groups()).planOrNull();

        assertThat(second == null).isEqualTo(first == null);
        if (first != null) {
            assertThat(second.checksum()).isEqualTo(first.checksum());
            assertThat(second.describe()).isEqualTo(first.describe());
        }
    }

    /** The cells an unplanned loss or a drain takes out of service. */
    private static Set<String> lostCells(Scenario scenario) {
        FailoverEvent event = scenario.event();
        RuleDocument doc = scenario.document();
        return switch (event.kind()) {
            case CELL_DOWN -> Set.of(event.target());
            case DC_DOWN -> doc.topology().cellsInDataCenter(event.target()).stream().map(Cell::id)
                    .collect(Collectors.toSet());
            case CITY_DOWN -> doc.topology().cells().stream().filter(c -> c.city().equals(event.target()))
                    .map(Cell::id).collect(Collectors.toSet());
            case DRAIN -> doc.topology().cells().stream().filter(c -> c.id().equals(event.target())
                    || c.dataCenter().equals(event.target()) || c.city().equals(event.target()))
                    .map(Cell::id).collect(Collectors.toSet());
            default -> Set.of();
        };
    }

    static Scenario scenario(long seed) {
        Random random = new Random(seed);
        int groups = GROUPS[random.nextInt(GROUPS.length)];
        int block = groups == 0 ? 1 : SHARDS / groups;
        RuleDocument doc = document(random, block);
        FailoverPlanner planner = FailoverPlanner.builder().shardGroups(groups).build();
        if (random.nextBoolean()) {
            // Start, half the time, from a document that an earlier failure changed.
            try {
                doc = planner.plan(doc, event(random, doc, block, false)).target();
            } catch (PlanRefusedException refused) {
                // keep the document as it was
            }
        }
        return new Scenario(doc, event(random, doc, block, true), groups);
    }

    private static RuleDocument document(Random random, int block) {
        RuleDocument.Builder builder = RuleDocument.builder().epoch(random.nextInt(1000)).shards(SHARDS);
        int cities = 1 + random.nextInt(3);
        List<String> cityIds = IntStream.range(0, cities).mapToObj(i -> "c" + i).toList();
        List<String> rZones = new ArrayList<>();
        List<String> rZoneDataCenters = new ArrayList<>();
        List<Integer> capacities = new ArrayList<>();
        for (String city : cityIds) {
            List<String> others = new ArrayList<>(cityIds);
            others.remove(city);
            Collections.shuffle(others, random);
            List<String> failoverTo = random.nextInt(3) == 0 ? others.subList(0, random.nextInt(others.size() + 1))
                    : List.of();
            List<String> dcs = IntStream.range(0, 1 + random.nextInt(2)).mapToObj(d -> city + "d" + d).toList();
            builder.city(city, dcs, failoverTo);
            for (String dc : dcs) {
                for (int c = 1 + random.nextInt(2); c > 0; c--) {
                    rZones.add("r" + rZones.size());
                    rZoneDataCenters.add(dc);
                    capacities.add(random.nextInt(3) == 0 ? Cell.UNLIMITED : block * (1 + random.nextInt(40 / block + 2)));
                }
            }
            if (random.nextInt(3) == 0) {
                builder.cell("cz" + city, CellKind.CZONE, dcs.get(0));
            }
        }
        // Make sure every shard fits somewhere: the first RZone takes whatever the others cannot.
        if (capacities.stream().mapToLong(Integer::longValue).sum() < SHARDS) {
            capacities.set(0, Cell.UNLIMITED);
        }
        for (int i = 0; i < rZones.size(); i++) {
            builder.cell(rZones.get(i), CellKind.RZONE, rZoneDataCenters.get(i),
                    capacities.get(i) == Cell.UNLIMITED ? null : capacities.get(i), null);
        }
        if (cities > 1 && random.nextBoolean()) {
            builder.cell("g0", CellKind.GZONE, "c0d0", null, "g1");
            builder.cell("g1", CellKind.GZONE, "c1d0");
        }
        String[] owners = new String[SHARDS];
        int[] load = new int[rZones.size()];
        for (int b = 0; b < SHARDS / block; b++) {
            int pick = random.nextInt(rZones.size());
            while (capacities.get(pick) != Cell.UNLIMITED && load[pick] + block > capacities.get(pick)) {
                pick = (pick + 1) % rZones.size();
            }
            load[pick] += block;
            for (int s = b * block; s < (b + 1) * block; s++) {
                owners[s] = rZones.get(pick);
            }
        }
        return builder.owners(owners).build();
    }

    private static FailoverEvent event(Random random, RuleDocument doc, int block, boolean anyKind) {
        List<Cell> cells = doc.topology().cells();
        List<String> dcs = doc.topology().cities().stream().flatMap(c -> c.dataCenters().stream()).toList();
        List<String> cities = doc.topology().cities().stream().map(City::id).toList();
        int kinds = anyKind ? 7 : 4;
        return switch (random.nextInt(kinds)) {
            case 0 -> FailoverEvent.cellDown(cells.get(random.nextInt(cells.size())).id());
            case 1 -> FailoverEvent.dataCenterDown(dcs.get(random.nextInt(dcs.size())));
            case 2 -> FailoverEvent.cityDown(cities.get(random.nextInt(cities.size())));
            case 3 -> FailoverEvent.drain(random.nextBoolean() ? dcs.get(random.nextInt(dcs.size()))
                    : cells.get(random.nextInt(cells.size())).id());
            case 4 -> FailoverEvent.switchback(random.nextBoolean() ? cities.get(random.nextInt(cities.size()))
                    : cells.get(random.nextInt(cells.size())).id());
            case 5 -> FailoverEvent.rebalance();
            default -> {
                int blocks = SHARDS / block;
                int first = random.nextInt(blocks);
                int last = first + random.nextInt(Math.min(3, blocks - first));
                List<Cell> rZones = doc.topology().cells(CellKind.RZONE);
                yield FailoverEvent.move(List.of(ShardRange.of(first * block, (last + 1) * block - 1)),
                        rZones.get(random.nextInt(rZones.size())).id());
            }
        };
    }
}
