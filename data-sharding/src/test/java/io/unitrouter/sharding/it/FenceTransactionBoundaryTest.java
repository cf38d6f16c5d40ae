package io.unitrouter.sharding.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariDataSource;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.sharding.FenceRefusedException;
import io.unitrouter.sharding.Fences;
import io.unitrouter.sharding.ShardAccessRefusedException;
import io.unitrouter.sharding.UnitShardingDataSource;
import io.unitrouter.sharding.support.BumpDuringTransaction;
import io.unitrouter.sharding.support.BumpDuringTransaction.ConnectionCall;
import io.unitrouter.sharding.support.Refusals;
import io.unitrouter.sharding.support.ShardingFixture;
import io.unitrouter.sharding.support.TestDatabase;
import io.unitrouter.sharding.support.TestRules;
import io.unitrouter.sharding.support.PerDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * The fence holds across every transaction boundary. A fenced write checks its group's fence once per
 * transaction and keeps the row lock until the transaction ends; these tests end (or seem to end) the
 * transaction in every way a caller can, then let the coordinator move the group and write again. Whatever
 * the boundary did, no write of the stale owner may land after the bump committed: either the boundary was
 * refused or kept the lock (then the bump waits, and the write lands before it), or it released the lock
 * (then the bump goes through, and the next write must read the fence again and be refused, or fail).
 */
@PerDatabase
class FenceTransactionBoundaryTest {

