package io.unitrouter.sharding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.sharding.support.ShardingFixture;
import io.unitrouter.sharding.support.TestDatabase;
import io.unitrouter.sharding.support.TestRules;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The builder's checks, each failing with a message that names the bad value. */
class UnitShardingDataSourceBuilderTest {

    private static ShardingFixture fixture;

    @BeforeAll
    static void createDatabases() {
        fixture = ShardingFixture.create(TestDatabase.H2);
    }

    @AfterAll
    static void dropDatabases() {
        fixture.close();
    }

    private static UnitShardingDataSource.Builder valid() {
        return UnitShardingDataSource.builder()
                .rules(TestRules.document())
                .localCell("rz01")
                .dataSources(fixture.adminDataSources())
                .tablesPerDatabase(5)
                .table("t_account", "user_id");
    }

    @Test
    void dataSourceBuiltFromRulesOwnsItsRouterAndReleasesEverythingOnClose() throws Exception {
        UnitShardingDataSource dataSource = valid().dataSources(fixture.newDataSources()).routerName("builder-test")
                .build();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t_account WHERE user_id = 5")) {
            assertThat(rs.next()).isTrue();
        }
        assertThat(dataSource.routerName()).isEqualTo("builder-test");
        assertThat(UnitRouterRegistry.find("builder-test")).containsSame(dataSource.router());
        assertThat(dataSource.layout()).isEqualTo(ShardLayout.of(2, 5));
        assertThat(dataSource.tables()).containsExactly("t_account");
        assertThat(dataSource.writeGuard()).isTrue();
        assertThat(dataSource.readPolicy()).isEqualTo(ReadPolicy.ALLOW);
        assertThat(dataSource.fenced()).isFalse();
        assertThat(dataSource.unwrap(UnitShardingDataSource.class)).isSameAs(dataSource);

        dataSource.close();

        assertThat(UnitRouterRegistry.find("builder-test")).isEmpty();
    }

    @Test
    void exactlyOneSourceOfRulesIsNeeded() {
        assertThatThrownBy(() -> UnitShardingDataSource.builder().dataSources(fixture.adminDataSources())
                .table("t_account", "user_id").build()).isInstanceOf(UnitRouterException.class)
                .hasMessage("give the data source exactly one of router(..), rules(..) or ruleStore(..); 0 were given");
        try (UnitRouter router = UnitRouter.builder().rules(TestRules.document()).localCell("rz01").build()) {
            assertThatThrownBy(() -> valid().router(router).build())
                    .hasMessage("give the data source exactly one of router(..), rules(..) or ruleStore(..); 2 were given");
        }
    }

    @Test
    void dataSourcesTablesAndNamesAreChecked() {
        assertThatThrownBy(() -> valid().dataSources(Map.of()).build())
                .hasMessage("give the data source its physical databases with dataSources(..)");
        Map<String, DataSource> badName = new LinkedHashMap<>();
        badName.put("ds-0", fixture.adminDataSources().get("ds_0"));
        assertThatThrownBy(() -> valid().dataSources(badName).tablesPerDatabase(1).build())
                .hasMessage("the data source name 'ds-0' must be a plain SQL identifier (letters, digits, underscores)");
        assertThatThrownBy(() -> UnitShardingDataSource.builder().rules(TestRules.document()).localCell("rz01")
                .dataSources(fixture.adminDataSources()).build())
                .hasMessage("give the data source at least one table(logicTable, shardKeyColumn)");
        assertThatThrownBy(() -> valid().table("t_order", "user id").build())
                .hasMessage("the shard-key column name 'user id' must be a plain SQL identifier (letters, digits,"
                        + " underscores)");
    }

    @Test
    void guardWithoutALocalCellIsRefused() {
        assertThatThrownBy(() -> valid().localCell(null).build())
                .hasMessageStartingWith("the write guard and the read policy need to know which cell this is");
    }

    @Test
    void layoutThatCannotHoldTheShardsEvenlyIsRefusedNamingTheCounts() {
        assertThatThrownBy(() -> valid().tablesPerDatabase(3).build())
                .hasMessage("100 shards cannot be spread evenly over 2 databases x 3 tables = 6 shard groups: the shard"
                        + " count must be a multiple of the group count");
    }

    @Test
    void fenceNeedsOneOwnerPerShardGroup() {
        assertThatThrownBy(() -> valid().tablesPerDatabase(2).fence(true).build())
                .hasMessageStartingWith("shard group 0 (shards 0-24) is owned by [rz01, rz02] at epoch 42; a fence"
                        + " names one owner per group");
    }

    @Test
    void fenceNeedsTheFenceTableInEveryDatabase() {
        fixture.sql(1, "DROP TABLE unit_fence");
        try {
            assertThatThrownBy(() -> valid().fence(true).build())
                    .hasMessageStartingWith("the fence is on, but database ds_1 has no usable unit_fence table; create"
                            + " it with Fences.createTables() or: CREATE TABLE IF NOT EXISTS unit_fence");
        } finally {
            fixture.fences().createTables();
        }
    }

    @Test
    void fenceModeNeedsTheFence() {
        assertThatThrownBy(() -> valid().fenceMode(FenceMode.TRIGGER).build())
                .isInstanceOf(UnitRouterException.class)
                .hasMessage("fenceMode(TRIGGER) says how the fence checks writes, but the fence is off; turn it on with"
                        + " fence(true), or leave fenceMode at its default STATEMENT");
    }

    @Test
    void fenceModeIsStatementUnlessToldOtherwise() {
        try (UnitShardingDataSource dataSource = valid().dataSources(fixture.newDataSources()).fence(true).build()) {
            assertThat(dataSource.fenceMode()).isEqualTo(FenceMode.STATEMENT);
            assertThat(dataSource.toString()).contains("fence true (STATEMENT)");
        }
    }

    @Test
    void fenceNeedsTheWriteGuard() {
        assertThatThrownBy(() -> valid().writeGuard(false).fence(true).build())
                .hasMessage("the fence checks guarded writes; it needs writeGuard(true)");
    }
}
