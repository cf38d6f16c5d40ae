package io.unitrouter.sharding.it;

import static io.unitrouter.sharding.support.AccountReads.SELECT_BALANCE;
import static io.unitrouter.sharding.support.AccountReads.assertBalance;
import static io.unitrouter.sharding.support.RecordingDataSource.tablesReached;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.unitrouter.core.shard.ShardFunctions;
import io.unitrouter.core.rules.ShardFunctionSpec;
import io.unitrouter.sharding.UnitShardingDataSource;
import io.unitrouter.sharding.support.ClassResources;
import io.unitrouter.sharding.support.GuardedCell;
import io.unitrouter.sharding.support.RecordingDataSource;
import io.unitrouter.sharding.support.ShardingFixture;
import io.unitrouter.sharding.support.TestDatabase;
import io.unitrouter.sharding.support.PerDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * Routing through the {@code UNIT_ROUTER} algorithm, observed at the physical databases: which tables a
 * statement reaches, and where rows land. The write guard is off here; it has its own suite.
 */
@PerDatabase
class RoutingTest {

    private static final List<String> log = RecordingDataSource.newLog();
    private static final ClassResources resources = new ClassResources();
    private static GuardedCell cell;
    private static ShardingFixture fixture;
    private static UnitShardingDataSource dataSource;

    private final TestDatabase database;

    RoutingTest(TestDatabase database) {
        this.database = database;
    }

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase database) {
        cell = resources.add(GuardedCell.start(database));
        fixture = cell.fixture();
        Map<String, DataSource> recording = new LinkedHashMap<>();
        fixture.newDataSources().forEach((name, pool) ->
                recording.put(name, new RecordingDataSource((HikariDataSource) pool, name, log)));
        dataSource = resources.add(cell.dataSource(recording).writeGuard(false).build());
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        resources.close();
    }

    @BeforeEach
    void reset() {
        assertThat(fixture.database()).isEqualTo(database);
        fixture.reset();
        cell.rules().restore();
        log.clear();
    }

    @Test
    void pointInsertLandsInTheTableOfItsShardGroup() throws SQLException {
        insert(37, 100);
        insert(2088123456788L, 200);
        insert(5, 300);

        assertThat(fixture.locate(37)).containsExactly("ds_0.t_account_3");
        assertThat(fixture.locate(2088123456788L)).containsExactly("ds_1.t_account_3");
        assertThat(fixture.locate(5)).containsExactly("ds_0.t_account_0");
    }

    @Test
    void pointSelectHitsExactlyOnePhysicalTable() throws SQLException {
        fixture.insertAccount(37, 100, "test");
        log.clear();

        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SELECT_BALANCE)) {
            assertBalance(s, 37, 100);
        }

        assertThat(tablesReached(log, "t_account")).containsExactly("ds_0.t_account_3");
    }

    @Test
    void rangeSelectHitsOnlyTheTablesOfTheShardsInTheRange() throws SQLException {
        for (long key : new long[] {5, 12, 15, 37, 55}) {
            fixture.insertAccount(key, key, "test");
        }
        log.clear();

        long count;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*) FROM t_account WHERE user_id BETWEEN ? AND ?")) {
            s.setLong(1, 5);
            s.setLong(2, 15);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                count = rs.getLong(1);
            }
        }

        assertThat(count).isEqualTo(3);
        assertThat(tablesReached(log, "t_account")).containsExactly("ds_0.t_account_0", "ds_0.t_account_1");
    }

    @Test
    void wideRangeAndUnkeyedSelectsHitEveryPhysicalTable() throws SQLException {
        for (long key : new long[] {5, 37, 55, 88}) {
            fixture.insertAccount(key, key, "test");
        }
        log.clear();

        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t_account WHERE user_id BETWEEN 0 AND 100000")) {
                long total = 0;
                while (rs.next()) {
                    total += rs.getLong(1);
                }
                assertThat(total).isEqualTo(4);
            }
            assertThat(tablesReached(log, "t_account")).hasSize(10);
            log.clear();
            try (ResultSet rs = s.executeQuery("SELECT user_id FROM t_account ORDER BY user_id")) {
                int rows = 0;
                while (rs.next()) {
                    rows++;
                }
                assertThat(rows).isEqualTo(4);
            }
        }
        assertThat(tablesReached(log, "t_account")).hasSize(10);
    }

    @Test
    void multiRowInsertSplitsRowsByShardGroup() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO t_account (user_id, balance, writer) VALUES (5, 1, 'a'), (37, 2, 'a'),"
                    + " (99, 3, 'a')");
        }

        assertThat(fixture.locate(5)).containsExactly("ds_0.t_account_0");
        assertThat(fixture.locate(37)).containsExactly("ds_0.t_account_3");
        assertThat(fixture.locate(99)).containsExactly("ds_1.t_account_4");
    }

    @Test
    void everyLogicalTableFollowsTheSameLayout() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO t_order (order_id, user_id, amount) VALUES (?, ?, ?)")) {
            s.setLong(1, 9001);
            s.setLong(2, 37);
            s.setLong(3, 10);
            s.executeUpdate();
        }

        assertThat(fixture.locateOrder(9001)).containsExactly("ds_0.t_order_3");
    }

    @Test
    void ruleChangeMovesAKeyToAnotherDatabaseOnTheNextStatement() throws SQLException {
        long key = keyThatChangesDatabaseUnderHash();
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO t_account (user_id, balance, writer) VALUES (?, ?, ?)");
                PreparedStatement select = c.prepareStatement("SELECT balance FROM t_account WHERE user_id = ?")) {
            insert.setLong(1, key);
            insert.setLong(2, 1);
            insert.setString(3, "epoch42");
            insert.executeUpdate();
            String before = fixture.locate(key).get(0);

            cell.rules().publish(b -> b.shardFunction(ShardFunctionSpec.hash()));
            log.clear();
            select.setLong(1, key);
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).as("the row written at epoch 42 is not where epoch 43 looks").isFalse();
            }
            String reached = tablesReached(log, "t_account").iterator().next();
            insert.setLong(1, key);
            insert.setLong(2, 2);
            insert.setString(3, "epoch43");
            insert.executeUpdate();

            List<String> locations = fixture.locate(key);
            assertThat(locations).hasSize(2).contains(before);
            String after = locations.stream().filter(l -> !l.equals(before)).findFirst().orElseThrow();
            assertThat(after.substring(0, 4)).isNotEqualTo(before.substring(0, 4));
            assertThat(reached).isEqualTo(after);
        }
    }

    private static long keyThatChangesDatabaseUnderHash() {
        for (long key = 1000; ; key++) {
            int modGroup = (int) (key % 100) / 10;
            int hashGroup = ShardFunctions.hash().shardOf(Long.toString(key), 100) / 10;
            if (ShardingFixture.LAYOUT.databaseOf(modGroup) != ShardingFixture.LAYOUT.databaseOf(hashGroup)) {
                return key;
            }
        }
    }

    private void insert(long key, long balance) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO t_account (user_id, balance, writer) VALUES (?, ?, ?)")) {
            s.setLong(1, key);
            s.setLong(2, balance);
            s.setString(3, "test");
            s.executeUpdate();
        }
    }
}
