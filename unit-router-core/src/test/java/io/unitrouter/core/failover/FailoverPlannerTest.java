package io.unitrouter.core.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrouter.core.ShardRange;
import io.unitrouter.core.TestRules;
import io.unitrouter.core.rules.RuleDocument;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The planner on the reference topology: hz (hz1: rz01, gz01; hz2: rz02, czhz), sh (sh1: rz03, gz02; sh2:
 * rz04), sz (sz1: rz05); 20 shards per RZone, capacity 100 each, gz01 active with standby gz02.
 */
class FailoverPlannerTest {

    private static final FailoverPlanner PLANNER = FailoverPlanner.defaults();

    private static FailoverPlan plan(RuleDocument doc, String event) {
        return PLANNER.plan(doc, FailoverEvent.parse(event));
    }

    private static Map<String, Integer> afterLoads(FailoverPlan plan) {
        return plan.loads().stream().collect(java.util.stream.Collectors.toMap(CellLoad::cell, CellLoad::after));
    }

    @Test
    void cellDownMovesItsShardsToTheSiblingDataCenterAndRemembersTheirHome() {
        FailoverPlan plan = plan(TestRules.threeCities(), "cell-down:rz01");

        assertThat(plan.moves()).containsExactly(new ShardMove(ShardRange.of(0, 19), "rz01", "rz02"));
        assertThat(plan.offlined()).containsExactly("rz01");
        assertThat(plan.target().homeOf(5)).isEqualTo("rz01");
        assertThat(plan.target().ownerOf(5)).isEqualTo("rz02");
        assertThat(plan.gZonePromotion()).isEmpty();
        assertThat(plan.cityReadRedirects()).isEmpty();
        assertThat(afterLoads(plan)).containsEntry("rz01", 0).containsEntry("rz02", 40);
    }

    @Test
    void theTargetIsTwoEpochsOnAndTheFreezeDocumentFreezesTheMovingShards() {
        FailoverPlan plan = plan(TestRules.threeCities(), "cell-down:rz01");

        assertThat(plan.baseEpoch()).isEqualTo(42);
        assertThat(plan.freezeEpoch()).isEqualTo(43);
        assertThat(plan.switchEpoch()).isEqualTo(44);
        RuleDocument freeze = plan.freezeDocument().orElseThrow();
        assertThat(IntStream.range(0, 100).filter(freeze::isFrozen).toArray())
                .isEqualTo(IntStream.range(0, 20).toArray());
        assertThat(freeze.owners()).isEqualTo(TestRules.threeCities().owners());
        assertThat(plan.target().frozen()).isEmpty();
    }

    @Test
    void dcDownOfTheActiveGZonesDataCenterPromotesItsStandby() {
        FailoverPlan plan = plan(TestRules.threeCities(), "dc-down:hz1");

        assertThat(plan.moves()).containsExactly(new ShardMove(ShardRange.of(0, 19), "rz01", "rz02"));
        assertThat(plan.gZonePromotion()).contains(new GZonePromotion("gz01", "gz02"));
        assertThat(plan.offlined()).containsExactly("rz01", "gz01");
        assertThat(plan.target().topology().activeGZone().orElseThrow().id()).isEqualTo("gz02");
        // hz still reads from its CZone in hz2; the cities without a CZone follow the active GZone.
        assertThat(plan.cityReadRedirects()).containsExactly(new CityReadRedirect("sh", "gz01", "gz02"),
                new CityReadRedirect("sz", "gz01", "gz02"));
    }

    @Test
    void cityDownSpreadsTheShardsOverTheOtherCitiesByFreeCapacity() {
        FailoverPlan plan = plan(TestRules.threeCities(), "city-down:hz");

        assertThat(plan.movingShards()).hasSize(40);
        assertThat(afterLoads(plan)).containsEntry("rz03", 34).containsEntry("rz04", 33).containsEntry("rz05", 33)
                .containsEntry("rz01", 0).containsEntry("rz02", 0);
        assertThat(plan.offlined()).containsExactly("rz01", "rz02", "gz01", "czhz");
        assertThat(plan.gZonePromotion()).contains(new GZonePromotion("gz01", "gz02"));
    }

