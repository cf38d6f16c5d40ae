package io.unitrouter.sharding.it;

import static io.unitrouter.sharding.StatementRefusedException.Reason.UNKNOWN_KEY_VALUE;
import static io.unitrouter.sharding.support.Refusals.assertRefused;
import static io.unitrouter.sharding.support.Refusals.assertStatementRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.unitrouter.sharding.StatementRefusedException;
import io.unitrouter.sharding.UnitShardingDataSource;
import io.unitrouter.sharding.WriteRefusedException;
import io.unitrouter.sharding.support.GuardedCell;
import io.unitrouter.sharding.support.ShardingFixture;
import io.unitrouter.sharding.support.TestDatabase;
import io.unitrouter.sharding.support.PerDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * The guard checks the shard-key values a write puts into rows, not only those of the rows it addresses:
 * regression tests for the ways a review wrote another cell's or a frozen shard's key through a statement
 * whose WHERE clause (or SELECT) named only this cell's keys. Each checks the physical tables afterwards.
 */
@PerDatabase
class WrittenValuesGuardTest {

    private static GuardedCell cell;
    private static ShardingFixture fixture;
    private static UnitShardingDataSource dataSource;

    private final TestDatabase database;
    private long epoch;

    WrittenValuesGuardTest(TestDatabase database) {
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
        epoch = cell.reset();
        fixture.insertAccount(3, 100, "rz01");
        fixture.insertAccount(5, 100, "rz01");
    }

    @Test
    void insertSelectWritingAnotherCellsKeyIsRefusedThoughTheSelectReadsThisCellsRow() throws SQLException {
        WriteRefusedException literal = refused("INSERT INTO t_account (user_id, balance, writer)"
                + " SELECT 36, balance, writer FROM t_account WHERE user_id = 5", WriteRefusedException.class);
        assertThat(literal.owner()).isEqualTo("rz02");
        assertThat(literal.key()).isEqualTo("36");

        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO t_account (user_id, balance, writer) SELECT ?, balance, writer FROM t_account WHERE user_id = ?")) {
            s.setLong(1, 36);
            s.setLong(2, 5);
            assertRefused(s::executeUpdate, WriteRefusedException.class);
        }
        StatementRefusedException fromRows = refused("INSERT INTO t_account (user_id, balance, writer)"
                + " SELECT user_id + 31, balance, writer FROM t_account WHERE user_id = 5", StatementRefusedException.class);
        assertThat(fromRows.reason()).isEqualTo(UNKNOWN_KEY_VALUE);
        assertThat(fromRows).hasMessageContaining("comes from the selected rows");

