package io.unitrouter.sharding.internal;

import static io.unitrouter.sharding.internal.SqlLexer.Dialect.H2;
import static io.unitrouter.sharding.internal.SqlLexer.Dialect.MYSQL;
import static io.unitrouter.sharding.internal.SqlLexer.Dialect.POSTGRESQL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlLexerTest {

    @Test
    void codeAfterASemicolonIsASecondStatementButATrailingSemicolonIsNot() {
        assertThat(SqlLexer.lex("SELECT 1; UPDATE t_account_3 SET balance = 0", MYSQL).multipleStatements()).isTrue();
        assertThat(SqlLexer.lex("SELECT 1;", MYSQL).multipleStatements()).isFalse();
        assertThat(SqlLexer.lex("SELECT 1 ; -- done", POSTGRESQL).multipleStatements()).isFalse();
        assertThat(SqlLexer.lex("SELECT ';' FROM t", H2).multipleStatements()).isFalse();
        assertThat(SqlLexer.lex("SELECT 1;'x'", MYSQL).multipleStatements()).isTrue();
    }

    @Test
    void mysqlExecutableCommentsAreCodeAndNoticedButOptimizerHintsAreNot() {
        SqlLexer.Lexed lexed = SqlLexer.lex("UPDATE t a /*!, t_account_3 b */ SET a.x = 1", MYSQL);
        assertThat(lexed.executableComment()).isTrue();
        assertThat(texts(lexed)).contains("t_account_3");
        assertThat(SqlLexer.lex("SELECT /*M!100000 1, */ 2", MYSQL).executableComment()).isTrue();
        assertThat(SqlLexer.lex("SELECT /*+ MAX_EXECUTION_TIME(10) */ 1", MYSQL).executableComment()).isFalse();
        assertThat(SqlLexer.lex("SELECT /*! 1 */ 2", POSTGRESQL).executableComment()).as("noticed, not run").isTrue();
        assertThat(SqlLexer.lex("SELECT /*! t_account_3 */ 2", POSTGRESQL).words()).extracting(SqlLexer.Word::text)
                .doesNotContain("t_account_3");
    }

    @Test
    void backslashInALiteralIsAmbiguousWhereTheDatabaseSettingsDecideItsMeaning() {
        assertThat(SqlLexer.lex("SELECT 'a\\'b' FROM t", MYSQL).ambiguous()).isTrue();
        assertThat(SqlLexer.lex("SELECT 'It''s' FROM t", MYSQL).ambiguous()).isFalse();
        assertThat(SqlLexer.lex("SELECT 'C:\\\\dir' FROM t", MYSQL).ambiguous()).isFalse();
        assertThat(SqlLexer.lex("SELECT \"a\\\"b\" FROM t", MYSQL).ambiguous()).isTrue();
        assertThat(SqlLexer.lex("SELECT 'a\\' FROM t", POSTGRESQL).ambiguous()).isTrue();
        assertThat(SqlLexer.lex("SELECT E'a\\'b' FROM t", POSTGRESQL).ambiguous()).isFalse();
    }

    @Test
    void statementHiddenBehindAnEscapedQuoteIsAmbiguousAndASecondStatement() {
        SqlLexer.Lexed lexed = SqlLexer.lex("SELECT 'a\\''; UPDATE t_account_3 SET balance = 0; -- '", MYSQL);

        assertThat(lexed.ambiguous()).isTrue();
        assertThat(lexed.multipleStatements()).isTrue();
        assertThat(texts(lexed)).contains("t_account_3");
    }

    @Test
    void h2TextThatShardingSpheresMysqlGrammarReadsDifferentlyIsAmbiguous() {
        assertThat(SqlLexer.lex("SELECT 1 # x", H2).ambiguous()).isTrue();
        assertThat(SqlLexer.lex("SELECT 1 --x", H2).ambiguous()).isTrue();
        assertThat(SqlLexer.lex("SELECT 1 /* a /* b */ c */", H2).ambiguous()).isTrue();
        assertThat(SqlLexer.lex("SELECT $$a'b$$", H2).ambiguous()).isTrue();
        assertThat(SqlLexer.lex("SELECT 'a\\' FROM t", H2).ambiguous()).isTrue();
        assertThat(SqlLexer.lex("SELECT \"balance\" FROM t_account -- note", H2).ambiguous()).isFalse();
    }

    @Test
    void dashDashStartsACommentInMysqlOnlyBeforeWhitespace() {
        assertThat(texts(SqlLexer.lex("SELECT 1 --x\n, t_account_3", MYSQL))).contains("x", "t_account_3");
        assertThat(texts(SqlLexer.lex("SELECT 1 -- t_account_3\n", MYSQL))).doesNotContain("t_account_3");
        assertThat(texts(SqlLexer.lex("SELECT 1 --t_account_3\n", POSTGRESQL))).doesNotContain("t_account_3");
    }

    @Test
    void postgresqlDollarQuotesNestedCommentsAndParametersAreRead() {
        assertThat(SqlLexer.lex("SELECT $fn$ ; UPDATE t $fn$", POSTGRESQL).multipleStatements()).isFalse();
        assertThat(texts(SqlLexer.lex("SELECT /* a /* b */ t_account_3 */ 1", POSTGRESQL))).doesNotContain("t_account_3");
        assertThat(texts(SqlLexer.lex("SELECT $1 FROM t_account_3", POSTGRESQL))).contains("t_account_3");
        assertThat(SqlLexer.lex("SELECT 1 # 2; DELETE FROM t", POSTGRESQL).multipleStatements()).isTrue();
    }

    @Test
    void wordsKnowWhetherTheyAreCalledAndQuotedIdentifiersCount() {
        SqlLexer.Lexed lexed = SqlLexer.lex("SELECT f (1), `t`.g(2), \"h\" (3) FROM \"T_Account_3\"", MYSQL);

        assertThat(lexed.words()).filteredOn(SqlLexer.Word::call).extracting(SqlLexer.Word::text)
                .contains("f", "g", "h");
        assertThat(texts(lexed)).contains("t_account_3");
        assertThat(lexed.firstKeyword()).isEqualTo("select");
    }

    private static List<String> texts(SqlLexer.Lexed lexed) {
        return lexed.words().stream().map(SqlLexer.Word::text).toList();
    }
}
