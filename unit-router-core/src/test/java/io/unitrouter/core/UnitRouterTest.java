package io.unitrouter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import io.unitrouter.core.rules.RuleValidationException;
import org.junit.jupiter.api.Test;

class UnitRouterTest {

    private final RuleDocument rules = TestRules.threeCities();
    private final UnitRouter router = UnitRouter.builder().rules(rules).localCell("rz01").build();

    @Test
    void routesKeyToOwnerOfItsShard() {
        RouteDecision decision = router.route("1234567", Access.WRITE);

        assertThat(decision.shard()).isEqualTo(67);
        assertThat(decision.cell()).isEqualTo("rz04");
        assertThat(decision.local()).isFalse();
        assertThat(decision.epoch()).isEqualTo(42);
        assertThat(decision.scope()).isEqualTo(Scope.UNIT);
    }

    @Test
    void marksDecisionLocalWhenTargetIsLocalCell() {
        assertThat(router.route("1205", Access.READ).local()).isTrue();
    }

    @Test
    void reusesOneDecisionPerShardAndAccess() {
        assertThat(router.route("5", Access.READ)).isSameAs(router.route("105", Access.READ));
    }

    @Test
    void routesGlobalToActiveGZoneAndCityReadToCZone() {
        assertThat(router.routeGlobal(Access.WRITE).cell()).isEqualTo("gz01");
        assertThat(router.routeCity("hz", Access.READ).cell()).isEqualTo("czhz");
        assertThat(router.routeCity("sh", Access.READ).cell())
                .as("a city without a CZone reads global data from the active GZone").isEqualTo("gz01");
        assertThat(router.routeCity("hz", Access.WRITE).cell()).isEqualTo("gz01");
    }

    @Test
    void appliesNewerRulesAndRefusesOlderOnes() {
        RuleDocument moved = rules.toBuilder().epoch(43).owners(ownersWith(rules, 67, "rz05")).build();

        assertThat(router.apply(moved)).isTrue();
        assertThat(router.route("1234567", Access.WRITE).cell()).isEqualTo("rz05");

        assertThatThrownBy(() -> router.apply(rules)).isInstanceOf(RuleValidationException.class)
                .hasMessageContaining("epoch 42 is not newer than the 43 in force");
        assertThat(router.table().epoch()).isEqualTo(43);
        assertThat(router.lastRejection()).hasValueSatisfying(r -> assertThat(r.epoch()).isEqualTo(42));
    }

    @Test
    void roundTripsThroughYaml() {
        RuleDocument again = RuleDocuments.parse(RuleDocuments.toYaml(rules), "again");

        assertThat(RoutingTable.of(again).checksum()).isEqualTo(RoutingTable.of(rules).checksum());
    }

    private static String[] ownersWith(RuleDocument doc, int shard, String cell) {
        String[] owners = doc.owners();
        owners[shard] = cell;
        return owners;
    }
}