    @Test
    void aLostCZonesCityReadsGoToTheActiveGZone() {
        FailoverPlan plan = plan(TestRules.threeCities(), "dc-down:hz2");

        assertThat(plan.offlined()).containsExactly("rz02", "czhz");
        assertThat(plan.cityReadRedirects()).containsExactly(new CityReadRedirect("hz", "czhz", "gz01"));
        assertThat(plan.moves()).containsExactly(new ShardMove(ShardRange.of(20, 39), "rz02", "rz01"));
    }

    @Test
    void aCityWithAFailoverOrderSendsItsShardsToTheFirstListedCityThatHasRoom() {
        RuleDocument doc = TestRules.threeCitiesWith("{ id: hz, data-centers: [hz1, hz2] }",
                "{ id: hz, data-centers: [hz1, hz2], failover-to: [sz, sh] }",
                "{ id: rz05, kind: RZONE, data-center: sz1, capacity: 100 }",
                "{ id: rz05, kind: RZONE, data-center: sz1, capacity: 30 }");

        FailoverPlan plan = plan(doc, "city-down:hz");

        assertThat(afterLoads(plan)).containsEntry("rz05", 30).containsEntry("rz03", 35).containsEntry("rz04", 35);
        assertThat(plan.moves().get(0)).isEqualTo(new ShardMove(ShardRange.of(0, 9), "rz01", "rz05"));
    }

    @Test
    void aFailoverOrderLimitsWhereShardsMayGo() {
        RuleDocument doc = TestRules.threeCitiesWith("{ id: sh, data-centers: [sh1, sh2] }",
                "{ id: sh, data-centers: [sh1, sh2], failover-to: [sz] }",
                "{ id: rz05, kind: RZONE, data-center: sz1, capacity: 100 }",
                "{ id: rz05, kind: RZONE, data-center: sz1, capacity: 50 }");

        assertThatThrownBy(() -> plan(doc, "city-down:sh"))
                .isInstanceOf(PlanRefusedException.class)
                .hasMessage("city-down:sh needs 40 shards of free capacity, the surviving cells in sh and its"
                        + " failover-to cities (sz) have 30 (rz05 30)");
    }

    @Test
    void aDocumentTooTightForTheEventIsRefusedNamingTheShortfall() {
        RuleDocument doc = TestRules.threeCitiesWith(
                "{ id: rz01, kind: RZONE, data-center: hz1, capacity: 100 }",
                "{ id: rz01, kind: RZONE, data-center: hz1, capacity: 25 }",
                "{ id: rz02, kind: RZONE, data-center: hz2, capacity: 100 }",
                "{ id: rz02, kind: RZONE, data-center: hz2, capacity: 25 }",
                "{ id: rz05, kind: RZONE, data-center: sz1, capacity: 100 }",
                "{ id: rz05, kind: RZONE, data-center: sz1, capacity: 25 }");

        assertThatThrownBy(() -> plan(doc, "city-down:sh"))
                .isInstanceOf(PlanRefusedException.class)
                .hasMessage("city-down:sh needs 40 shards of free capacity, the surviving cells have 15"
                        + " (rz01 5, rz02 5, rz05 5)")
                .satisfies(e -> assertThat(((PlanRefusedException) e).context())
                        .containsEntry("needed", 40).containsEntry("available", 15L));
    }

    @Test
    void withShardGroupsShardsMoveInWholeGroups() {
        FailoverPlanner planner = FailoverPlanner.builder().shardGroups(10).build();

        FailoverPlan plan = planner.plan(TestRules.threeCities(), FailoverEvent.cityDown("hz"));

        assertThat(plan.moves()).extracting(m -> m.shards().size()).allMatch(size -> size % 10 == 0);
        assertThat(afterLoads(plan)).containsEntry("rz03", 40).containsEntry("rz04", 30).containsEntry("rz05", 30);
        for (int group = 0; group < 10; group++) {
            int first = group * 10;
            assertThat(IntStream.range(first, first + 10).mapToObj(plan.target()::ownerOf).distinct()).hasSize(1);
        }
    }

