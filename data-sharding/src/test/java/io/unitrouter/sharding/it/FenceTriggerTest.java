package io.unitrouter.sharding.it;

import static io.unitrouter.sharding.support.AccountInsert.INSERT;
import static io.unitrouter.sharding.support.AccountInsert.bind;
import static io.unitrouter.sharding.support.Refusals.assertRefused;
import static io.unitrouter.sharding.support.Refusals.assertStatementRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.sharding.FenceMode;
import io.unitrouter.sharding.FenceRefusedException;
import io.unitrouter.sharding.FenceRow;
import io.unitrouter.sharding.FenceTriggers;
import io.unitrouter.sharding.Fences;
import io.unitrouter.sharding.ShardAccessRefusedException;
import io.unitrouter.sharding.StatementRefusedException;
import io.unitrouter.sharding.UnitShardingDataSource;
import io.unitrouter.sharding.internal.FenceContext;
import io.unitrouter.sharding.internal.FencedDataSource;
import io.unitrouter.sharding.support.BumpDuringTransaction;
import io.unitrouter.sharding.support.BumpDuringTransaction.ConnectionCall;
import io.unitrouter.sharding.support.BumpWaitsForOpenTransaction;
import io.unitrouter.sharding.support.ClassResources;
import io.unitrouter.sharding.support.PerDatabase;
import io.unitrouter.sharding.support.RecordingDataSource;
import io.unitrouter.sharding.support.ShardingFixture;
import io.unitrouter.sharding.support.TestDatabase;
import io.unitrouter.sharding.support.TwoCells;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * The fence in {@link FenceMode#TRIGGER}: the triggers of {@code t_account}'s physical tables check every row
 * written against the session's claim, and the guarded connection only keeps its session's claim current.
 * Cell rz01 follows one rule store and rz02 another, as in {@link FenceTest}.
 */
@PerDatabase
class FenceTriggerTest {

    private static final List<Integer> GROUP_0 = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    private static final String PHYSICAL_INSERT = "INSERT INTO t_account_0 (user_id, balance, writer)"
            + " VALUES (?, 1, 'rz01')";

    private static final ClassResources resources = new ClassResources();
    private static TwoCells cells;
    private static ShardingFixture fixture;
    private static Fences fences;
    private static FenceTriggers triggers;
    private static UnitShardingDataSource dataSourceOfRz01;
    private static UnitShardingDataSource dataSourceOfRz02;
    /** Database 0 of rz01 as the fence sees it, on one recorded physical connection. */
    private static FencedDataSource database0;
    private static HikariDataSource database0Pool;
    private static final List<String> log = RecordingDataSource.newLog();

    private final TestDatabase database;
    private long epoch;

    FenceTriggerTest(TestDatabase database) {
        this.database = database;
    }

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase database) throws SQLException {
        cells = resources.add(TwoCells.start(database));
        fixture = cells.fixture();
        fences = cells.fences();
        triggers = FenceTriggers.of(fixture.adminDataSources(), ShardingFixture.LAYOUT, List.of("t_account"));
        triggers.create();
        dataSourceOfRz01 = resources.add(triggerFenced(cells.rz01()));
        dataSourceOfRz02 = resources.add(triggerFenced(cells.rz02()));
        database0Pool = resources.add(database.pool(fixture.physicalName(0), 1));
        database0 = new FencedDataSource(new RecordingDataSource(database0Pool, "ds_0", log), "ds_0", 0,
                FenceContext.of(cells.rz01(), "rz01", ShardingFixture.LAYOUT, List.of("t_account"), FenceMode.TRIGGER));
    }

    private static UnitShardingDataSource triggerFenced(UnitRouter router) {
        return cells.fencedDataSource(router).fenceMode(FenceMode.TRIGGER).build();
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        resources.close();
    }

    @BeforeEach
    void reset() {
        assertThat(fixture.database()).isEqualTo(database);
        epoch = cells.reset();
        log.clear();
    }

    @Test
    void sessionGetsItsClaimOnceAndKeepsItAcrossWritesAndLoans() throws SQLException {
        if (database0Pool.getHikariPoolMXBean() != null) {
            // A new physical connection, so a session that has never held a claim.
            database0Pool.getHikariPoolMXBean().softEvictConnections();
        }
        try (Connection c = database0.getConnection(); PreparedStatement insert = c.prepareStatement(PHYSICAL_INSERT)) {
            insert.setLong(1, 5);
            insert.executeUpdate();
            assertThat(claimsSent()).as("a new session").isOne();
            assertThat(claimOf(c)).isEqualTo(epoch + ":rz01");

            insert.setLong(1, 6);
            insert.executeUpdate();
        }
        try (Connection c = database0.getConnection(); PreparedStatement insert = c.prepareStatement(PHYSICAL_INSERT)) {
            insert.setLong(1, 7);
            insert.executeUpdate();
        }

        assertThat(claimsSent()).as("the same session, written again and lent again by the pool").isOne();
        assertThat(fixture.locate(5)).containsExactly("ds_0.t_account_0");
        assertThat(fixture.locate(7)).containsExactly("ds_0.t_account_0");
    }

    @Test
    void autoCommitWriteOnMariaDbSendsOneStatementAndNoTransactionControl() throws SQLException {
        assumeTrue(database == TestDatabase.MARIADB, "counts statements with MariaDB's session status counters");
        try (Connection c = database0.getConnection(); PreparedStatement insert = c.prepareStatement(PHYSICAL_INSERT)) {
            insert.setLong(1, 5);
            insert.executeUpdate();
            Map<String, Long> idle = sent(statementCounts(c), statementCounts(c));

            Map<String, Long> before = statementCounts(c);
            insert.setLong(1, 6);
            insert.executeUpdate();
            Map<String, Long> write = sent(before, statementCounts(c));

            // Questions counts what the client sent (the trigger's own statements are not among them); the
            // SHOW STATUS in between counts itself, which the idle delta takes out.
            assertThat(write.get("Questions") - idle.get("Questions")).as("statements sent").isEqualTo(1);
            assertThat(write).containsEntry("Com_insert", 1L).containsEntry("Com_begin", 0L)
                    .containsEntry("Com_commit", 0L).containsEntry("Com_set_option", 0L);
        }

        assertThat(fixture.locate(6)).containsExactly("ds_0.t_account_0");
    }

    @Test
    void writeAfterABumpIsRefusedByTheTriggerAndNothingOfItLands() throws SQLException {
        fixture.insertAccount(6, 100, "rz01");

        try (Connection c = dataSourceOfRz01.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT);
                Statement s = c.createStatement()) {
            bind(insert, 5, "rz01");
            insert.executeUpdate();

            fences.bump(GROUP_0, "rz02", epoch + 1);

            bind(insert, 7, "rz01");
            FenceRefusedException refusal = assertRefused(insert::executeUpdate, FenceRefusedException.class);
            assertThat(refusal).hasMessage("write to shard group 0 (shards 0-9) in database ds_0 refused by the fence:"
                    + " fence owner is rz02 at epoch " + (epoch + 1) + "; this cell is rz01 at epoch " + epoch);
            assertThat(refusal.sqlState()).isEqualTo(ShardAccessRefusedException.SQLSTATE_FENCE);
            assertThat(refusal.group()).isZero();
            assertThat(refusal.fenceOwner()).isEqualTo("rz02");
            assertThat(refusal.fenceEpoch()).isEqualTo(epoch + 1);
            assertThat(refusal.localCell()).isEqualTo("rz01");
            assertThat(refusal.epoch()).isEqualTo(epoch);

            assertRefused(() -> s.executeUpdate("UPDATE t_account SET balance = 0 WHERE user_id = 6"),
                    FenceRefusedException.class);
            assertRefused(() -> s.executeUpdate("DELETE FROM t_account WHERE user_id = 6"),
                    FenceRefusedException.class);
        }

        assertThat(fixture.locate(5)).containsExactly("ds_0.t_account_0");
        assertThat(fixture.locate(7)).isEmpty();
        assertThat(fixture.rows(0, "t_account_0")).containsExactly("5|1|rz01", "6|100|rz01");
    }

    @Test
    void autoCommitWriteSpanningGroupsIsAllOrNothingWhenTheTriggerOfOneRefuses() throws SQLException {
        fences.bump(GROUP_0, "rz02", epoch + 1);

        try (Connection c = dataSourceOfRz01.getConnection(); Statement s = c.createStatement();
                PreparedStatement insert = c.prepareStatement(INSERT)) {
            assertRefused(() -> s.executeUpdate("INSERT INTO t_account (user_id, balance, writer)"
                    + " VALUES (15, 1, 'rz01'), (5, 1, 'rz01')"), FenceRefusedException.class);
            bind(insert, 16, "rz01");
            insert.addBatch();
            bind(insert, 6, "rz01");
            insert.addBatch();
            assertRefused(insert::executeBatch, FenceRefusedException.class);
        }

        assertThat(fixture.accountRows()).isZero();
    }

    @Test
    void updateAndDeleteAreRefusedUntilThisCellHasAppliedTheFencesEpochAndThenPass() throws SQLException {
        fixture.insertAccount(15, 100, "rz01");
        fixture.insertAccount(16, 100, "rz01");
        fences.bump(List.of(10, 11, 12, 13, 14, 15, 16, 17, 18, 19), "rz01", epoch + 3);

        try (Connection c = dataSourceOfRz01.getConnection(); Statement s = c.createStatement()) {
            FenceRefusedException refusal = assertRefused(
                    () -> s.executeUpdate("UPDATE t_account SET balance = 0 WHERE user_id = 15"),
                    FenceRefusedException.class);
            assertThat(refusal).hasMessageContaining("fence owner is rz01 at epoch " + (epoch + 3)
                    + ", newer than this cell's epoch " + epoch);
            assertRefused(() -> s.executeUpdate("DELETE FROM t_account WHERE user_id = 16"), FenceRefusedException.class);
            assertThat(fixture.balance(15)).contains(100L);
            assertThat(fixture.balance(16)).contains(100L);

            cells.rulesOfRz01().advanceTo(epoch + 3);
            assertThat(s.executeUpdate("UPDATE t_account SET balance = 0 WHERE user_id = 15")).isOne();
            assertThat(s.executeUpdate("DELETE FROM t_account WHERE user_id = 16")).isOne();
        }

        assertThat(fixture.balance(15)).contains(0L);
        assertThat(fixture.balance(16)).isEmpty();
    }

    @Test
    void bumpWaitsForATransactionThatWroteBeforeItAndTheTransactionsNextWriteIsRefused() throws Exception {
        BumpWaitsForOpenTransaction.assertBumpWaitsAndTheNextTransactionIsRefused(fixture, fences, epoch,
                dataSourceOfRz01, "the bump waits for the transaction whose trigger read the fence");
    }

    @Test
    void sessionThatHoldsNoClaimCannotWriteAFencedTable() throws SQLException {
        fixture.insertAccount(6, 100, "rz01");

        for (String claim : Arrays.asList(null, "", "rz01", "x:rz01")) {
            try (Connection c = fixture.rawConnection(0); Statement s = c.createStatement()) {
                if (claim != null) {
                    setClaim(c, claim);
                }
                for (String write : List.of(
                        "INSERT INTO t_account_0 (user_id, balance, writer) VALUES (5, 1, 'dba')",
                        "UPDATE t_account_0 SET balance = 0 WHERE user_id = 6",
                        "DELETE FROM t_account_0 WHERE user_id = 6")) {
                    SQLException refused = catchThrowableOfType(SQLException.class, () -> s.executeUpdate(write));
                    assertThat((Throwable) refused).as("claim %s: %s", claim, write).isNotNull();
                    assertThat(sqlStates(refused)).as("claim %s: %s", claim, write)
                            .contains(ShardAccessRefusedException.SQLSTATE_FENCE);
                    assertThat(messages(refused)).contains("unit_fence refused shard group 0 (claim "
                            + (claim == null ? "none" : claim) + ") fence epoch " + epoch + " owner [rz01]");
                }
            }
        }

        assertThat(fixture.rows(0, "t_account_0")).containsExactly("6|100|rz01");
    }

    @Test
    void maintenanceClaimLetsADbaSessionWriteWhateverTheFenceSays() throws SQLException {
        fences.bump(GROUP_0, "rz02", epoch + 1);

        try (Connection c = fixture.rawConnection(0); Statement s = c.createStatement()) {
            setClaim(c, FenceTriggers.MAINTENANCE_CLAIM);
            s.executeUpdate("INSERT INTO t_account_0 (user_id, balance, writer) VALUES (5, 1, 'dba')");
            s.executeUpdate("UPDATE t_account_0 SET balance = 2 WHERE user_id = 5");
        }

        assertThat(fixture.rows(0, "t_account_0")).containsExactly("5|2|dba");
    }

    @Test
    void applicationCannotSetOrReadTheClaimThroughTheDataSource() throws SQLException {
        List<String> forgeries = database == TestDatabase.POSTGRESQL
                ? List.of("SELECT set_config('unit_router.fence', 'maintenance', false)",
                        "SELECT current_setting('unit_router.fence')",
                        "UPDATE t_account SET writer = current_setting('unit_router.fence') WHERE user_id = 5")
                : List.of("SET @unit_router_fence = 'maintenance'", "SELECT @unit_router_fence",
                        "SELECT @'unit_router_\\fence' := 'maintenance'",
                        "UPDATE t_account SET writer = @unit_router_fence WHERE user_id = 5");
        try (Connection c = dataSourceOfRz01.getConnection(); Statement s = c.createStatement()) {
            for (String sql : forgeries) {
                StatementRefusedException refusal = assertStatementRefused(() -> s.execute(sql),
                        StatementRefusedException.Reason.FENCE_CLAIM);
                assertThat(refusal).hasMessageContaining("which only unit-router sets");
            }
        }
    }

    @Test
    void newEpochMakesTheConnectionSendItsClaimAgain() throws SQLException {
        try (Connection c = database0.getConnection(); PreparedStatement insert = c.prepareStatement(PHYSICAL_INSERT)) {
            insert.setLong(1, 5);
            insert.executeUpdate();
            assertThat(claimOf(c)).isEqualTo(epoch + ":rz01");
            log.clear();

            cells.rulesOfRz01().advanceTo(epoch + 1);
            insert.setLong(1, 6);
            insert.executeUpdate();

            assertThat(claimsSent()).as("the claim of the new epoch").isOne();
            assertThat(claimOf(c)).isEqualTo((epoch + 1) + ":rz01");
        }

        assertThat(fixture.locate(6)).containsExactly("ds_0.t_account_0");
    }

    @Test
    void sessionThatLostItsClaimIsRefusedOnceAndTheNextWriteSendsItAgain() throws SQLException {
        try (Connection c = database0.getConnection(); PreparedStatement insert = c.prepareStatement(PHYSICAL_INSERT);
                Statement s = c.createStatement()) {
            insert.setLong(1, 5);
            insert.executeUpdate();
            // As a reset session would: the variable is gone, but the connection believes it is set.
            s.execute(database.claimSql(""));

            insert.setLong(1, 6);
            SQLException refused = catchThrowableOfType(SQLException.class, insert::executeUpdate);
            assertThat(refused.getCause()).isInstanceOfSatisfying(FenceRefusedException.class, r -> assertThat(r)
                    .hasMessageEndingWith("fence owner is rz01 at epoch " + epoch + ", which admits this cell at epoch "
                            + epoch + ", but the database saw the session claim '' (a reset session loses it); the next"
                            + " write sends it again"));

            insert.setLong(1, 7);
            insert.executeUpdate();
        }

        assertThat(fixture.locate(6)).isEmpty();
        assertThat(fixture.locate(7)).containsExactly("ds_0.t_account_0");
    }

    @Test
    void commitInSqlTextDoesNotLetAWriteAfterTheBumpLand() throws Exception {
        check(c -> sql(c, "COMMIT"));
    }

    @Test
    void ddlThatCommitsImplicitlyDoesNotLetAWriteAfterTheBumpLand() throws Exception {
        check(c -> sql(c, "CREATE TABLE ur_implicit_commit_" + System.nanoTime() + " (id INT)"));
    }

    @Test
    void rollbackOfATransactionInWhichPostgreSqlGotTheClaimMakesTheNextWriteSendItAgain() throws SQLException {
        try (Connection c = database0.getConnection(); PreparedStatement insert = c.prepareStatement(PHYSICAL_INSERT)) {
            cells.rulesOfRz01().advanceTo(epoch + 1);
            c.setAutoCommit(false);
            insert.setLong(1, 5);
            insert.executeUpdate();
            c.rollback();
            c.setAutoCommit(true);

            insert.setLong(1, 6);
            insert.executeUpdate();
        }

        assertThat(fixture.locate(5)).isEmpty();
        assertThat(fixture.locate(6)).containsExactly("ds_0.t_account_0");
    }

    @Test
    void buildRefusesTriggerModeWhileATableLacksItsTriggersAndNamesIt() {
        fixture.sql(1, switch (database) {
            case MARIADB -> "DROP TRIGGER unit_fence_t_account_3_g8_upd";
            case POSTGRESQL -> "DROP TRIGGER unit_fence_t_account_3_g8 ON t_account_3";
            case H2 -> "DROP TRIGGER unit_fence_t_account_3_g8";
        });
        try {
            assertThat(triggers.missing()).containsExactly("ds_1.t_account_3");
            assertThatThrownBy(() -> triggerFenced(cells.rz01())).isInstanceOf(UnitRouterException.class)
                    .hasMessage("fenceMode(TRIGGER) needs the fence triggers on every guarded physical table, but"
                            + " [ds_1.t_account_3] lacks them; create them with FenceTriggers.of(dataSources, layout,"
                            + " tables).create(), or run FenceTriggers.ddl(dialect, table, group) on the physical"
                            + " databases");
        } finally {
            triggers.create();
        }
        assertThat(triggers.missing()).isEmpty();
    }

    @Test
    void triggersAndJavaAgreeOnEveryClaimAndFenceRow() throws SQLException {
        List<String> claims = Arrays.asList(null, "", "maintenance", "MAINTENANCE", "maintenance ", "42:rz01",
                "43:rz01", "41:rz01", "042:rz01", "42:RZ01", "42:rz01 ", "42: rz01", "42:rz0", "42:", ":rz01",
                "x:rz01", "42rz01", "-1:rz01", "+42:rz01", "42:rz01:x", "999999999999999999:rz01",
                "9999999999999999999:rz01", "42:rz01\n");
        List<FenceRow> rows = Arrays.asList(new FenceRow(0, "rz01", 42), new FenceRow(0, "rz01:x", 42),
                new FenceRow(0, "rz01", 0), null);
        List<String> disagreements = new ArrayList<>();
        int cases = 0;
        for (FenceRow row : rows) {
            fixture.sql(0, "DELETE FROM unit_fence WHERE shard_group = '0'");
            if (row != null) {
                fixture.sql(0, "INSERT INTO unit_fence (shard_group, owner_cell, epoch) VALUES ('0', '"
                        + row.ownerCell() + "', " + row.epoch() + ")");
            }
            for (String claim : claims) {
                boolean java = FenceTriggers.admits(row, claim);
                boolean trigger;
                try (Connection c = fixture.rawConnection(0); PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO t_account_0 (user_id, balance, writer) VALUES (5, 1, 'x')")) {
                    if (claim != null) {
                        setClaim(c, claim);
                    }
                    c.setAutoCommit(false);
                    try {
                        insert.executeUpdate();
                        trigger = true;
                    } catch (SQLException e) {
                        assertThat(sqlStates(e)).as("%s / %s: %s", row, claim, e)
                                .contains(ShardAccessRefusedException.SQLSTATE_FENCE);
                        trigger = false;
                    }
                    c.rollback();
                }
                cases++;
                if (java != trigger) {
                    disagreements.add(row + " / '" + claim + "': Java " + java + ", trigger " + trigger);
                }
            }
        }

        assertThat(cases).isEqualTo(rows.size() * claims.size());
        assertThat(disagreements).isEmpty();
        assertThat(fixture.locate(5)).isEmpty();
    }

    /** How many times the recorded connection was sent a claim since the log was last cleared. */
    private static long claimsSent() {
        return log.stream().filter(sql -> sql.contains("SET @unit_router_fence") || sql.contains("set_config(")).count();
    }

    private void check(ConnectionCall boundary) throws Exception {
        new BumpDuringTransaction(fixture, fences, epoch + 1).assertNoStaleWriteLandsAfterTheBump(
                database0.getConnection(), PHYSICAL_INSERT, ConnectionCall.NOTHING, boundary);
    }

    private void setClaim(Connection c, String claim) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(database == TestDatabase.POSTGRESQL
                ? "SELECT set_config('unit_router.fence', ?, false)" : "SET @unit_router_fence = ?")) {
            s.setString(1, claim);
            s.execute();
        }
    }

    private String claimOf(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(database.claimQuery())) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<String> sqlStates(Throwable failure) {
        List<String> states = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e) {
                states.add(e.getSQLState());
            }
        }
        return states;
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    private static Map<String, Long> statementCounts(Connection c) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW SESSION STATUS WHERE Variable_name"
                + " IN ('Questions', 'Com_begin', 'Com_insert', 'Com_commit', 'Com_set_option')")) {
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

    private static void sql(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
