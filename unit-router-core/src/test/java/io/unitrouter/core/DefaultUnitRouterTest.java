package io.unitrouter.core;

import static io.unitrouter.core.TestRules.threeCitiesWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleRejection;
import io.unitrouter.core.rules.RuleValidationException;
import io.unitrouter.core.store.InMemoryRuleStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The router built by {@link UnitRouter#builder()}: overrides, frozen shards, rule changes, errors. */
class DefaultUnitRouterTest {

    private static final String NO_OVERRIDES = "overrides: []";

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeRouters() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    private UnitRouter router(RuleDocument rules, String localCell) {
        UnitRouter router = UnitRouter.builder().rules(rules).localCell(localCell).build();
        toClose.add(router);
        return router;
    }

    @Test
    void keyOverrideSendsThatKeyElsewhereAndKeepsTheDataOwner() {
        UnitRouter router = router(threeCitiesWith(NO_OVERRIDES, "overrides:\n  - { keys: ['1234567'], cell: rz05 }"),
                "rz05");

        RouteDecision decision = router.route("1234567", Access.WRITE);

        assertThat(decision.cell()).isEqualTo("rz05");
        assertThat(decision.overridden()).isTrue();
        assertThat(decision.local()).isTrue();
        assertThat(decision.shard()).isEqualTo(67);
        assertThat(router.route(1_234_567L, Access.READ).cell()).isEqualTo("rz05");
        assertThat(router.route(1_234_567L, Access.READ).overridden()).isTrue();
        assertThat(router.table().ownerOf(67).id()).isEqualTo("rz04");
        assertThat(router.table().ownerOf("1234567").id()).isEqualTo("rz04");

        RouteDecision sameShard = router.route("67", Access.WRITE);
        assertThat(sameShard.cell()).isEqualTo("rz04");
        assertThat(sameShard.overridden()).isFalse();
        assertThat(router.routeShard(67, Access.WRITE).cell()).as("key overrides do not apply to shards")
                .isEqualTo("rz04");
    }

    @Test
    void shardOverrideSendsTheShardElsewhereAndKeepsTheDataOwner() {
        UnitRouter router = router(threeCitiesWith(NO_OVERRIDES, "overrides:\n  - { shards: \"60-64\", cell: rz05 }"),
                "rz04");

        RouteDecision decision = router.route("1262", Access.READ);

        assertThat(decision.cell()).isEqualTo("rz05");
        assertThat(decision.overridden()).isTrue();
        assertThat(decision.local()).isFalse();
        assertThat(router.routeShard(64, Access.WRITE).cell()).isEqualTo("rz05");
        assertThat(router.routeShard(64, Access.WRITE).overridden()).isTrue();
        assertThat(router.route("1265", Access.READ).cell()).isEqualTo("rz04");
        assertThat(router.route("1265", Access.READ).overridden()).isFalse();
        assertThat(router.table().ownerOf(62).id()).isEqualTo("rz04");
    }

    @Test
    void frozenShardBlocksOnlyWrites() {
        UnitRouter router = router(threeCitiesWith("frozen: []", "frozen: [\"20-39\"]"), "rz02");

        RouteDecision write = router.route("1225", Access.WRITE);
        RouteDecision read = router.route("1225", Access.READ);

        assertThat(write.frozen()).isTrue();
        assertThat(write.writeBlocked()).isTrue();
        assertThat(read.frozen()).isTrue();
        assertThat(read.writeBlocked()).isFalse();
        assertThat(router.route("1240", Access.WRITE).writeBlocked()).as("shard 40 is not frozen").isFalse();
        assertThat(router.routeShard(39, Access.WRITE).writeBlocked()).isTrue();
        assertThat(write.cell()).as("a frozen shard still names its owner").isEqualTo("rz02");
    }

    @Test
    void refusesDocumentWithoutTheLocalCellAndKeepsTheOldTable() {
        UnitRouter router = router(TestRules.threeCities(), "rz01");
        RoutingTable before = router.table();
        List<RuleRejection> heard = new ArrayList<>();
        List<RoutingTable> applied = new ArrayList<>();
        router.addListener(new UnitRouter.Listener() {
            @Override
            public void onApplied(RoutingTable previous, RoutingTable current) {
                applied.add(current);
            }

            @Override
            public void onRejected(RuleRejection rejection) {
                heard.add(rejection);
            }
        });
        RuleDocument withoutRz01 = threeCitiesWith("epoch: 42", "epoch: 43",
                "  - { id: rz01, kind: RZONE, data-center: hz1, capacity: 100 }\n", "",
                "{ shards: \"0-19\",  cell: rz01 }", "{ shards: \"0-19\",  cell: rz02 }");

        RuleValidationException e = catchThrowableOfType(RuleValidationException.class,
                () -> router.apply(withoutRz01));

        String problem = "local cell 'rz01' is not defined in epoch 43; known cells: [rz02, rz03, rz04, rz05, gz01, gz02,"
                + " czhz]";
        assertThat(e.errors()).containsExactly(problem);
        assertThat(router.table()).isSameAs(before);
        assertThat(router.route("1205", Access.WRITE).cell()).isEqualTo("rz01");
        assertThat(router.route("1205", Access.WRITE).local()).isTrue();
        assertThat(router.lastRejection()).hasValueSatisfying(r -> {
            assertThat(r.epoch()).isEqualTo(43);
            assertThat(r.errors()).containsExactly(problem);
        });
        assertThat(heard).hasSize(1);
        assertThat(applied).isEmpty();
    }

    @Test
    void refusesToStartWhenTheLocalCellIsNotDeclared() {
        assertThatThrownBy(() -> UnitRouter.builder().rules(TestRules.threeCities()).localCell("rz09").build())
                .isInstanceOf(UnitRouterException.class)
                .hasMessage("local cell 'rz09' is not defined in epoch 42; known cells: [rz01, rz02, rz03, rz04, rz05,"
                        + " gz01, gz02, czhz] (rules from three-cities.yaml)");
    }

    @Test
    void applyingTheSameRulesAgainChangesNothing() {
        UnitRouter router = router(TestRules.threeCities(), "rz01");
        List<RoutingTable> applied = new ArrayList<>();
        router.addListener((previous, current) -> applied.add(current));
        RoutingTable before = router.table();

        assertThat(router.apply(TestRules.threeCities())).isFalse();
        assertThat(router.table()).isSameAs(before);
        assertThat(applied).isEmpty();
        assertThat(router.lastRejection()).isEmpty();
    }

    @Test
    void refusesDifferentContentUnderTheEpochInForce() {
        UnitRouter router = router(TestRules.threeCities(), "rz01");

        assertThatThrownBy(() -> router.apply(TestRules.threeCities().toBuilder().frozen(5).build()))
                .isInstanceOfSatisfying(RuleValidationException.class, e -> assertThat(e.errors())
                        .containsExactly("epoch 42 is already in force with different content"));
        assertThat(router.table().isFrozen(5)).isFalse();
    }

    @Test
    void tellsListenersAboutAppliedRules() {
        UnitRouter router = router(TestRules.threeCities(), null);
        List<long[]> epochs = new ArrayList<>();
        router.addListener((previous, current) -> epochs.add(new long[] {previous.epoch(), current.epoch()}));

        assertThat(router.apply(TestRules.threeCities().toBuilder().epoch(43).frozen(5).build())).isTrue();

        assertThat(epochs).containsExactly(new long[] {42, 43});
        assertThat(router.table().isFrozen(5)).isTrue();
        assertThat(router.localCell()).isEmpty();
    }

    @Test
    void routeCityRefusesAnUnknownCity() {
        UnitRouter router = router(TestRules.threeCities(), "rz01");

        UnitRouterException e = catchThrowableOfType(UnitRouterException.class,
                () -> router.routeCity("bj", Access.READ));

        assertThat(e).hasMessage("city 'bj' is not defined; known cities: [hz, sh, sz]");
        assertThat(e.context()).containsEntry("city", "bj");
    }

    @Test
    void globalRoutesFailWithoutAGZone() {
        UnitRouter router = router(threeCitiesWith(
                "  - { id: gz01, kind: GZONE, data-center: hz1, standby: gz02 }\n", "",
                "  - { id: gz02, kind: GZONE, data-center: sh1 }\n", ""), "rz01");

        assertThatThrownBy(() -> router.routeGlobal(Access.WRITE)).isInstanceOf(UnitRouterException.class)
                .hasMessage("no GZONE cell is declared, so global data cannot be routed");
        assertThatThrownBy(() -> router.routeCity("sh", Access.READ)).isInstanceOf(UnitRouterException.class)
                .hasMessage("city sh has no CZone and no GZONE cell is declared, so its reads of global data cannot be"
                        + " routed");
        assertThat(router.routeCity("hz", Access.READ).cell()).as("hz reads from its CZone").isEqualTo("czhz");
        assertThatThrownBy(() -> router.routeCity("hz", Access.WRITE)).isInstanceOf(UnitRouterException.class)
                .hasMessage("no GZONE cell is declared, so writes of global data from city hz cannot be routed");
    }

    @Test
    void globalAndCityDecisionsCarryTheirScope() {
        UnitRouter router = router(TestRules.threeCities(), "gz01");

        RouteDecision global = router.routeGlobal(Access.READ);
        RouteDecision city = router.routeCity("hz", Access.READ);

        assertThat(global.scope()).isEqualTo(Scope.GLOBAL);
        assertThat(global.shard()).isEqualTo(-1);
        assertThat(global.local()).isTrue();
        assertThat(city.scope()).isEqualTo(Scope.CITY);
        assertThat(city.local()).isFalse();
    }

    @Test
    void routeShardRefusesShardsOutsideTheTable() {
        UnitRouter router = router(TestRules.threeCities(), "rz01");

        assertThatThrownBy(() -> router.routeShard(100, Access.READ)).isInstanceOf(UnitRouterException.class)
                .hasMessage("shard 100 is outside 0..99");
        assertThatThrownBy(() -> router.routeShard(-1, Access.READ)).isInstanceOf(UnitRouterException.class)
                .hasMessage("shard -1 is outside 0..99");
    }

    @Test
    void builderNeedsRulesOrAStoreButNotBoth() {
        assertThatThrownBy(() -> UnitRouter.builder().localCell("rz01").build()).isInstanceOf(UnitRouterException.class)
                .hasMessage("give the router either rules or a rule store, not neither");
        try (InMemoryRuleStore store = new InMemoryRuleStore(TestRules.threeCities())) {
            assertThatThrownBy(() -> UnitRouter.builder().rules(TestRules.threeCities()).ruleStore(store).build())
                    .isInstanceOf(UnitRouterException.class)
                    .hasMessage("give the router either rules or a rule store, not both");
        }
    }

    @Test
    void buildsFromAStoreAndReportsTheAppliedEpoch() {
        try (InMemoryRuleStore store = new InMemoryRuleStore(TestRules.threeCities());
                UnitRouter router = UnitRouter.builder().ruleStore(store).localCell("rz01").instanceId("rz01@test")
                        .build()) {
            assertThat(router.table().epoch()).isEqualTo(42);
            assertThat(router.route("1205", Access.READ).local()).isTrue();
            assertThat(store.appliedEpochs()).containsKey("rz01@test");
            assertThat(store.appliedEpochs().get("rz01@test").checksum()).isEqualTo(router.table().checksum());
        }
    }
}