    @Test
    void capacityThatOnlyPartGroupsCouldUseIsRefusedInGroupTerms() {
        RuleDocument doc = TestRules.threeCitiesWith(
                "{ id: rz02, kind: RZONE, data-center: hz2, capacity: 100 }",
                "{ id: rz02, kind: RZONE, data-center: hz2, capacity: 35 }",
                "{ id: sz, data-centers: [sz1] }", "{ id: sz, data-centers: [sz1], failover-to: [hz] }",
                "{ id: rz01, kind: RZONE, data-center: hz1, capacity: 100 }",
                "{ id: rz01, kind: RZONE, data-center: hz1, capacity: 25 }");

        assertThatThrownBy(() -> FailoverPlanner.builder().shardGroups(10).build().plan(doc,
                FailoverEvent.cityDown("sz")))
                .hasMessage("city-down:sz needs 20 shards of free capacity in whole shard groups of 10 shards, the"
                        + " surviving cells in sz and its failover-to cities (hz) can take 10 (rz01 0 of 5 free,"
                        + " rz02 10 of 15 free)");
    }

    @Test
    void aGroupWithTwoOwnersIsRefusedWhenItMustMove() {
        RuleDocument doc = TestRules.threeCitiesWith("{ shards: \"0-19\",  cell: rz01 }",
                "{ shards: \"0-14\",  cell: rz01 }", "{ shards: \"20-39\", cell: rz02 }",
                "{ shards: \"15-39\", cell: rz02 }");

        assertThatThrownBy(() -> FailoverPlanner.builder().shardGroups(10).build().plan(doc,
                FailoverEvent.cellDown("rz01")))
                .hasMessage("cell-down:rz01: shard group 1 (shards 10-19) is owned by rz01 and rz02; shards move in"
                        + " whole groups of 10, so every group must have one owner");
    }

    @Test
    void drainPlansTheSameMovesAsTheLossButIsPlanned() {
        FailoverPlan drain = plan(TestRules.threeCities(), "drain:sh");
        FailoverPlan loss = plan(TestRules.threeCities(), "city-down:sh");

        assertThat(drain.moves()).isEqualTo(loss.moves());
        assertThat(drain.target().owners()).isEqualTo(loss.target().owners());
        assertThat(drain.event().planned()).isTrue();
        assertThat(loss.event().planned()).isFalse();
        assertThat(drain.checksum()).isNotEqualTo(loss.checksum());
    }

    @Test
    void drainOfACellOrADataCenterResolvesTheTarget() {
        assertThat(plan(TestRules.threeCities(), "drain:rz04").offlined()).containsExactly("rz04");
        assertThat(plan(TestRules.threeCities(), "drain:sh1").offlined()).containsExactly("rz03", "gz02");
    }

    @Test
    void anUnknownTargetNamesWhatIsKnown() {
        assertThatThrownBy(() -> plan(TestRules.threeCities(), "cell-down:rz09"))
                .isInstanceOf(PlanRefusedException.class)
                .hasMessage("cell-down:rz09: cell 'rz09' is not defined; known cells: [rz01, rz02, rz03, rz04, rz05,"
                        + " gz01, gz02, czhz]");
        assertThatThrownBy(() -> plan(TestRules.threeCities(), "dc-down:hz"))
                .hasMessage("dc-down:hz: data center 'hz' is not defined; known data centers: [hz1, hz2, sh1, sh2,"
                        + " sz1]");
        assertThatThrownBy(() -> plan(TestRules.threeCities(), "drain:bj"))
                .hasMessageStartingWith("drain:bj: 'bj' is not a cell, data center or city");
    }

    @Test
    void aCellAlreadyOfflineHasNothingToDo() {
        RuleDocument down = plan(TestRules.threeCities(), "cell-down:rz01").target();

        assertThatThrownBy(() -> PLANNER.plan(down, FailoverEvent.cellDown("rz01")))
                .hasMessage("cell-down:rz01: nothing to do: every cell of cell rz01 is already offline (rz01)");
    }

