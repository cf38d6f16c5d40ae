package io.unitrouter.sharding.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlScannerTest {

    private final SqlScanner scanner = new SqlScanner(Map.of("t_account_0", 0, "t_account_3", 3, "t_order_3", 3));

    @Test
    void insertUpdateDeleteOfAGuardedTableAreFencedWrites() {
        assertThat(scanner.scan("INSERT INTO t_account_3 (user_id) VALUES (?)").tables()).containsExactly(3);
        assertThat(scanner.scan("update `t_account_0` set balance = 1 where user_id = 5").fenced()).isTrue();
        assertThat(scanner.scan("DELETE FROM \"t_account_3\" WHERE user_id = ?").fenced()).isTrue();
        assertThat(scanner.scan("REPLACE INTO t_account_0 VALUES (1)").fenced()).isTrue();
    }

    @Test
    void readsAndWritesOfOtherTablesAreNotFenced() {
        assertThat(scanner.scan("SELECT * FROM t_account_3 WHERE user_id = 5 FOR UPDATE").fenced()).isFalse();
        assertThat(scanner.scan("INSERT INTO audit_log VALUES ('t_account_3')").fenced()).isFalse();
        assertThat(scanner.scan("INSERT INTO t_account_30 VALUES (1)").fenced()).isFalse();
    }

    @Test
    void commentsAndLiteralsDoNotCount() {
        assertThat(scanner.scan("/* t_account_3 */ INSERT INTO t_account_0 VALUES ('t_account_3 '' x')").tables())
                .containsExactly(0);
        assertThat(scanner.scan("-- UPDATE t_account_3\nSELECT 1").write()).isFalse();
        assertThat(scanner.scan("# t_account_3\nDELETE FROM t_account_0").tables()).containsExactly(0);
    }

    @Test
    void writeAfterACommonTableExpressionIsAWrite() {
        assertThat(scanner.scan("WITH x AS (SELECT 1) UPDATE t_account_3 SET balance = 0").fenced()).isTrue();
        assertThat(scanner.scan("WITH x AS (SELECT 1) SELECT * FROM t_account_3").fenced()).isFalse();
    }

    @Test
    void everyGuardedTableOfAStatementIsReported() {
        assertThat(scanner.scan("INSERT INTO t_order_3 SELECT * FROM t_account_0").tables()).containsExactly(0, 3);
    }
}
