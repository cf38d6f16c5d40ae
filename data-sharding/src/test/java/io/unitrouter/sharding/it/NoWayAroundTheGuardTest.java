package io.unitrouter.sharding.it;

import static io.unitrouter.sharding.StatementRefusedException.Reason.DATA_SOURCE_HINT;
import static io.unitrouter.sharding.StatementRefusedException.Reason.UNWRAP;
import static io.unitrouter.sharding.support.Refusals.assertRefused;
import static io.unitrouter.sharding.support.Refusals.assertStatementRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.sharding.StatementRefusedException;
import io.unitrouter.sharding.UnitShardingDataSource;
import io.unitrouter.sharding.WriteRefusedException;
import io.unitrouter.sharding.support.GuardedCell;
import io.unitrouter.sharding.support.ShardingFixture;
import io.unitrouter.sharding.support.TestDatabase;
import io.unitrouter.sharding.support.PerDatabase;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.apache.shardingsphere.driver.jdbc.core.connection.ShardingSphereConnection;
import org.apache.shardingsphere.driver.jdbc.core.datasource.ShardingSphereDataSource;
import org.apache.shardingsphere.driver.jdbc.core.statement.ShardingSphereStatement;
import org.apache.shardingsphere.infra.hint.HintManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Nothing behind the guarded wrappers escapes, and hints cannot send a write around the sharding algorithm
 * to a database this cell does not wholly own. The data source here has the guard but no fence, so the guard
 * alone must refuse. Regression tests for the review's findings 8 and 11.
 */
@PerDatabase
class NoWayAroundTheGuardTest {

    private static GuardedCell cell;
    private static ShardingFixture fixture;
    private static UnitShardingDataSource dataSource;

    private final TestDatabase database;

    NoWayAroundTheGuardTest(TestDatabase database) {
        this.database = database;
    }

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase database) {
        cell = GuardedCell.start(database);
        fixture = cell.fixture();
        dataSource = cell.dataSource().build();
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        dataSource.close();
        cell.close();
    }

    @BeforeEach
    void reset() {
        assertThat(fixture.database()).isEqualTo(database);
        cell.reset();
        fixture.insertAccount(5, 100, "rz01");
        fixture.insertAccount(35, 100, "rz02");
    }

    @Test
    void metaDataConnectionIsTheGuardedConnectionNotAPhysicalOne() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData metaData = c.getMetaData();
            assertThat(metaData.getConnection()).isSameAs(c);
            try (ResultSet tables = metaData.getTables(null, null, "%", null)) {
                assertThat(tables.getStatement()).isNull();
            }
            try (Statement s = metaData.getConnection().createStatement()) {
                assertRefused(() -> s.executeUpdate("UPDATE t_account SET balance = 0 WHERE user_id = 35"),
                        WriteRefusedException.class);
            }
            assertStatementRefused(() -> metaData.unwrap(Comparable.class), UNWRAP);
            assertThat(metaData.unwrap(DatabaseMetaData.class)).isSameAs(metaData);
        }

        assertThat(fixture.balance(35)).contains(100L);
    }

    @Test
    void unwrapYieldsOnlyTheWrappersNeverShardingSphereOrPhysicalObjects() throws SQLException {
        assertStatementRefused(() -> dataSource.unwrap(ShardingSphereDataSource.class), UNWRAP);
        assertThat(dataSource.isWrapperFor(ShardingSphereDataSource.class)).isFalse();
        assertThat(dataSource.unwrap(DataSource.class)).isSameAs(dataSource);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                PreparedStatement p = c.prepareStatement("SELECT balance FROM t_account WHERE user_id = ?")) {
            StatementRefusedException refusal = assertStatementRefused(() -> c.unwrap(ShardingSphereConnection.class),
                    UNWRAP);
            assertThat(refusal).hasMessageStartingWith("unwrap(" + ShardingSphereConnection.class.getName()
                    + ") refused in cell rz01: the data source hands out only its guarded wrappers");
            assertThat(c.isWrapperFor(ShardingSphereConnection.class)).isFalse();
            assertThat(c.unwrap(Connection.class)).isSameAs(c);
            assertStatementRefused(() -> s.unwrap(ShardingSphereStatement.class), UNWRAP);
            assertThat(s.getConnection()).isSameAs(c);

            p.setLong(1, 5);
            try (ResultSet rs = p.executeQuery()) {
                assertThat(rs.getStatement()).isSameAs(p);
                assertThat(rs.getStatement().getConnection()).isSameAs(c);
                assertStatementRefused(() -> rs.unwrap(Comparable.class), UNWRAP);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(100);
            }
        }
    }

    @Test
    void hintManagerSendingAWriteToAnotherCellsDatabaseIsRefusedByTheGuard() throws SQLException {
        try (HintManager hint = HintManager.getInstance(); Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            hint.setDataSourceName("ds_1");
            StatementRefusedException refusal = assertStatementRefused(
                    () -> s.executeUpdate("UPDATE t_account SET balance = 0 WHERE user_id = 5"), DATA_SOURCE_HINT);
            assertThat(refusal).hasMessageContaining("database ds_1");

            hint.setDataSourceName("ds_0");
            assertStatementRefused(() -> s.executeUpdate("UPDATE t_account SET balance = 0 WHERE user_id = 5"),
                    DATA_SOURCE_HINT);
        }

        assertThat(fixture.balance(5)).contains(100L);
        assertThat(fixture.balance(35)).contains(100L);
    }

    @Test
    void sqlCommentHintSendingAWriteToAnotherCellsDatabaseIsRefusedByTheGuard() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertStatementRefused(() -> s.executeUpdate("/* SHARDINGSPHERE_HINT: DATA_SOURCE_NAME=ds_1 */"
                    + " UPDATE t_account SET balance = 0 WHERE user_id = 5"), DATA_SOURCE_HINT);
            assertStatementRefused(() -> s.executeUpdate("/* SHARDINGSPHERE_HINT: DISABLE_AUDIT_NAMES=unit_router_guard */"
                    + " UPDATE t_account SET balance = 0 WHERE user_id = 35"), DATA_SOURCE_HINT);
        }

        assertThat(fixture.balance(5)).contains(100L);
        assertThat(fixture.balance(35)).contains(100L);
    }

    @Test
    void hintedWriteOfAGuardedTableCountsAsWritingEveryShardEvenInADatabaseThisCellOwns() throws SQLException {
        cell.rules().move("20-49", "rz01");

        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // ShardingSphere sends a hinted statement past the sharding algorithm, so its key decides nothing.
            WriteRefusedException refusal = assertRefused(() -> s.executeUpdate(
                    "/* SHARDINGSPHERE_HINT: DATA_SOURCE_NAME=ds_0 */ UPDATE t_account SET balance = 1 WHERE user_id = 5"),
                    WriteRefusedException.class);
            assertThat(refusal).hasMessageContaining("(every shard)");
        }

        assertThat(fixture.balance(5)).contains(100L);
    }
}
