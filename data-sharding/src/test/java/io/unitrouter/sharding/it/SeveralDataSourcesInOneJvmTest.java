package io.unitrouter.sharding.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.sharding.UnitShardingDataSource;
import io.unitrouter.sharding.support.GuardedCell;
import io.unitrouter.sharding.support.PerDatabase;
import io.unitrouter.sharding.support.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Several guarded data sources in one JVM, started and closed while the others run, as the instances of the
 * failover simulation are, or as an application that restarts its data source. Each must keep its own
 * ShardingSphere metadata: ShardingSphere's default standalone mode keeps metadata in one in-memory database
 * per JVM, and a data source built while another was open took its schemas from there instead of from its own
 * databases (on PostgreSQL: {@code Schema 'unit_router' does not exist} at the first statement; on H2 it
 * tried to re-create another data source's pools). The concurrent test failed in two of four runs before
 * the fix; it has not failed since.
 */
@PerDatabase
class SeveralDataSourcesInOneJvmTest {

    private static GuardedCell cell;

    private final List<UnitShardingDataSource> open = new ArrayList<>();
    private final TestDatabase database;

    SeveralDataSourcesInOneJvmTest(TestDatabase database) {
        this.database = database;
    }

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase database) {
        cell = GuardedCell.start(database);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        if (cell != null) {
            cell.close();
            cell = null;
        }
    }

    @BeforeEach
    void reset() {
        cell.reset();
    }

    @AfterEach
    void closeAll() {
        open.forEach(UnitShardingDataSource::close);
    }

    @ParameterizedTest(name = "fence {0}")
    @ValueSource(booleans = {false, true})
    void aDataSourceRestartedWhileOthersRunStillReadsAndWritesItsOwnSchema(boolean fence) throws SQLException {
        openAccounts(5, 6);
        UnitShardingDataSource first = build(fence);
        UnitShardingDataSource second = build(fence);
        assertThat(writeAndRead(first, 5)).isEqualTo(1);
        assertThat(writeAndRead(second, 5)).isEqualTo(2);

        first.close();
        open.remove(first);
        UnitShardingDataSource restarted = build(fence);
        UnitShardingDataSource another = build(fence);

        assertThat(writeAndRead(restarted, 5)).isEqualTo(3);
        assertThat(writeAndRead(another, 6)).isEqualTo(1);
        assertThat(writeAndRead(second, 6)).isEqualTo(2);
    }

    @ParameterizedTest(name = "fence {0}")
    @ValueSource(booleans = {false, true})
    void dataSourcesStartedAndClosedConcurrentlyEachWorkOnTheirOwnDatabases(boolean fence) throws Exception {
        int threads = 4;
        int rounds = 5;
        openAccounts(0, 1, 2, 3);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long userId = t;
                results.add(pool.submit(() -> {
                    long last = 0;
                    for (int r = 0; r < rounds; r++) {
                        try (UnitShardingDataSource dataSource = cell.dataSource().fence(fence).build()) {
                            last = writeAndRead(dataSource, userId);
                        }
                    }
                    return last;
                }));
            }
            for (Future<Long> result : results) {
                assertThat(result.get(2, TimeUnit.MINUTES)).isEqualTo(rounds);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private UnitShardingDataSource build(boolean fence) {
        UnitShardingDataSource dataSource = cell.dataSource().fence(fence).build();
        open.add(dataSource);
        return dataSource;
    }

    /** Opens accounts at balance 0, so that the writes below only update rows and never lock gaps. */
    private void openAccounts(long... userIds) throws SQLException {
        try (UnitShardingDataSource dataSource = cell.dataSource().build(); Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO t_account (user_id, balance, writer) VALUES (?, 0, 'rz01')")) {
            for (long userId : userIds) {
                insert.setLong(1, userId);
                insert.executeUpdate();
            }
        }
    }

    /** Adds one to the account of {@code userId} and returns its balance. */
    private static long writeAndRead(UnitShardingDataSource dataSource, long userId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE t_account SET balance = balance + 1 WHERE user_id = ?")) {
                update.setLong(1, userId);
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
            long balance;
            try (PreparedStatement select = c.prepareStatement("SELECT balance FROM t_account WHERE user_id = ?")) {
                select.setLong(1, userId);
                try (ResultSet rs = select.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    balance = rs.getLong(1);
                }
            }
            c.commit();
            return balance;
        }
    }
}
