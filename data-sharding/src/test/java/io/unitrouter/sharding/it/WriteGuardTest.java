package io.unitrouter.sharding.it;

import static io.unitrouter.sharding.support.AccountReads.SELECT_BALANCE;
import static io.unitrouter.sharding.support.AccountReads.assertBalance;
import static io.unitrouter.sharding.support.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.unitrouter.sharding.ReadPolicy;
import io.unitrouter.sharding.ReadRefusedException;
import io.unitrouter.sharding.ShardAccessRefusedException;
import io.unitrouter.sharding.UnitShardingDataSource;
import io.unitrouter.sharding.WriteRefusedException;
import io.unitrouter.sharding.support.ClassResources;
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
 * The in-memory write guard of cell rz01 (shards 0-19): writes of other cells' shards or of frozen shards
 * are refused before they reach the database, whatever the JDBC path, and the database shows it.
 */
@PerDatabase
class WriteGuardTest {

    private static final String INSERT = "INSERT INTO t_account (user_id, balance, writer) VALUES (?, ?, ?)";

    private static final ClassResources resources = new ClassResources();
    private static GuardedCell cell;
    private static ShardingFixture fixture;
    private static UnitShardingDataSource dataSource;

    private final TestDatabase database;
    private long epoch;

    WriteGuardTest(TestDatabase database) {
        this.database = database;
    }

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase database) {
        cell = resources.add(GuardedCell.start(database));
        fixture = cell.fixture();
        dataSource = resources.add(guarded(ReadPolicy.ALLOW));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        resources.close();
    }

    @BeforeEach
    void reset() {
        assertThat(fixture.database()).isEqualTo(database);
        fixture.reset();
        epoch = cell.rules().restore();
    }

    private static UnitShardingDataSource guarded(ReadPolicy readPolicy) {
        return cell.dataSource().readPolicy(readPolicy).build();
    }

    @Test
    void refusedInsertNamesKeyShardOwnerCellAndEpochAndWritesNothing() throws SQLException {
        SQLException failure;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            failure = catchThrowableOfType(SQLException.class, () -> s.executeUpdate(
                    "INSERT INTO t_account (user_id, balance, writer) VALUES (2088123456737, 1, 'rz01')"));
        }

        assertThat((Throwable) failure).hasMessage("write to shard 37 (key '2088123456737') refused in cell rz01: owner is rz02"
                + " at epoch " + epoch);
        assertThat(failure.getSQLState()).isEqualTo(ShardAccessRefusedException.SQLSTATE_NOT_OWNER);
        assertThat(failure.getCause()).isInstanceOfSatisfying(WriteRefusedException.class, refusal -> {
            assertThat(refusal.key()).isEqualTo("2088123456737");
            assertThat(refusal.shard()).isEqualTo(37);
            assertThat(refusal.owner()).isEqualTo("rz02");
            assertThat(refusal.localCell()).isEqualTo("rz01");
            assertThat(refusal.epoch()).isEqualTo(epoch);
            assertThat(refusal.reason()).isEqualTo(WriteRefusedException.Reason.NOT_OWNER);
        });
        assertThat(fixture.locate(2088123456737L)).isEmpty();
    }

    @Test
    void preparedUpdateOfAnotherCellsShardIsRefusedAndTheRowIsUnchanged() throws SQLException {
        fixture.insertAccount(37, 100, "rz02");

        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE t_account SET balance = ? WHERE user_id = ?")) {
            s.setLong(1, 0);
            s.setLong(2, 37);
            assertRefused(s::executeUpdate, WriteRefusedException.class);
        }

        assertThat(fixture.balance(37)).contains(100L);
    }

    @Test
    void preparedDeleteOfAnotherCellsShardIsRefusedAndTheRowStays() throws SQLException {
        fixture.insertAccount(37, 100, "rz02");

        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM t_account WHERE user_id = ?")) {
            s.setLong(1, 37);
            assertRefused(s::execute, WriteRefusedException.class);
        }

        assertThat(fixture.balance(37)).contains(100L);
    }

    @Test
    void preparedBatchIsRefusedAtTheForeignEntryAndNothingOfItIsWritten() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(INSERT)) {
            for (long key : new long[] {5, 6}) {
                bind(s, key, 1);
                s.addBatch();
            }
            bind(s, 37, 1);
            assertRefused(s::addBatch, WriteRefusedException.class);
        }

        assertThat(fixture.accountRows()).isZero();
    }

    @Test
    void statementBatchWithAForeignEntryIsRefusedAndNothingOfItIsWritten() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.addBatch("INSERT INTO t_account (user_id, balance, writer) VALUES (5, 1, 'rz01')");
            s.addBatch("INSERT INTO t_account (user_id, balance, writer) VALUES (37, 1, 'rz01')");
            assertRefused(s::executeBatch, WriteRefusedException.class);
        }

        assertThat(fixture.accountRows()).isZero();
    }

    @Test
    void multiRowInsertWithOneForeignRowIsRefusedWhole() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertRefused(() -> s.executeUpdate("INSERT INTO t_account (user_id, balance, writer)"
                    + " VALUES (5, 1, 'rz01'), (37, 1, 'rz01')"), WriteRefusedException.class);
        }

        assertThat(fixture.accountRows()).isZero();
    }

    @Test
    void refusedWriteInATransactionMakesCommitRollBackEverything() throws SQLException {
        fixture.insertAccount(37, 100, "rz02");

        SQLException commitFailure;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement(INSERT);
                    PreparedStatement update = c.prepareStatement("UPDATE t_account SET balance = ? WHERE user_id = ?")) {
                bind(insert, 5, 50);
                insert.executeUpdate();
                update.setLong(1, 0);
                update.setLong(2, 37);
                assertRefused(update::executeUpdate, WriteRefusedException.class);
            }
            commitFailure = catchThrowableOfType(SQLException.class, c::commit);
            c.setAutoCommit(true);
        }

        assertThat(commitFailure.getSQLState()).isEqualTo(ShardAccessRefusedException.SQLSTATE_ROLLED_BACK);
        assertThat(commitFailure.getCause()).isInstanceOf(WriteRefusedException.class);
        assertThat(fixture.balance(5)).isEmpty();
        assertThat(fixture.balance(37)).contains(100L);
    }

    @Test
    void refusedWriteInATransactionLeavesNothingAfterRollbackAndTheConnectionStaysUsable() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                bind(insert, 5, 50);
                insert.executeUpdate();
                bind(insert, 37, 50);
                assertRefused(insert::executeUpdate, WriteRefusedException.class);
                c.rollback();

                bind(insert, 6, 60);
                insert.executeUpdate();
                c.commit();
            }
            c.setAutoCommit(true);
        }

        assertThat(fixture.balance(5)).isEmpty();
        assertThat(fixture.balance(37)).isEmpty();
        assertThat(fixture.balance(6)).contains(60L);
    }

    @Test
    void writeToAFrozenShardIsRefusedWhileItsReadsContinue() throws SQLException {
        fixture.insertAccount(5, 100, "rz01");
        long frozenEpoch = cell.rules().publish(b -> b.freeze("0-9"));

        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement("UPDATE t_account SET balance = ? WHERE user_id = ?");
                PreparedStatement select = c.prepareStatement(SELECT_BALANCE)) {
            update.setLong(1, 0);
            update.setLong(2, 5);
            WriteRefusedException refusal = assertRefused(update::executeUpdate, WriteRefusedException.class);
            assertThat(refusal).hasMessage("write to shard 5 (key '5') refused in cell rz01: shard 5 is frozen at"
                    + " epoch " + frozenEpoch + " (owner rz01)");
            assertThat(refusal.reason()).isEqualTo(WriteRefusedException.Reason.FROZEN);
            assertThat(refusal.sqlState()).isEqualTo(ShardAccessRefusedException.SQLSTATE_FROZEN);

            assertBalance(select, 5, 100);
        }
        assertThat(fixture.balance(5)).contains(100L);
    }

    @Test
    void preparedStatementKeptAcrossAnEpochChangeIsCheckedAgainstTheNewEpoch() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT)) {
            bind(insert, 15, 1);
            insert.executeUpdate();

            long moved = cell.rules().move("10-19", "rz02");
            bind(insert, 16, 1);
            WriteRefusedException refusal = assertRefused(insert::executeUpdate, WriteRefusedException.class);
            assertThat(refusal.owner()).isEqualTo("rz02");
            assertThat(refusal.epoch()).isEqualTo(moved);
        }

        assertThat(fixture.balance(15)).contains(1L);
        assertThat(fixture.balance(16)).isEmpty();
    }

    @Test
    void writeWithNoConditionOnTheShardKeyIsRefusedAsAWriteToEveryShard() throws SQLException {
        fixture.insertAccount(5, 100, "rz01");
        fixture.insertAccount(37, 100, "rz02");

        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            WriteRefusedException refusal = assertRefused(() -> s.executeUpdate("UPDATE t_account SET balance = 0"),
                    WriteRefusedException.class);
            assertThat(refusal).hasMessageContaining("t_account rows with no condition on user_id (every shard)")
                    .hasMessageContaining("shard 20 is owned by rz02");
        }

        assertThat(fixture.balance(5)).contains(100L);
        assertThat(fixture.balance(37)).contains(100L);
    }

    @Test
    void rangeWriteWithinOwnedShardsRunsAndOneCrossingIntoAnotherCellIsRefused() throws SQLException {
        for (long key : new long[] {5, 15, 25}) {
            fixture.insertAccount(key, 100, "test");
        }

        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM t_account WHERE user_id BETWEEN ? AND ?")) {
            s.setLong(1, 0);
            s.setLong(2, 25);
            WriteRefusedException refusal = assertRefused(s::executeUpdate, WriteRefusedException.class);
            assertThat(refusal.shard()).isEqualTo(20);
            assertThat(fixture.accountRows()).isEqualTo(3);

            s.setLong(1, 0);
            s.setLong(2, 19);
            assertThat(s.executeUpdate()).isEqualTo(2);
        }

        assertThat(fixture.balance(5)).isEmpty();
        assertThat(fixture.balance(15)).isEmpty();
        assertThat(fixture.balance(25)).contains(100L);
    }

    @Test
    void ownedWritesOfEveryKindGoThrough() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT);
                PreparedStatement update = c.prepareStatement("UPDATE t_account SET balance = ? WHERE user_id = ?");
                Statement s = c.createStatement()) {
            bind(insert, 5, 1);
            insert.addBatch();
            bind(insert, 19, 1);
            insert.addBatch();
            assertThat(insert.executeBatch()).hasSize(2);
            update.setLong(1, 7);
            update.setLong(2, 5);
            assertThat(update.executeUpdate()).isEqualTo(1);
            assertThat(s.executeUpdate("DELETE FROM t_account WHERE user_id = 19")).isEqualTo(1);
        }

        assertThat(fixture.balance(5)).contains(7L);
        assertThat(fixture.balance(19)).isEmpty();
    }

    @Test
    void readsOfAnotherCellsShardsAreAllowedByDefault() throws SQLException {
        fixture.insertAccount(37, 100, "rz02");

        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SELECT_BALANCE)) {
            assertBalance(s, 37, 100);
        }
    }

    @Test
    void rejectReadPolicyRefusesReadsOfAnotherCellsShardsOnly() throws SQLException {
        fixture.insertAccount(5, 50, "rz01");
        fixture.insertAccount(37, 100, "rz02");

        try (UnitShardingDataSource rejecting = guarded(ReadPolicy.REJECT); Connection c = rejecting.getConnection();
                PreparedStatement s = c.prepareStatement(SELECT_BALANCE);
                Statement all = c.createStatement()) {
            s.setLong(1, 37);
            ReadRefusedException refusal = assertRefused(s::executeQuery, ReadRefusedException.class);
            assertThat(refusal).hasMessage("read of shard 37 (key '37') refused in cell rz01: owner is rz02 at epoch "
                    + epoch + " (read policy REJECT)");
            assertThat(refusal.sqlState()).isEqualTo(ShardAccessRefusedException.SQLSTATE_READ);

            assertRefused(() -> all.executeQuery("SELECT COUNT(*) FROM t_account"), ReadRefusedException.class);

            assertBalance(s, 5, 50);
        }
    }

    private static void bind(PreparedStatement insert, long key, long balance) throws SQLException {
        insert.setLong(1, key);
        insert.setLong(2, balance);
        insert.setString(3, "rz01");
    }
}