    @Test
    void theLossOfBothGZonesIsRefused() {
        RuleDocument hzDown = plan(TestRules.threeCities(), "city-down:hz").target();

        assertThatThrownBy(() -> PLANNER.plan(hzDown, FailoverEvent.cityDown("sh")))
                .hasMessage("city-down:sh: the active GZone gz02 is lost and has no standby to promote; declare one"
                        + " (standby: on gz02)");
        RuleDocument standbyDown = plan(TestRules.threeCities(), "dc-down:sh1").target();
        assertThatThrownBy(() -> PLANNER.plan(standbyDown, FailoverEvent.dataCenterDown("hz1")))
                .hasMessage("dc-down:hz1: the active GZone gz01 is lost and its standby gz02 is offline; no GZone is"
                        + " left to take global writes");
    }

    @Test
    void switchbackReturnsShardsHomeAndBringsTheCellsBackOnline() {
        RuleDocument down = plan(TestRules.threeCities(), "dc-down:hz2").target();

        FailoverPlan back = PLANNER.plan(down, FailoverEvent.switchback("hz2"));

        assertThat(back.moves()).containsExactly(new ShardMove(ShardRange.of(20, 39), "rz01", "rz02"));
        assertThat(back.onlined()).containsExactly("rz02", "czhz");
        assertThat(back.cityReadRedirects()).containsExactly(new CityReadRedirect("hz", "gz01", "czhz"));
        assertThat(back.target().homes()).isEmpty();
        assertThat(back.target().owners()).isEqualTo(TestRules.threeCities().owners());
    }

    @Test
    void switchbackMakesTheOriginalGZoneActiveAgain() {
        RuleDocument down = plan(TestRules.threeCities(), "dc-down:hz1").target();

        FailoverPlan back = PLANNER.plan(down, FailoverEvent.switchback("hz1"));

        assertThat(back.gZonePromotion()).contains(new GZonePromotion("gz02", "gz01"));
        assertThat(back.onlined()).containsExactly("rz01", "gz01");
    }

    @Test
    void switchbackWithNothingAwayIsRefused() {
        assertThatThrownBy(() -> plan(TestRules.threeCities(), "switchback:rz02"))
                .hasMessage("switchback:rz02: nothing to do: every cell of cell rz02 is online and every shard whose"
                        + " home is there is at home");
    }

    @Test
    void moveSendsShardsToOneCellKeepingTheirHome() {
        FailoverPlan plan = plan(TestRules.threeCities(), "move:20-29:rz05");

        assertThat(plan.moves()).containsExactly(new ShardMove(ShardRange.of(20, 29), "rz02", "rz05"));
        assertThat(plan.target().homeOf(25)).isEqualTo("rz02");
        assertThat(plan.offlined()).isEmpty();

        FailoverPlan back = PLANNER.plan(plan.target(), FailoverEvent.switchback("rz02"));
        assertThat(back.moves()).containsExactly(new ShardMove(ShardRange.of(20, 29), "rz05", "rz02"));
    }

    @Test
    void moveChecksGroupsCapacityAndTheTarget() {
        FailoverPlanner grouped = FailoverPlanner.builder().shardGroups(10).build();
        assertThatThrownBy(() -> grouped.plan(TestRules.threeCities(), FailoverEvent.parse("move:25-34:rz05")))
                .hasMessage("move:25-34:rz05: shards 25-34 do not cover whole shard groups of 10 shards (shard group 2"
                        + " (shards 20-29))");
        assertThatThrownBy(() -> plan(TestRules.threeCities(), "move:20-39:gz01"))
                .hasMessage("move:20-39:gz01: cell gz01 is a GZONE; only RZONE cells own shards");
        assertThatThrownBy(() -> plan(TestRules.threeCities(), "move:90-120:rz01"))
                .hasMessage("move:90-120:rz01: shards 90-120 are outside 0..99");
        assertThatThrownBy(() -> plan(TestRules.threeCitiesWith(
                "{ id: rz05, kind: RZONE, data-center: sz1, capacity: 100 }",
                "{ id: rz05, kind: RZONE, data-center: sz1, capacity: 25 }"), "move:20-29:rz05"))
                .hasMessage("move:20-29:rz05 needs 10 shards of free capacity in rz05, which has 5 (20 of 25 used)");
        assertThatThrownBy(() -> plan(TestRules.threeCities(), "move:20-29:rz02"))
                .hasMessage("move:20-29:rz02: nothing to do: rz02 already owns every shard named");
    }