    private static final String INSERT = "INSERT INTO t_account (user_id, balance, writer) VALUES (?, 1, 'rz01')";
    private static final List<Integer> GROUP_0 = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);

    private static ShardingFixture fixture;
    private static Fences fences;
    private static TestRules rules;
    private static UnitRouter rz01;
    private static UnitShardingDataSource dataSource;

    private final TestDatabase database;
    private long epoch;

    FenceTransactionBoundaryTest(TestDatabase database) {
        this.database = database;
    }

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase database) {
        fixture = ShardingFixture.create(database);
        fences = fixture.fences();
        rules = TestRules.threeCities();
        rz01 = rules.router("rz01");
        dataSource = fenced(fixture.newDataSources());
    }

    private static UnitShardingDataSource fenced(Map<String, DataSource> physical) {
        return UnitShardingDataSource.builder()
                .router(rz01)
                .dataSources(physical)
                .tablesPerDatabase(5)
                .table("t_account", "user_id")
                .fence(true)
                .build();
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        dataSource.close();
        rz01.close();
        fixture.close();
    }

    @BeforeEach
    void reset() {
        assertThat(fixture.database()).isEqualTo(database);
        fixture.reset();
        epoch = rules.restore();
        fences.initialize(rules.table());
    }

    @Test
    void commitInSqlTextDoesNotLetALaterWriteSkipTheFence() throws Exception {
        assertNoStaleWriteLandsAfterTheBump(ConnectionCall.NOTHING, c -> sql(c, "COMMIT"));
    }

    @Test
    void rollbackInSqlTextDoesNotLetALaterWriteSkipTheFence() throws Exception {
        assertNoStaleWriteLandsAfterTheBump(ConnectionCall.NOTHING, c -> sql(c, "ROLLBACK"));
    }

    @Test
    void beginInSqlTextDoesNotLetALaterWriteSkipTheFence() throws Exception {
        assertNoStaleWriteLandsAfterTheBump(ConnectionCall.NOTHING, c -> sql(c, "BEGIN"));
    }

    @Test
    void startTransactionInSqlTextDoesNotLetALaterWriteSkipTheFence() throws Exception {
        assertNoStaleWriteLandsAfterTheBump(ConnectionCall.NOTHING, c -> sql(c, "START TRANSACTION"));
    }

    @Test
    void setAutocommitInSqlTextDoesNotLetALaterWriteSkipTheFence() throws Exception {
        assertNoStaleWriteLandsAfterTheBump(ConnectionCall.NOTHING, c -> sql(c, "SET autocommit = 1"));
    }

    @Test
    void statementThatCommitsImplicitlyDoesNotLetALaterWriteSkipTheFence() throws Exception {
        // DDL commits implicitly in MariaDB and H2; the hint sends it to the database holding the fence's lock.
        assertNoStaleWriteLandsAfterTheBump(ConnectionCall.NOTHING, c -> sql(c,
                "/* SHARDINGSPHERE_HINT: DATA_SOURCE_NAME=ds_0 */ CREATE TABLE ur_implicit_commit (id INT)"));
    }

    @Test
    void maintenanceStatementOnAGuardedTableDoesNotLetALaterWriteSkipTheFence() throws Exception {
        String analyze = database == TestDatabase.POSTGRESQL ? "ANALYZE t_account" : "ANALYZE TABLE t_account";
        assertNoStaleWriteLandsAfterTheBump(ConnectionCall.NOTHING, c -> sql(c, analyze));
    }

    @Test
    void rollbackToASavepointInSqlTextDoesNotLetALaterWriteSkipTheFence() throws Exception {
        assertNoStaleWriteLandsAfterTheBump(c -> c.setSavepoint("before_write"),
                c -> sql(c, "ROLLBACK TO SAVEPOINT before_write"));
    }

    @Test
    void rollbackToAJdbcSavepointDoesNotLetALaterWriteSkipTheFence() throws Exception {
        Savepoint[] savepoint = new Savepoint[1];
        assertNoStaleWriteLandsAfterTheBump(c -> savepoint[0] = c.setSavepoint(), c -> c.rollback(savepoint[0]));
    }

    @Test
    void commitInSqlTextAfterARefusedWriteIsRefusedAndCommitsNothingOfTheTransaction() throws SQLException {
        fences.bump(GROUP_0, "rz02", epoch + 1);

        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT);
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            insert.setLong(1, 15);
            insert.executeUpdate();
            insert.setLong(1, 5);
            Refusals.assertRefused(insert::executeUpdate, FenceRefusedException.class);

            SQLException commitInText = catchThrowableOfType(SQLException.class, () -> s.execute("COMMIT"));
            assertThat(commitInText.getSQLState()).isEqualTo(ShardAccessRefusedException.SQLSTATE_ROLLED_BACK);
            assertThat((Throwable) commitInText).hasMessageContaining("can only be rolled back");
            c.rollback();
            c.setAutoCommit(true);
        }

        assertThat(fixture.accountRows()).as("nothing of the refused transaction landed").isZero();
    }

    @Test
    void connectionReusedThroughPoolsReadsTheFenceAgainInItsNextTransaction() throws Exception {
        Map<String, DataSource> singleConnectionPools = new LinkedHashMap<>();
        fixture.newDataSources().forEach((name, pool) -> {
            ((HikariDataSource) pool).setMaximumPoolSize(1);
            singleConnectionPools.put(name, pool);
        });
        try (UnitShardingDataSource pooledPhysical = fenced(singleConnectionPools);
                HikariDataSource applicationPool = new HikariDataSource()) {
            applicationPool.setDataSource(pooledPhysical);
            applicationPool.setMaximumPoolSize(1);
            applicationPool.setPoolName("application-" + database);

            try (Connection first = applicationPool.getConnection(); PreparedStatement insert = first.prepareStatement(INSERT)) {
                first.setAutoCommit(false);
                insert.setLong(1, 5);
                insert.executeUpdate();
                first.commit();
                insert.setLong(1, 7);
                insert.executeUpdate();
                // Returned to the pool with its transaction open: the pool rolls it back.
            }
            fences.bump(GROUP_0, "rz02", epoch + 1);

            try (Connection second = applicationPool.getConnection(); PreparedStatement insert = second.prepareStatement(INSERT)) {
                second.setAutoCommit(false);
                insert.setLong(1, 6);
                Refusals.assertRefused(insert::executeUpdate, FenceRefusedException.class);
                second.rollback();
            }
        }

        assertThat(fixture.locate(5)).hasSize(1);
        assertThat(fixture.locate(6)).isEmpty();
        assertThat(fixture.locate(7)).isEmpty();
    }

    private void assertNoStaleWriteLandsAfterTheBump(ConnectionCall before, ConnectionCall boundary) throws Exception {
        new BumpDuringTransaction(fixture, fences, epoch + 1)
                .assertNoStaleWriteLandsAfterTheBump(dataSource.getConnection(), INSERT, before, boundary);
    }

    private static void sql(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
