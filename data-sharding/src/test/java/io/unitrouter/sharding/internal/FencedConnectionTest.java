package io.unitrouter.sharding.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.sharding.FenceRefusedException;
import io.unitrouter.sharding.FenceRow;
import io.unitrouter.sharding.Fences;
import io.unitrouter.sharding.StatementRefusedException;
import io.unitrouter.sharding.support.BumpDuringTransaction;
import io.unitrouter.sharding.support.BumpDuringTransaction.ConnectionCall;
import io.unitrouter.sharding.support.ShardingFixture;
import io.unitrouter.sharding.support.TestDatabase;
import io.unitrouter.sharding.support.TestRules;
import io.unitrouter.sharding.support.PerDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * The fence on one physical connection, with no write guard in front of it: what it does with SQL that
 * reaches it however the statement got there (a setting that allows it, or a way past the guard).
 */
@PerDatabase
class FencedConnectionTest {

    private static final List<Integer> GROUP_0 = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    private static final String INSERT = "INSERT INTO t_account_0 (user_id, balance, writer) VALUES (?, 1, 'rz01')";

    private static ShardingFixture fixture;
    private static Fences fences;
    private static TestRules rules;
    private static UnitRouter rz01;
    private static FencedDataSource database0;

    private final TestDatabase database;
    private long epoch;

