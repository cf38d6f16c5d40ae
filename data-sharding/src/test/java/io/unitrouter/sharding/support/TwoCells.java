package io.unitrouter.sharding.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.sharding.Fences;
import io.unitrouter.sharding.UnitShardingDataSource;

/**
 * Cells rz01 and rz02 of the reference rules over the fixture's databases, each following a rule store of
 * its own, so a test can leave rz01 stale (it never hears of a new epoch) while the coordinator moves shards
 * to rz02 and bumps the fence. What the fence suites ({@code FenceTest}, {@code FenceTriggerTest}) share, so
 * that both fence modes start every test from the same state.
 */
public final class TwoCells implements AutoCloseable {

    private final ShardingFixture fixture;
    private final Fences fences;
    private final TestRules rulesOfRz01;
    private final TestRules rulesOfRz02;
    private final UnitRouter rz01;
    private final UnitRouter rz02;

    private TwoCells(ShardingFixture fixture, TestRules rulesOfRz01, TestRules rulesOfRz02) {
        this.fixture = fixture;
        this.fences = fixture.fences();
        this.rulesOfRz01 = rulesOfRz01;
        this.rulesOfRz02 = rulesOfRz02;
        this.rz01 = rulesOfRz01.router("rz01");
        this.rz02 = rulesOfRz02.router("rz02");
    }

    /**
     * Creates the databases, the two rule stores and the routers of rz01 and rz02.
     *
     * @param database the kind of database
     * @return the cells; close them to close the routers and drop the databases
     */
    public static TwoCells start(TestDatabase database) {
        return new TwoCells(ShardingFixture.create(database), TestRules.threeCities(), TestRules.threeCities());
    }

    /**
     * Empties the tables, puts the reference rules back in force in both stores at one epoch and creates the
     * fence rows, one per shard group, all checked to be there.
     *
     * @return the epoch in force in both stores
     */
    public long reset() {
        fixture.reset();
        long epoch = Math.max(rulesOfRz01.restore(), rulesOfRz02.restore());
        rulesOfRz01.advanceTo(epoch);
        rulesOfRz02.advanceTo(epoch);
        assertThat(fences.initialize(rulesOfRz01.table())).hasSize(10);
        return epoch;
    }

    /**
     * A builder of a fenced data source of one of the cells over new pools: t_account, 2 databases x 5
     * tables.
     *
     * @param router {@link #rz01()} or {@link #rz02()}
     */
    public UnitShardingDataSource.Builder fencedDataSource(UnitRouter router) {
        return UnitShardingDataSource.builder()
                .router(router)
                .dataSources(fixture.newDataSources())
                .tablesPerDatabase(5)
                .table("t_account", "user_id")
                .fence(true);
    }

    public ShardingFixture fixture() {
        return fixture;
    }

    public Fences fences() {
        return fences;
    }

    /** The rule store rz01 follows. */
    public TestRules rulesOfRz01() {
        return rulesOfRz01;
    }

    /** The rule store rz02 follows. */
    public TestRules rulesOfRz02() {
        return rulesOfRz02;
    }

    public UnitRouter rz01() {
        return rz01;
    }

    public UnitRouter rz02() {
        return rz02;
    }

    @Override
    public void close() {
        rz01.close();
        rz02.close();
        fixture.close();
    }
}