    @Test
    void rebalanceEvensTheLoadByCapacityAndMakesTheNewOwnersHome() {
        RuleDocument uneven = TestRules.threeCitiesWith("{ shards: \"0-19\",  cell: rz01 }",
                "{ shards: \"0-49\",  cell: rz01 }", "{ shards: \"20-39\", cell: rz02 }",
                "{ shards: \"50-59\", cell: rz02 }", "{ shards: \"40-59\", cell: rz03 }",
                "{ shards: \"60-69\", cell: rz03 }", "{ shards: \"60-79\", cell: rz04 }",
                "{ shards: \"70-89\", cell: rz04 }", "{ shards: \"80-99\", cell: rz05 }",
                "{ shards: \"90-99\", cell: rz05 }");

        FailoverPlan plan = FailoverPlanner.builder().shardGroups(10).build().plan(uneven, FailoverEvent.rebalance());

        assertThat(afterLoads(plan).values()).containsOnly(20);
        assertThat(plan.target().homes()).isEmpty();
        assertThatThrownBy(() -> PLANNER.plan(TestRules.threeCities(), FailoverEvent.rebalance()))
                .hasMessageStartingWith("rebalance: nothing to do: the load is as even as whole groups of 1 shards"
                        + " allow (rz01 20/100");
    }

    @Test
    void overridesToALostCellAreDropped() {
        RuleDocument doc = TestRules.threeCitiesWith("overrides: []",
                "overrides:\n  - { keys: [\"42\"], cell: rz01 }\n  - { shards: \"5-9\", cell: rz03 }");

        FailoverPlan plan = plan(doc, "cell-down:rz01");

        assertThat(plan.target().overrides()).extracting(RuleDocument.RouteOverride::cell).containsExactly("rz03");
        assertThat(plan.describe()).contains("overrides:      2 -> 1 entries (overrides to cells taken offline are"
                + " dropped)");
    }

    @Test
    void aRevertIsNotPlannedFromTheDocumentAlone() {
        assertThatThrownBy(() -> plan(TestRules.threeCities(), "revert:f42-0001"))
                .isInstanceOf(PlanRefusedException.class)
                .hasMessageContaining("FailoverCoordinator.reversePlan");
    }

    @Test
    void planningIsDeterministic() {
        FailoverPlan first = plan(TestRules.threeCities(), "city-down:hz");
        FailoverPlan second = plan(TestRules.threeCities(), "city-down:hz");

        assertThat(second.checksum()).isEqualTo(first.checksum());
        assertThat(second.describe()).isEqualTo(first.describe());
        assertThat(second.target().owners()).isEqualTo(first.target().owners());
        assertThat(FailoverPlan.of(first.event(), first.base(), first.target()).checksum())
                .isEqualTo(first.checksum());
    }

    @Test
    void theDescriptionShowsMovesGZoneCityReadsAndLoads() {
        List<String> lines = plan(TestRules.threeCities(), "dc-down:hz1").describe();

        assertThat(lines).contains(
                "base:           epoch 42 (checksum " + plan(TestRules.threeCities(), "dc-down:hz1").baseChecksum()
                        + ")",
                "phases:         freeze at epoch 43, fences to epoch 44, switch at epoch 44",
                "moves:          20 shards",
                "  shards 0-19: rz01 -> rz02",
                "offline:        rz01, gz01",
                "active GZone:   gz01 -> gz02",
                "city reads:     sh: gz01 -> gz02, sz: gz01 -> gz02",
                "homes:          0-19 -> rz01 (where shards return on a switchback)",
                "  rz01        20 -> 0     of 100 (offline)",
                "  rz02        20 -> 40    of 100, receives 20");
    }
}