    FencedConnectionTest(TestDatabase database) {
        this.database = database;
    }

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase database) throws SQLException {
        fixture = ShardingFixture.create(database);
        fences = fixture.fences();
        rules = TestRules.threeCities();
        rz01 = rules.router("rz01");
        FenceContext context = FenceContext.of(rz01, "rz01", ShardingFixture.LAYOUT, List.of("t_account"));
        database0 = new FencedDataSource(fixture.newDataSources().get("ds_0"), "ds_0", 0, context);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        database0.close();
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
    void ddlThatCommitsImplicitlyMakesTheNextWriteReadTheFenceAgain() throws Exception {
        check(c -> sql(c, "CREATE TABLE ur_implicit_commit_" + System.nanoTime() + " (id INT)"));
    }

    @Test
    void commitInSqlTextMakesTheNextWriteReadTheFenceAgain() throws Exception {
        check(c -> sql(c, "COMMIT"));
    }

    @Test
    void rollbackToASavepointInSqlTextMakesTheNextWriteReadTheFenceAgain() throws Exception {
        new BumpDuringTransaction(fixture, fences, epoch + 1).assertNoStaleWriteLandsAfterTheBump(
                database0.getConnection(), INSERT, c -> sql(c, "SAVEPOINT before_write"),
                c -> sql(c, "ROLLBACK TO SAVEPOINT before_write"));
    }

    @Test
    void failedStatementMakesTheNextWriteReadTheFenceAgain() throws Exception {
        // PostgreSQL aborts the transaction, releasing its locks; MySQL does the same on a deadlock.
        check(c -> sql(c, "SELECT * FROM ur_no_such_table"));
    }

    @Test
    void commitInSqlTextFollowedByAWriteIsSeenAsANewTransaction() throws SQLException {
        try (Connection c = database0.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeUpdate("INSERT INTO t_account_0 (user_id, balance, writer) VALUES (5, 1, 'rz01')");
            s.execute("COMMIT");
            fences.bump(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), "rz02", epoch + 1);

            SQLException refused = catchThrowableOfType(SQLException.class,
                    () -> s.executeUpdate("INSERT INTO t_account_0 (user_id, balance, writer) VALUES (6, 1, 'rz01')"));
            assertThat(refused.getCause()).isInstanceOf(FenceRefusedException.class);
            c.rollback();
        }

        assertThat(fixture.locate(5)).hasSize(1);
        assertThat(fixture.locate(6)).isEmpty();
    }

    @Test
    void statementNamingAGuardedTableThatTheFenceCannotCheckIsRefusedBeforeItIsSent() throws SQLException {
        fixture.insertAccount(5, 100, "rz01");

        List<String> unchecked = List.of(
                "SELECT 1; UPDATE t_account_0 SET balance = 0",
                "UPDATE t_account_0 SET writer = 'a\\'' WHERE user_id = 5",
                "TRUNCATE TABLE t_account_0",
                "UPDATE t_account_0 SET balance = 0 WHERE user_id = 5 /*!OR 1 = 1 */");
        try (Connection c = database0.getConnection(); Statement s = c.createStatement()) {
            for (String sql : unchecked) {
                SQLException refused = catchThrowableOfType(SQLException.class, () -> s.execute(sql));
                assertThat(refused.getCause()).as(sql).isInstanceOfSatisfying(StatementRefusedException.class,
                        r -> assertThat(r).hasMessageStartingWith("statement '").hasMessageContaining("refused in cell"
                                + " rz01: the fence cannot check it"));
                assertThat(catchThrowableOfType(SQLException.class, () -> c.prepareStatement(sql)).getCause())
                        .isInstanceOf(StatementRefusedException.class);
            }
        }

        assertThat(fixture.balance(5)).contains(100L);
    }

    @Test
    void autoCommitWriteBehindTheFenceCommitsAndLeavesNoTransactionOrLockBehind() throws SQLException {
        try (Connection c = database0.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT)) {
            insert.setLong(1, 5);
            insert.executeUpdate();

            assertThat(c.getAutoCommit()).isTrue();
            assertThat(fixture.locate(5)).as("committed, seen from another connection").hasSize(1);
            // No lock is left on the fence row: the bump goes through while this connection stays open.
            assertThat(fences.bump(GROUP_0, "rz02", epoch + 1)).extracting(FenceRow::ownerCell).containsOnly("rz02");
            insert.setLong(1, 6);
            assertThat(catchThrowableOfType(SQLException.class, insert::executeUpdate).getCause())
                    .isInstanceOf(FenceRefusedException.class);
        }

        assertThat(fixture.locate(6)).isEmpty();
    }

    @Test
    void autoCommitTurnedOffAndOnAgainBeforeAnyStatementLeavesTheNextWriteAutoCommitted() throws SQLException {
        try (Connection c = database0.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT)) {
            c.setAutoCommit(false);
            assertThat(c.getAutoCommit()).isFalse();
            c.setAutoCommit(true);
            assertThat(c.getAutoCommit()).isTrue();

            insert.setLong(1, 5);
            insert.executeUpdate();
            assertThat(fixture.locate(5)).as("committed while the connection is still open").hasSize(1);
        }
    }

    @Test
    void transactionStaysOneTransactionWhateverItsFirstCallIs() throws SQLException {
        List<ConnectionCall> firstCalls = List.of(ConnectionCall.NOTHING, Connection::commit, Connection::rollback,
                c -> sql(c, "SELECT COUNT(*) FROM t_account_0"), c -> c.setSavepoint("first"));
        try (Connection c = database0.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (int i = 0; i < firstCalls.size(); i++) {
                c.setAutoCommit(false);
                firstCalls.get(i).run(c);
                insert.setLong(1, 5);
                insert.executeUpdate();
                assertThat(fixture.locate(5)).as("call %d: not committed yet", i).isEmpty();
                c.rollback();
                c.setAutoCommit(true);
                assertThat(fixture.locate(5)).as("call %d: rolled back", i).isEmpty();
            }
            c.setAutoCommit(false);
            insert.setLong(1, 6);
            insert.executeUpdate();
            c.commit();
        }

        assertThat(fixture.locate(6)).hasSize(1);
    }

    @Test
    void batchWritingTwoGroupsIsRefusedWholeWhenTheSecondGroupsFenceMoved() throws SQLException {
        fences.bump(List.of(10, 11, 12, 13, 14, 15, 16, 17, 18, 19), "rz02", epoch + 1);

        for (boolean autoCommit : new boolean[] {true, false}) {
            try (Connection c = database0.getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(autoCommit);
                s.addBatch("INSERT INTO t_account_0 (user_id, balance, writer) VALUES (5, 1, 'rz01')");
                s.addBatch("INSERT INTO t_account_1 (user_id, balance, writer) VALUES (15, 1, 'rz01')");
                SQLException refused = catchThrowableOfType(SQLException.class, s::executeBatch);
                assertThat(refused.getCause()).as("auto-commit %s", autoCommit)
                        .isInstanceOfSatisfying(FenceRefusedException.class,
                                r -> assertThat(r).hasMessageContaining("shard group 1"));
                if (!autoCommit) {
                    c.rollback();
                }
            }
        }

        assertThat(fixture.locate(5)).isEmpty();
        assertThat(fixture.locate(15)).isEmpty();
    }

    @Test
    void fencedWritesOnMariaDbBeginTheirTransactionWithoutTogglingAutoCommitBackAndForth() throws SQLException {
        assumeTrue(database == TestDatabase.MARIADB, "counts statements with MariaDB's session status counters;"
                + " the batched fence reads are MariaDB Connector/J's");
        try (Connection c = database0.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT)) {
            Map<String, Long> before = statementCounts(c);
            insert.setLong(1, 5);
            insert.executeUpdate();
            // START TRANSACTION with the locking read, the write, COMMIT: no set autocommit at all.
            assertThat(sent(before, statementCounts(c))).containsExactlyInAnyOrderEntriesOf(
                    Map.of("Com_begin", 1L, "Com_select", 1L, "Com_insert", 1L, "Com_commit", 1L, "Com_set_option", 0L));

            before = statementCounts(c);
            c.setAutoCommit(false);
            insert.setLong(1, 6);
            insert.executeUpdate();
            insert.setLong(1, 7);
            insert.executeUpdate();
            assertThat(count(c, "SELECT COUNT(*) FROM t_account_0 WHERE user_id IN (6, 7)"))
                    .as("a read inside the transaction sees its writes").isEqualTo(2);
            c.commit();
            c.setAutoCommit(true);
            // START TRANSACTION with the locking read, two writes (the fence is read once), the read, COMMIT: the
            // driver never sees auto-commit off, so neither set autocommit=0 nor set autocommit=1 is sent.
            assertThat(sent(before, statementCounts(c))).containsExactlyInAnyOrderEntriesOf(
                    Map.of("Com_begin", 1L, "Com_select", 2L, "Com_insert", 2L, "Com_commit", 1L, "Com_set_option", 0L));
        }

        assertThat(fixture.locate(7)).hasSize(1);
    }

    @Test
    void transactionTheFenceBeganIsRolledBackWhenTheConnectionClosesWithoutEndingIt() throws SQLException {
        try (Connection c = database0.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT)) {
            c.setAutoCommit(false);
            insert.setLong(1, 5);
            insert.executeUpdate();
        }

        assertThat(fixture.locate(5)).isEmpty();
        // No lock is left on the fence row either.
        assertThat(fences.bump(GROUP_0, "rz02", epoch + 1)).extracting(FenceRow::ownerCell).containsOnly("rz02");
    }

    @Test
    void turningAutoCommitOnCommitsTheTransactionTheFenceBeganAndLeavesTheNextWriteAutoCommitted()
            throws SQLException {
        try (Connection c = database0.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT)) {
            c.setAutoCommit(false);
            insert.setLong(1, 5);
            insert.executeUpdate();
            assertThat(fixture.locate(5)).as("not committed yet").isEmpty();

            c.setAutoCommit(true);
            assertThat(fixture.locate(5)).as("committed by setAutoCommit(true)").hasSize(1);
            insert.setLong(1, 6);
            insert.executeUpdate();
            assertThat(fixture.locate(6)).as("auto-committed while the connection is still open").hasSize(1);
        }
    }

    @Test
    void failedStatementInATransactionTheFenceBeganLeavesTheRestOfTheTransactionUncommitted() throws SQLException {
        assumeTrue(database == TestDatabase.MARIADB, "the fence begins transactions in SQL text only in MariaDB"
                + " Connector/J's batches");
        try (Connection c = database0.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT)) {
            c.setAutoCommit(false);
            insert.setLong(1, 5);
            insert.executeUpdate();
            catchThrowableOfType(SQLException.class, insert::executeUpdate);
            // Had the statement rolled the transaction back (a deadlock does), a driver that saw auto-commit on
            // would now commit each statement on its own; it has been told that auto-commit is off.
            assertThat(count(c, "SELECT @@autocommit")).isZero();
            insert.setLong(1, 6);
            insert.executeUpdate();
            assertThat(fixture.locate(6)).as("not committed by itself").isEmpty();
            c.rollback();
        }

        assertThat(fixture.locate(5)).isEmpty();
        assertThat(fixture.locate(6)).isEmpty();
    }

    @Test
    void writeRefusedByTheFenceInATransactionTheFenceBeganLeavesNothingBehindAfterRollback() throws SQLException {
        fences.bump(List.of(10, 11, 12, 13, 14, 15, 16, 17, 18, 19), "rz02", epoch + 1);

        try (Connection c = database0.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT);
                PreparedStatement other = c.prepareStatement(
                        "INSERT INTO t_account_1 (user_id, balance, writer) VALUES (?, 1, 'rz01')")) {
            c.setAutoCommit(false);
            insert.setLong(1, 5);
            insert.executeUpdate();
            other.setLong(1, 15);
            assertThat(catchThrowableOfType(SQLException.class, other::executeUpdate).getCause())
                    .isInstanceOf(FenceRefusedException.class);
            c.rollback();
        }

        assertThat(fixture.locate(5)).isEmpty();
        assertThat(fixture.locate(15)).isEmpty();
    }

    private static long count(Connection c, String query) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Map<String, Long> statementCounts(Connection c) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW SESSION STATUS WHERE Variable_name"
                + " IN ('Com_begin', 'Com_select', 'Com_insert', 'Com_commit', 'Com_set_option')")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    private static Map<String, Long> sent(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new HashMap<>();
        after.forEach((name, count) -> delta.put(name, count - before.getOrDefault(name, 0L)));
        return delta;
    }

    private void check(ConnectionCall boundary) throws Exception {
        new BumpDuringTransaction(fixture, fences, epoch + 1).assertNoStaleWriteLandsAfterTheBump(
                database0.getConnection(), INSERT, ConnectionCall.NOTHING, boundary);
    }

    private static void sql(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
