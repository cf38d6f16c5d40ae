package io.unitrouter.sharding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrouter.core.UnitRouterException;
import io.unitrouter.sharding.support.ShardingFixture;
import io.unitrouter.sharding.support.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fence triggers' DDL, the claim, and the rule they share with {@link FenceRow}. */
class FenceTriggersTest {

    @Test
    void mariaDbTablesGetTheSharedProcedureAndThreeTriggersWithTheirGroupBakedIn() {
        List<String> ddl = FenceTriggers.ddl(FenceTriggers.Dialect.MARIADB, "t_account_3", 8);

        assertThat(ddl).hasSize(4);
        assertThat(ddl.get(0)).startsWith("CREATE OR REPLACE PROCEDURE unit_fence_check(IN fence_group VARCHAR(64))")
                .contains("SET claim = @unit_router_fence;")
                .contains("FROM unit_fence WHERE shard_group = fence_group LOCK IN SHARE MODE;")
                .contains("SIGNAL SQLSTATE 'UR003'");
        assertThat(ddl.subList(1, 4)).containsExactly(
                "CREATE TRIGGER IF NOT EXISTS unit_fence_t_account_3_g8_ins BEFORE INSERT ON t_account_3 FOR EACH ROW"
                        + " CALL unit_fence_check('8')",
                "CREATE TRIGGER IF NOT EXISTS unit_fence_t_account_3_g8_upd BEFORE UPDATE ON t_account_3 FOR EACH ROW"
                        + " CALL unit_fence_check('8')",
                "CREATE TRIGGER IF NOT EXISTS unit_fence_t_account_3_g8_del BEFORE DELETE ON t_account_3 FOR EACH ROW"
                        + " CALL unit_fence_check('8')");
    }

    @Test
    void postgreSqlTablesGetTheSharedFunctionAndOneTriggerWithTheGroupAsItsArgument() {
        List<String> ddl = FenceTriggers.ddl(FenceTriggers.Dialect.POSTGRESQL, "t_account_3", 8);

        assertThat(ddl).hasSize(2);
        assertThat(ddl.get(0)).startsWith("CREATE OR REPLACE FUNCTION unit_fence_check() RETURNS trigger LANGUAGE"
                + " plpgsql").contains("current_setting('unit_router.fence', true)")
                .contains("WHERE shard_group = fence_group FOR SHARE;").contains("ERRCODE = 'UR003'");
        assertThat(ddl.get(1)).isEqualTo("CREATE OR REPLACE TRIGGER unit_fence_t_account_3_g8 BEFORE INSERT OR UPDATE"
                + " OR DELETE ON t_account_3 FOR EACH ROW EXECUTE FUNCTION unit_fence_check('8')");
    }

    @Test
    void h2TablesGetOneJavaTriggerNamedAfterTheirGroup() {
        assertThat(FenceTriggers.ddl(FenceTriggers.Dialect.H2, "t_account_3", 8)).containsExactly(
                "CREATE TRIGGER IF NOT EXISTS unit_fence_t_account_3_g8 BEFORE INSERT, UPDATE, DELETE ON t_account_3"
                        + " FOR EACH ROW CALL 'io.unitrouter.sharding.internal.H2FenceTrigger'");
    }

    @Test
    void tableNameThatIsNoPlainIdentifierOrTooLongForItsTriggerNamesIsRefused() {
        assertThatThrownBy(() -> FenceTriggers.ddl(FenceTriggers.Dialect.MARIADB, "t_account'; DROP", 0))
                .isInstanceOf(UnitRouterException.class)
                .hasMessageStartingWith("the table name 't_account'; DROP' must be a plain SQL identifier");
        String longName = "t_" + "a".repeat(40);
        assertThatThrownBy(() -> FenceTriggers.ddl(FenceTriggers.Dialect.POSTGRESQL, longName, 0))
                .hasMessageStartingWith("the physical table name '" + longName + "' is too long for its fence trigger"
                        + " names (unit_fence_<table>_g<group>_ins must fit in 63 characters)");
    }

    @Test
    void claimIsTheEpochAndTheCell() {
        assertThat(FenceTriggers.claim("rz01", 43)).isEqualTo("43:rz01");
        assertThatThrownBy(() -> FenceTriggers.claim("rz01", -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a claim's epoch must not be negative, was -1");
    }

    @Test
    void claimIsAdmittedExactlyWhenTheFenceRowAdmitsItsCellAndEpoch() {
        FenceRow fence = new FenceRow(0, "rz01", 42);

        assertThat(FenceTriggers.admits(fence, "42:rz01")).isTrue();
        assertThat(FenceTriggers.admits(fence, "43:rz01")).isTrue();
        assertThat(FenceTriggers.admits(fence, "41:rz01")).as("older rules than the fence").isFalse();
        assertThat(FenceTriggers.admits(fence, "42:rz02")).as("another cell").isFalse();
        assertThat(FenceTriggers.admits(fence, "42:RZ01")).as("cells compare exactly").isFalse();
        assertThat(FenceTriggers.admits(null, "42:rz01")).as("no fence row").isFalse();
        assertThat(FenceTriggers.admits(fence, null)).as("no claim").isFalse();
        assertThat(FenceTriggers.admits(fence, "")).as("an empty claim").isFalse();
        assertThat(FenceTriggers.admits(fence, "rz01")).as("a claim without an epoch").isFalse();
        assertThat(FenceTriggers.admits(fence, "9999999999999999999:rz01")).as("19 digits").isFalse();
        assertThat(FenceTriggers.admits(fence, "maintenance")).isTrue();
        assertThat(FenceTriggers.admits(null, "maintenance")).as("maintenance needs no fence row").isTrue();
        assertThat(FenceTriggers.admits(fence, "Maintenance")).isFalse();
        for (String claim : List.of("42:rz01", "43:rz01", "41:rz01", "42:rz02")) {
            int colon = claim.indexOf(':');
            assertThat(FenceTriggers.admits(fence, claim)).as("the same rule as FenceRow.admits: %s", claim)
                    .isEqualTo(fence.admits(claim.substring(colon + 1), Long.parseLong(claim.substring(0, colon))));
        }
    }

    @Test
    void creatingTheTriggersAgainChangesNothingAndMissingListsTablesWithoutThem() {
        try (ShardingFixture fixture = ShardingFixture.create(TestDatabase.H2)) {
            FenceTriggers triggers = FenceTriggers.of(fixture.adminDataSources(), ShardingFixture.LAYOUT,
                    List.of("t_account"));
            assertThat(triggers.missing()).hasSize(10).startsWith("ds_0.t_account_0").endsWith("ds_1.t_account_4");

            triggers.create();
            List<String> created = fixture.query(0, "SELECT DISTINCT TRIGGER_NAME FROM INFORMATION_SCHEMA.TRIGGERS ORDER BY 1");
            triggers.create();

            assertThat(triggers.missing()).isEmpty();
            assertThat(fixture.query(0, "SELECT DISTINCT TRIGGER_NAME FROM INFORMATION_SCHEMA.TRIGGERS ORDER BY 1"))
                    .isEqualTo(created).hasSize(5).first().asString().isEqualToIgnoringCase("unit_fence_t_account_0_g0");
            assertThat(FenceTriggers.of(fixture.adminDataSources(), ShardingFixture.LAYOUT,
                    List.of("t_account", "t_order")).missing()).hasSize(10).allMatch(t -> t.contains(".t_order_"));
        }
    }
}
