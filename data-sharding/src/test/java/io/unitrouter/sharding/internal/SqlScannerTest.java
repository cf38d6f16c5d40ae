package io.unitrouter.sharding.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlScannerTest {

    private final SqlScanner scanner = new SqlScanner(Map.of("t_account_0", 0, "t_account_3", 3, "t_order_3", 3),
            SqlLexer.Dialect.MYSQL);

    @Test
    void insertUpdateDeleteOfAGuardedTableAreFencedWrites() {
        assertThat(scanner.scan("INSERT INTO t_account_3 (user_id) VALUES (?)").tables()).containsExactly(3);
        assertThat(scanner.scan("update `t_account_0` set balance = 1 where user_id = 5").fenced()).isTrue();
        assertThat(scanner.scan("DELETE FROM \"t_account_3\" WHERE user_id = ?").fenced()).isTrue();
        assertThat(scanner.scan("REPLACE INTO t_account_0 VALUES (1)").fenced()).isTrue();
    }

    @Test
    void readsAndWritesOfOtherTablesAreNotFenced() {
        assertThat(scanner.scan("SELECT * FROM t_account_3 WHERE user_id = 5 FOR UPDATE").kind())
                .isEqualTo(SqlScanner.Kind.READ);
        assertThat(scanner.scan("INSERT INTO audit_log VALUES ('t_account_3')").fenced()).isFalse();
        assertThat(scanner.scan("INSERT INTO t_account_30 VALUES (1)").fenced()).isFalse();
        assertThat(scanner.scan("SELECT insert(writer, 1, 1, 'x') FROM t_account_3").kind())
                .isEqualTo(SqlScanner.Kind.READ);
    }

    @Test
    void commentsAndLiteralsDoNotCount() {
        assertThat(scanner.scan("/* t_account_3 */ INSERT INTO t_account_0 VALUES ('t_account_3 '' x')").tables())
                .containsExactly(0);
        assertThat(scanner.scan("-- UPDATE t_account_3\nSELECT 1").kind()).isEqualTo(SqlScanner.Kind.READ);
        assertThat(scanner.scan("# t_account_3\nDELETE FROM t_account_0").tables()).containsExactly(0);
    }

    @Test
    void writeAfterACommonTableExpressionOrUnderExplainIsAWrite() {
        assertThat(scanner.scan("WITH x AS (SELECT 1) UPDATE t_account_3 SET balance = 0").fenced()).isTrue();
        assertThat(scanner.scan("WITH x AS (SELECT 1) SELECT * FROM t_account_3").fenced()).isFalse();
        assertThat(scanner.scan("EXPLAIN ANALYZE UPDATE t_account_3 SET balance = 0").fenced()).isTrue();
        assertThat(scanner.scan("EXPLAIN SELECT * FROM t_account_3").kind()).isEqualTo(SqlScanner.Kind.READ);
    }

    @Test
    void everyGuardedTableOfAStatementIsReported() {
        assertThat(scanner.scan("INSERT INTO t_order_3 SELECT * FROM t_account_0").tables()).containsExactly(0, 3);
    }

    @Test
    void transactionControlAndDdlMayEndTheTransaction() {
        for (String sql : new String[] {"COMMIT", "rollback", "BEGIN", "START TRANSACTION", "SET autocommit = 1",
                "CREATE TABLE x (id INT)", "ANALYZE TABLE audit_log", "LOCK TABLES audit_log WRITE", "CALL p()"}) {
            assertThat(scanner.scan(sql).mayEndTransaction()).as(sql).isTrue();
            assertThat(scanner.scan(sql).refusal()).as(sql).isNull();
        }
        assertThat(scanner.scan("SELECT 1").mayEndTransaction()).isFalse();
        assertThat(scanner.scan("UPDATE t_account_0 SET balance = 1").mayEndTransaction()).isFalse();
    }

    @Test
    void statementNamingAGuardedTableThatTheFenceCannotCheckIsRefused() {
        assertThat(scanner.scan("SELECT 1; UPDATE t_account_3 SET balance = 0").refusal())
                .isEqualTo("it holds more than one statement");
        assertThat(scanner.scan("UPDATE t_account_0 SET balance = 1 /*!, writer = 'x' */").refusal())
                .isEqualTo("it holds an executable comment");
        assertThat(scanner.scan("UPDATE t_account_0 SET writer = 'a\\'' WHERE user_id = 5").refusal())
                .isEqualTo("it reads differently depending on the database's settings");
        assertThat(scanner.scan("TRUNCATE TABLE t_account_3").refusal())
                .isEqualTo("the fence checks reads and writes only, and this is a TRUNCATE statement");
        assertThat(scanner.scan("SELECT 1; COMMIT").refusal()).isNull();
        assertThat(scanner.scan("SELECT 1; COMMIT").mayEndTransaction()).isTrue();
    }
}
