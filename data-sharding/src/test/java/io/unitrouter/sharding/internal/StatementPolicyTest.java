package io.unitrouter.sharding.internal;

import static io.unitrouter.sharding.StatementRefusedException.Reason.DDL;
import static io.unitrouter.sharding.StatementRefusedException.Reason.EXPLAIN_OF_WRITE;
import static io.unitrouter.sharding.StatementRefusedException.Reason.FENCE_CLAIM;
import static io.unitrouter.sharding.StatementRefusedException.Reason.PHYSICAL_TABLE;
import static io.unitrouter.sharding.StatementRefusedException.Reason.ROUTINE;
import static io.unitrouter.sharding.StatementRefusedException.Reason.TRANSACTION_CONTROL;
import static io.unitrouter.sharding.StatementRefusedException.Reason.UNCHECKED_STATEMENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.sharding.StatementRefusedException;
import java.util.List;
import java.util.Set;
import org.apache.shardingsphere.infra.database.core.type.DatabaseType;
import org.apache.shardingsphere.infra.parser.ShardingSphereSQLParserEngine;
import org.apache.shardingsphere.infra.spi.type.typed.TypedSPILoader;
import org.apache.shardingsphere.sql.parser.api.CacheOption;
import org.junit.jupiter.api.Test;

/** What kind of statement the guard lets through, judged on ShardingSphere's own parse. */
class StatementPolicyTest {

    private static final Set<String> LOGICAL = Set.of("t_account", "t_order");
    private static final Set<String> PHYSICAL = Set.of("t_account_0", "t_account_1", "t_account_2", "t_account_3",
            "t_account_4", "t_order_0", "t_order_1", "t_order_2", "t_order_3", "t_order_4");

    private final Routines routines = Routines.allowing(List.of("ur_fee", "bank.rate"));
    private final StatementPolicy mysql = new StatementPolicy(SqlLexer.Dialect.MYSQL, LOGICAL, PHYSICAL, routines,
            false);
    private final StatementPolicy postgresql = new StatementPolicy(SqlLexer.Dialect.POSTGRESQL, LOGICAL, PHYSICAL,
            routines, false);
    private final StatementPolicy ddlAllowed = new StatementPolicy(SqlLexer.Dialect.MYSQL, LOGICAL, PHYSICAL, routines,
            true);

    @Test
    void ordinaryReadsAndWritesGoOnToTheKeyChecks() {
        for (String sql : List.of(
                "INSERT INTO t_account(user_id, balance, writer) VALUES (?, ?, ?)",
                "INSERT INTO t_account (user_id, balance) VALUES (5, 1) ON DUPLICATE KEY UPDATE balance = VALUES(balance)",
                "UPDATE t_account SET balance = balance + 1, writer = CONCAT(writer, 'x') WHERE user_id IN (1, 2)",
                "DELETE FROM t_account WHERE user_id = 5 AND EXISTS (SELECT 1 FROM t_order o WHERE o.user_id = 5)",
                "SELECT COUNT(*), MAX(balance), COALESCE(writer, 'n/a'), CAST(balance AS DECIMAL(10, 2))"
                        + " FROM t_account WHERE user_id BETWEEN 1 AND 9 GROUP BY writer",
                "SELECT a.user_id, ROW_NUMBER() OVER (PARTITION BY a.writer ORDER BY a.balance) FROM t_account a"
                        + " JOIN t_order o USING (user_id) WHERE a.user_id = 5",
                "WITH x(a) AS (SELECT balance FROM t_account WHERE user_id = 5) SELECT a FROM x",
                "SELECT DATE_FORMAT(NOW(), '%Y'), LOWER(writer) FROM t_account WHERE user_id = 5 FOR UPDATE",
                "SELECT ur_fee(balance) FROM t_account WHERE user_id = 5",
                "EXPLAIN SELECT * FROM t_account WHERE user_id = 5")) {
            assertThat(judge(mysql, "MySQL", sql).allowed()).as(sql).isTrue();
        }
        assertThat(judge(postgresql, "PostgreSQL", "INSERT INTO t_account (user_id, balance) VALUES ($1, 1)"
                + " ON CONFLICT (user_id) DO UPDATE SET balance = EXCLUDED.balance").allowed()).isTrue();
    }

