package io.unitrouter.sharding.support;

import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.sharding.UnitShardingDataSource;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Cell rz01 of the reference rules over the fixture's databases: what the guard suites share. Its router
 * follows a rule store the tests can change.
 */
public final class GuardedCell implements AutoCloseable {

    private final ShardingFixture fixture;
    private final TestRules rules;
    private final UnitRouter router;

    private GuardedCell(ShardingFixture fixture, TestRules rules, UnitRouter router) {
        this.fixture = fixture;
        this.rules = rules;
        this.router = router;
    }

    /**
     * Creates the databases and the router of rz01.
     *
     * @param database the kind of database
     * @return the cell; close it to drop the databases
     */
    public static GuardedCell start(TestDatabase database) {
        ShardingFixture fixture = ShardingFixture.create(database);
        TestRules rules = TestRules.threeCities();
        return new GuardedCell(fixture, rules, rules.router("rz01"));
    }

    /** A builder of a guarded data source of rz01 over new pools: t_account and t_order, 2 databases x 5 tables. */
    public UnitShardingDataSource.Builder dataSource() {
        return dataSource(fixture.newDataSources());
    }

    /** The same over the given pools, which the data source closes. */
    public UnitShardingDataSource.Builder dataSource(Map<String, DataSource> pools) {
        return UnitShardingDataSource.builder()
                .router(router)
                .dataSources(pools)
                .tablesPerDatabase(5)
                .table("t_account", "user_id")
                .table("t_order", "user_id");
    }

    /** Empties the tables, puts the reference rules back in force and creates the fence rows. */
    public long reset() {
        fixture.reset();
        long epoch = rules.restore();
        fixture.fences().initialize(rules.table());
        return epoch;
    }

    public ShardingFixture fixture() {
        return fixture;
    }

    public TestRules rules() {
        return rules;
    }

    public UnitRouter router() {
        return router;
    }

    @Override
    public void close() {
        router.close();
        fixture.close();
    }
}