        assertThat(fixture.locate(36)).isEmpty();
        assertThat(fixture.accountRows()).isEqualTo(2);
    }

    @Test
    void upsertThatChangesTheKeyToAnotherCellsShardIsRefused() throws SQLException {
        String upsert = database == TestDatabase.POSTGRESQL
                ? "INSERT INTO t_account (user_id, balance, writer) VALUES (5, 1, 'x')"
                        + " ON CONFLICT (user_id) DO UPDATE SET user_id = 36"
                : "INSERT INTO t_account (user_id, balance, writer) VALUES (5, 1, 'x') ON DUPLICATE KEY UPDATE user_id = 36";

        WriteRefusedException refusal = refused(upsert, WriteRefusedException.class);

        assertThat(refusal.owner()).isEqualTo("rz02");
        assertThat(fixture.balance(5)).contains(100L);
        assertThat(fixture.locate(36)).isEmpty();
    }

    @Test
    void upsertThatKeepsTheKeyRunsAndOneThatComputesItIsRefused() throws SQLException {
        String keeps = database == TestDatabase.POSTGRESQL
                ? "INSERT INTO t_account (user_id, balance, writer) VALUES (5, 7, 'x')"
                        + " ON CONFLICT (user_id) DO UPDATE SET balance = EXCLUDED.balance, user_id = EXCLUDED.user_id"
                : "INSERT INTO t_account (user_id, balance, writer) VALUES (5, 7, 'x')"
                        + " ON DUPLICATE KEY UPDATE balance = VALUES(balance), user_id = VALUES(user_id)";
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(keeps);
        }
        assertThat(fixture.balance(5)).contains(7L);

        String computes = database == TestDatabase.POSTGRESQL
                ? "INSERT INTO t_account (user_id, balance, writer) VALUES (5, 1, 'x')"
                        + " ON CONFLICT (user_id) DO UPDATE SET user_id = t_account.user_id + 31"
                : "INSERT INTO t_account (user_id, balance, writer) VALUES (5, 1, 'x')"
                        + " ON DUPLICATE KEY UPDATE user_id = user_id + 31";
        StatementRefusedException refusal = refused(computes, StatementRefusedException.class);
        assertThat(refusal.reason()).isEqualTo(UNKNOWN_KEY_VALUE);
        assertThat(fixture.locate(36)).isEmpty();
    }

    @Test
    void updateSettingTheShardKeyToAFrozenOrForeignShardOfTheSameGroupIsRefused() throws SQLException {
        cell.rules().move("7", "rz02");
        long moved = cell.rules().publish(b -> b.freeze("5"));

        WriteRefusedException frozen = refused("UPDATE t_account SET user_id = 105 WHERE user_id = 3",
                WriteRefusedException.class);
        assertThat(frozen.reason()).isEqualTo(WriteRefusedException.Reason.FROZEN);
        assertThat(frozen.epoch()).isEqualTo(moved);
        WriteRefusedException foreign = refused("UPDATE t_account SET user_id = 7 WHERE user_id = 3",
                WriteRefusedException.class);
        assertThat(foreign.owner()).isEqualTo("rz02");
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE t_account SET balance = ?, user_id = ? WHERE user_id = ?")) {
            s.setLong(1, 0);
            s.setLong(2, 36);
            s.setLong(3, 3);
            assertRefused(s::executeUpdate, WriteRefusedException.class);
        }
        assertThat(refused("UPDATE t_account SET user_id = user_id + 4 WHERE user_id = 3",
                StatementRefusedException.class).reason()).isEqualTo(UNKNOWN_KEY_VALUE);

        assertThat(fixture.balance(3)).contains(100L);
        assertThat(fixture.locate(7)).isEmpty();
        assertThat(fixture.locate(105)).isEmpty();
        assertThat(fixture.locate(36)).isEmpty();
    }

    @Test
    void updateSettingTheShardKeyToAnOwnedShardRuns() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("UPDATE t_account SET user_id = 4 WHERE user_id = 3")).isEqualTo(1);
        }

        assertThat(fixture.balance(4)).contains(100L);
    }

    @Test
    void multiTableUpdateAndDeleteAreCheckedForEveryTableTheyTouch() throws SQLException {
        fixture.insertAccount(35, 100, "rz02");
        String update = database == TestDatabase.POSTGRESQL
                ? "UPDATE t_account a SET balance = 0 FROM t_order o WHERE a.user_id = o.user_id AND o.user_id = 35"
                : "UPDATE t_account a JOIN t_order o ON a.user_id = o.user_id SET a.balance = 0 WHERE o.user_id = 35";
        String delete = database == TestDatabase.POSTGRESQL
                ? "DELETE FROM t_account a USING t_order o WHERE a.user_id = o.user_id AND o.user_id = 35"
                : "DELETE a FROM t_account a JOIN t_order o ON a.user_id = o.user_id WHERE o.user_id = 35";
        String keyThroughAlias = database == TestDatabase.POSTGRESQL
                ? "UPDATE t_account a SET user_id = 36 FROM t_order o WHERE a.user_id = o.user_id AND a.user_id = 5"
                : "UPDATE t_account a JOIN t_order o ON a.user_id = o.user_id SET a.user_id = 36 WHERE a.user_id = 5";

        refused(update, WriteRefusedException.class);
        if (database == TestDatabase.POSTGRESQL) {
            // ShardingSphere 5.5.2 cannot bind these two and refuses them before anything is sent.
            notBound(keyThroughAlias, "ambiguous");
            notBound(delete, "Unknown column");
        } else {
            refused(keyThroughAlias, WriteRefusedException.class);
            refused(delete, WriteRefusedException.class);
        }

        assertThat(fixture.balance(35)).contains(100L);
        assertThat(fixture.balance(5)).contains(100L);
        assertThat(fixture.locate(36)).isEmpty();
    }

    private void notBound(String sql, String message) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThat((Throwable) catchThrowableOfType(SQLException.class, () -> s.executeUpdate(sql)))
                    .hasMessageContaining(message);
        }
    }

    private <T extends io.unitrouter.sharding.ShardAccessRefusedException> T refused(String sql, Class<T> type)
            throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            T refusal = assertRefused(() -> s.executeUpdate(sql), type);
            if (refusal instanceof StatementRefusedException statement) {
                assertStatementRefused(() -> s.executeUpdate(sql), statement.reason());
            }
            return refusal;
        }
    }
}