    @Test
    void physicalTableNamedDirectlyIsRefusedWhereverItAppears() {
        assertRefused(mysql, "MySQL", "UPDATE t_account_3 SET balance = 0", PHYSICAL_TABLE);
        assertRefused(mysql, "MySQL", "SELECT * FROM t_account WHERE user_id IN (SELECT user_id FROM `T_Account_3`)",
                PHYSICAL_TABLE);
        assertRefused(postgresql, "PostgreSQL", "DELETE FROM \"t_order_1\"", PHYSICAL_TABLE);
    }

    @Test
    void functionsThatAreNeitherBuiltInNorVouchedForAreRefusedNamingTheSwitch() {
        StatementPolicy.Verdict verdict = judge(mysql, "MySQL", "SELECT evil(balance) FROM t_account");
        assertThat(verdict.reason()).isEqualTo(ROUTINE);
        assertThat(verdict.allowedBy()).isEqualTo("allowRoutines(\"evil\") (auditor property allowed-routines)");

        assertRefused(mysql, "MySQL", "UPDATE t_account SET balance = evil() WHERE user_id = 5", ROUTINE);
        assertRefused(mysql, "MySQL", "SELECT * FROM t_account WHERE user_id = evil()", ROUTINE);
        assertRefused(mysql, "MySQL", "SELECT `evil`(1)", ROUTINE);
        assertRefused(postgresql, "PostgreSQL", "SELECT public.lower('x')", ROUTINE);
        assertRefused(postgresql, "PostgreSQL", "SELECT nextval('s')", ROUTINE);
        assertThat(judge(postgresql, "PostgreSQL", "SELECT bank.rate(1)").allowed()).isTrue();
    }

    @Test
    void routineCallIsRefusedUnlessVouchedFor() {
        StatementPolicy.Verdict verdict = judge(mysql, "MySQL", "CALL zero_everything()");
        assertThat(verdict.reason()).isEqualTo(ROUTINE);
        assertThat(verdict.why()).startsWith("routine zero_everything is not on the allow-list");
        assertThat(judge(mysql, "MySQL", "CALL ur_fee(5)").allowed()).isTrue();
    }

    @Test
    void ddlOfAGuardedTableIsRefusedWithoutASwitchAndOtherDdlOnlyWhenAllowed() {
        StatementPolicy.Verdict guarded = judge(ddlAllowed, "MySQL", "TRUNCATE TABLE t_account");
        assertThat(guarded.reason()).isEqualTo(DDL);
        assertThat(guarded.allowedBy()).isNull();
        assertRefused(ddlAllowed, "MySQL", "ALTER TABLE t_order ADD COLUMN note INT", DDL);
        assertRefused(ddlAllowed, "MySQL", "CREATE VIEW v AS SELECT * FROM t_account", DDL);

        StatementPolicy.Verdict other = judge(mysql, "MySQL", "CREATE TABLE audit_log (id INT)");
        assertThat(other.reason()).isEqualTo(DDL);
        assertThat(other.allowedBy()).isEqualTo("allowDdl(true) (auditor property allow-ddl)");
        assertThat(judge(ddlAllowed, "MySQL", "CREATE TABLE audit_log (id INT)").allowed()).isTrue();
        assertRefused(ddlAllowed, "MySQL", "CREATE PROCEDURE p() SELECT 1", DDL);
    }

    @Test
    void transactionControlSessionStatementsAndExplainOfWritesAreRefused() {
        for (String sql : List.of("COMMIT", "ROLLBACK", "BEGIN", "START TRANSACTION", "SAVEPOINT s",
                "SET autocommit = 0", "LOCK TABLES t_account WRITE", "XA START 'x'")) {
            assertRefused(mysql, "MySQL", sql, TRANSACTION_CONTROL);
        }
        for (String sql : List.of("SET NAMES utf8mb4", "USE other", "SHOW TABLES", "ANALYZE TABLE t_account",
                "DO 1", "LOAD DATA INFILE 'x' INTO TABLE t_account", "PREPARE s FROM 'SELECT 1'")) {
            assertThat(judge(mysql, "MySQL", sql).reason()).as(sql).isIn(UNCHECKED_STATEMENT, DDL);
        }
        assertRefused(mysql, "MySQL", "EXPLAIN ANALYZE UPDATE t_account SET balance = 0", EXPLAIN_OF_WRITE);
        assertRefused(postgresql, "PostgreSQL", "COPY t_account FROM '/tmp/accounts'", UNCHECKED_STATEMENT);
    }

    @Test
    void textNamingTheFenceClaimIsRefusedWhereverTheNameStands() {
        for (String sql : List.of(
                "SET @unit_router_fence = 'maintenance'",
                "SELECT @unit_router_fence := '99:rz01'",
                "SELECT @`unit_router_fence`",
                "SELECT @'Unit_Router_Fence'",
                "UPDATE t_account SET writer = @unit_router_fence WHERE user_id = 5",
                "SELECT * FROM t_account WHERE user_id = 5 AND writer = 'unit_router_fence'")) {
            assertRefused(mysql, "MySQL", sql, FENCE_CLAIM);
        }
        for (String sql : List.of(
                "SELECT set_config('unit_router.fence', 'maintenance', false)",
                "SELECT current_setting('UNIT_ROUTER.FENCE')",
                "SET unit_router.fence = 'maintenance'")) {
            assertRefused(postgresql, "PostgreSQL", sql, FENCE_CLAIM);
        }
        StatementPolicy.Verdict verdict = judge(mysql, "MySQL", "SET @unit_router_fence = 'maintenance'");
        assertThat(verdict.allowedBy()).as("no setting allows it").isNull();
        assertThat(verdict.refusal("SET @unit_router_fence = 'maintenance'", "rz01", 42)).hasMessage(
                "statement 'SET @unit_router_fence = 'maintenance'' refused in cell rz01: it names the fence triggers'"
                        + " session claim (@unit_router_fence / unit_router.fence), which only unit-router sets, since a"
                        + " forged claim would write past the fence; a DBA writes with the claim 'maintenance' on the"
                        + " physical database; no setting allows it");
    }

    /**
     * The text check looks for the claim's name; these forge the claim without spelling it, and each is refused
     * by another rule: {@code set_config} is no allowed function, SET and PREPARE (which could run text assembled at run time) are not checked statements.
     */
    @Test
    void aClaimForgedWithoutSpellingItsNameIsStillRefused() {
        for (String sql : List.of(
                "SELECT set_config('unit_router' || '.fence', '99:rz02', false)",
                "SELECT set_config(chr(117) || 'nit_router.fence', 'maintenance', false)",
                "SET \"unit_router\".fence = 'maintenance'")) {
            assertThat(judge(postgresql, "PostgreSQL", sql).allowed()).as(sql).isFalse();
        }
        for (String sql : List.of(
                "SET @`unit_router_f` = 'x', @x = CONCAT(@`unit_router_f`, 'ence')",
                "PREPARE s FROM 'SELECT 1'")) {
            assertThat(judge(mysql, "MySQL", sql).allowed()).as(sql).isFalse();
        }
    }

    /**
     * Regression: MariaDB drops the backslash before a letter without an escape of its own, also in a quoted
     * user variable name, so {@code @'unit_router_\fence'} set the claim while its text did not name it.
     */
    @Test
    void aClaimNameSpelledWithBackslashEscapesIsRefused() {
        for (String sql : List.of("SELECT @'unit_router_\\fence' := '99:rz02'",
                "SELECT @'un\\it_router_fence' := 'maintenance'",
                "SELECT 1 INTO @'unit\\_router\\_fence'")) {
            assertRefused(mysql, "MySQL", sql, FENCE_CLAIM);
        }
    }

    @Test
    void verdictsAreCachedPerText() {
        String sql = "SELECT evil()";
        StatementPolicy.Verdict first = judge(mysql, "MySQL", sql);

        assertThat(judge(mysql, "MySQL", sql)).isSameAs(first);
    }

    private static void assertRefused(StatementPolicy policy, String type, String sql,
            StatementRefusedException.Reason reason) {
        assertThat(judge(policy, type, sql).reason()).as(sql).isEqualTo(reason);
    }

    private static StatementPolicy.Verdict judge(StatementPolicy policy, String type, String sql) {
        DatabaseType databaseType = TypedSPILoader.getService(DatabaseType.class, type);
        ShardingSphereSQLParserEngine parser = new ShardingSphereSQLParserEngine(databaseType, new CacheOption(16, 64),
                new CacheOption(16, 64));
        return policy.judge(sql, parser.parse(sql, false));
    }
}
