package io.unitrouter.sharding.internal;

import io.unitrouter.sharding.FenceTriggers;
import io.unitrouter.sharding.StatementRefusedException;
import io.unitrouter.sharding.StatementRefusedException.Reason;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.shardingsphere.sql.parser.statement.core.segment.dml.expr.FunctionSegment;
import org.apache.shardingsphere.sql.parser.statement.core.segment.generic.table.SimpleTableSegment;
import org.apache.shardingsphere.sql.parser.statement.core.statement.SQLStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dal.ExplainStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.ddl.DDLStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dml.CallStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dml.DeleteStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dml.InsertStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dml.SelectStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dml.UpdateStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.tcl.TCLStatement;

/**
 * What kind of statement the write guard lets through at all, before it looks at shard keys. It reads the
 * statement ShardingSphere parsed, and the text only for what the parser does not keep (several statements,
 * executable comments, text that reads differently depending on the database's settings) and as a second
 * look for routine calls and table names (and for the fence triggers' session claim, which no statement may
 * name, wherever it stands in the text). Allowed: SELECT, INSERT, UPDATE and DELETE (whose keys the
 * auditor then checks), EXPLAIN of a SELECT, calls of routines the team vouches for, and, when switched on,
 * DDL of tables the guard does not shard. Everything else is refused, naming the reason and the setting that
 * allows it where one exists.
 *
 * <p>Thread-safe. Verdicts are cached per SQL text (up to {@value #CACHE_LIMIT} texts), since they depend on
 * nothing else.
 */
public final class StatementPolicy {

    static final int CACHE_LIMIT = 4096;

    private static final String ALLOW_ROUTINES = "allowRoutines(\"%s\") (auditor property allowed-routines)";
    private static final String ALLOW_DDL = "allowDdl(true) (auditor property allow-ddl)";
    private static final String CLAIM_VARIABLE = FenceTriggers.MYSQL_VARIABLE.substring(1);
    private static final String CLAIM_SETTING = FenceTriggers.POSTGRESQL_SETTING;

    /** Words that may stand before an opening parenthesis without calling a routine. */
    private static final Set<String> NOT_CALLS = Set.of("in", "exists", "values", "value", "any", "all", "some", "as",
            "on", "using", "and", "or", "not", "xor", "when", "then", "else", "case", "where", "select", "from",
            "join", "set", "by", "over", "partition", "filter", "within", "group", "order", "into", "table",
            "lateral", "distinct", "between", "like", "ilike", "is", "key", "conflict", "interval", "returning",
            "limit", "offset", "fetch", "window", "union", "except", "intersect", "having", "collate", "escape",
            "similar", "to", "at", "for", "of", "with", "recursive", "do", "update", "decimal", "numeric", "dec",
            "varchar", "nvarchar", "character", "varying", "varbinary", "binary", "float", "double", "real",
            "datetime", "bit", "int", "integer", "bigint", "smallint", "tinyint", "mediumint", "number", "signed",
            "unsigned", "nchar", "text", "blob", "time", "timestamp", "precision", "zone", "only", "rows", "row",
            "nulls", "first", "last", "asc", "desc", "null", "true", "false", "unknown", "match", "against", "mode",
            "straight_join", "force", "ignore", "use", "index");

    /** DDL that {@code allowDdl(true)} lets through, as the simple names of ShardingSphere's statement classes. */
    private static final Set<String> SWITCHABLE_DDL = Set.of("CreateTableStatement", "AlterTableStatement",
            "DropTableStatement", "TruncateStatement", "RenameTableStatement", "CreateIndexStatement",
            "AlterIndexStatement", "DropIndexStatement", "CreateViewStatement", "AlterViewStatement",
            "DropViewStatement", "CreateSequenceStatement", "AlterSequenceStatement", "DropSequenceStatement",
            "CommentStatement");

    private final SqlLexer.Dialect dialect;
    private final Set<String> logicalTables;
    private final Set<String> physicalTables;
    private final Routines routines;
    private final boolean allowDdl;
    private final Map<String, Verdict> cache = new ConcurrentHashMap<>();

    /**
     * A policy.
     *
     * @param dialect how the database reads SQL text
     * @param logicalTables the guarded logical tables, lower-case
     * @param physicalTables their physical tables, lower-case, where they differ from the logical names
     * @param routines the routines statements may call
     * @param allowDdl whether DDL of tables the guard does not shard is allowed
     */
    public StatementPolicy(SqlLexer.Dialect dialect, Set<String> logicalTables, Set<String> physicalTables,
            Routines routines, boolean allowDdl) {
        this.dialect = dialect;
        this.logicalTables = Set.copyOf(logicalTables);
        this.physicalTables = Set.copyOf(physicalTables);
        this.routines = routines;
        this.allowDdl = allowDdl;
    }

    /**
     * The verdict on a statement.
     *
     * @param sql its text
     * @param statement what ShardingSphere parsed from it
     * @return the verdict; {@link Verdict#allowed()} when the guard may go on to check its keys
     */
    public Verdict judge(String sql, SQLStatement statement) {
        Verdict verdict = cache.get(sql);
        if (verdict == null) {
            verdict = doJudge(sql, statement);
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(sql, verdict);
        }
        return verdict;
    }

    private Verdict doJudge(String sql, SQLStatement statement) {
        String lower = sql.toLowerCase(Locale.ROOT);
        // Backslashes out first: in a quoted name MariaDB drops the backslash before a letter that has no escape
        // of its own, so @'unit_router_\fence' is the claim although its text is not.
        String unescaped = lower.indexOf('\\') < 0 ? lower : lower.replace("\\", "");
        if (unescaped.contains(CLAIM_VARIABLE) || unescaped.contains(CLAIM_SETTING)) {
            // Anywhere in the text, literals and quoted names included: MariaDB spells a user variable
            // @'unit_router_fence' too, and PostgreSQL names a setting in a string.
            return Verdict.refuse(Reason.FENCE_CLAIM, "it names the fence triggers' session claim ("
                    + FenceTriggers.MYSQL_VARIABLE + " / " + FenceTriggers.POSTGRESQL_SETTING + "), which only"
                    + " unit-router sets, since a forged claim would write past the fence; a DBA writes with the"
                    + " claim '" + FenceTriggers.MAINTENANCE_CLAIM + "' on the physical database", null);
        }
        SqlLexer.Lexed lexed = SqlLexer.lex(sql, dialect);
        if (lexed.multipleStatements()) {
            return Verdict.refuse(Reason.MULTIPLE_STATEMENTS, "it holds more than one statement, and the guard"
                    + " checks one statement at a time; send them one by one", null);
        }
        if (lexed.executableComment()) {
            return Verdict.refuse(Reason.EXECUTABLE_COMMENT, "it holds a MySQL executable comment (/*! ... */),"
                    + " code that the parser takes for a comment", null);
        }
        if (lexed.ambiguous()) {
            return Verdict.refuse(Reason.AMBIGUOUS_TEXT, "it reads differently depending on the database's settings"
                    + " (a backslash or quote inside a literal, a '#', '--' or '//' comment, nested comments or"
                    + " '$$' quoting); bind such values as parameters", null);
        }
        for (SqlLexer.Word word : lexed.words()) {
            if (physicalTables.contains(word.text())) {
                return Verdict.refuse(Reason.PHYSICAL_TABLE, "it names the physical table " + word.text()
                        + " directly, bypassing the sharding algorithm; name the logical table", null);
            }
        }
        ParseTree tree;
        try {
            tree = ParseTree.of(statement);
        } catch (IllegalStateException e) {
            return Verdict.refuse(Reason.UNCHECKED_STATEMENT, "the guard cannot inspect it: " + e.getMessage(), null);
        }
        if (statement instanceof SelectStatement || statement instanceof InsertStatement
                || statement instanceof UpdateStatement || statement instanceof DeleteStatement) {
            if (!tree.nestedWrites().isEmpty()) {
                return Verdict.refuse(Reason.UNCHECKED_STATEMENT, "it nests a write inside another statement (a"
                        + " data-modifying WITH clause), whose rows the guard cannot check", null);
            }
            return routinesOf(tree, lexed);
        }
        if (statement instanceof ExplainStatement explain) {
            if (explain.getSqlStatement().filter(SelectStatement.class::isInstance).isPresent()
                    && tree.nestedWrites().isEmpty()) {
                return routinesOf(tree, lexed);
            }
            return Verdict.refuse(Reason.EXPLAIN_OF_WRITE, "EXPLAIN of a write: EXPLAIN ANALYZE runs the write, and"
                    + " ShardingSphere sends it to one data node whatever its key; explain it on the physical database",
                    null);
        }
        if (statement instanceof TCLStatement) {
            return Verdict.refuse(Reason.TRANSACTION_CONTROL, "transaction control in SQL text starts or ends"
                    + " transactions behind the guard and the fence, which follow transactions through JDBC; use"
                    + " Connection.commit(), rollback(), setAutoCommit(..) and setSavepoint(..)", null);
        }
        if (statement instanceof CallStatement) {
            String routine = procedureName(statement, lexed);
            if (!routines.vouchesFor(routine)) {
                return Verdict.refuse(Reason.ROUTINE, "routine " + routine + " is not on the allow-list, and the"
                        + " guard cannot see what a routine writes", String.format(ALLOW_ROUTINES, routine));
            }
            return routinesOf(tree, lexed);
        }
        if (statement instanceof DDLStatement) {
            return ddl(statement, tree, lexed);
        }
        return Verdict.refuse(Reason.UNCHECKED_STATEMENT, "the guard checks SELECT, INSERT, UPDATE and DELETE"
                + " (and, where allowed, DDL and calls of routines the team vouches for); a " + kind(statement)
                + " statement may change session settings, lock, load or copy data, or commit implicitly; run it on"
                + " the physical databases", null);
    }

    private Verdict ddl(SQLStatement statement, ParseTree tree, SqlLexer.Lexed lexed) {
        for (SimpleTableSegment table : tree.tables()) {
            String name = table.getTableName().getIdentifier().getValue().toLowerCase(Locale.ROOT);
            if (logicalTables.contains(name)) {
                return Verdict.refuse(Reason.DDL, "DDL of the guarded table " + name + " touches the rows of every"
                        + " shard, other cells' included; change the schema on the physical databases", null);
            }
        }
        for (SqlLexer.Word word : lexed.words()) {
            if (logicalTables.contains(word.text())) {
                return Verdict.refuse(Reason.DDL, "it names the guarded table " + word.text() + ", and DDL of a guarded"
                        + " table touches the rows of every shard; change the schema on the physical databases", null);
            }
        }
        if (!isSwitchableDdl(statement.getClass())) {
            return Verdict.refuse(Reason.DDL, "a " + kind(statement) + " statement can create code that runs later"
                    + " unchecked (routines, triggers, events) or change the database itself; run it on the physical"
                    + " databases", null);
        }
        if (!allowDdl) {
            return Verdict.refuse(Reason.DDL, "DDL commits implicitly in MariaDB and H2 and changes what later"
                    + " statements do", ALLOW_DDL);
        }
        return Verdict.allow(Map.of());
    }

    private static boolean isSwitchableDdl(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (SWITCHABLE_DDL.contains(c.getSimpleName())) {
                return true;
            }
        }
        return false;
    }

    /** Refuses a statement that calls a function that is neither built in nor vouched for. */
    private Verdict routinesOf(ParseTree tree, SqlLexer.Lexed lexed) {
        for (FunctionSegment function : tree.functions()) {
            String name = function.getOwner() == null || function.getFunctionName().contains(".")
                    ? function.getFunctionName()
                    : function.getOwner().getIdentifier().getValue() + "." + function.getFunctionName();
            if (!routines.allowsFunction(name)) {
                return refuseFunction(Routines.normalize(name));
            }
        }
        // The parser keeps some expressions as opaque text; every word of code called like a function counts.
        Set<String> names = new java.util.HashSet<>(tree.aliases());
        names.addAll(tablesOf(tree).keySet());
        for (SqlLexer.Word word : lexed.words()) {
            if (word.call() && !word.quoted() && !NOT_CALLS.contains(word.text()) && !names.contains(word.text())
                    && !routines.allowsCallWord(word.text())) {
                return refuseFunction(word.text());
            }
            if (word.call() && word.quoted() && !names.contains(word.text()) && !routines.allowsCallWord(word.text())) {
                return refuseFunction(word.text());
            }
        }
        return Verdict.allow(tablesOf(tree));
    }

    /**
     * The tables of a statement by name and alias. A name that is only an alias (MySQL's
     * {@code DELETE a FROM t_account a ...} names its target by alias) stands for the aliased table.
     */
    private static Map<String, String> tablesOf(ParseTree tree) {
        Map<String, String> result = new java.util.HashMap<>();
        for (SimpleTableSegment table : tree.tables()) {
            String name = table.getTableName().getIdentifier().getValue().toLowerCase(Locale.ROOT);
            table.getAliasName().ifPresent(alias -> result.put(alias.toLowerCase(Locale.ROOT), name));
        }
        for (SimpleTableSegment table : tree.tables()) {
            String name = table.getTableName().getIdentifier().getValue().toLowerCase(Locale.ROOT);
            result.putIfAbsent(name, name);
        }
        return result;
    }

    private static Verdict refuseFunction(String name) {
        return Verdict.refuse(Reason.ROUTINE, "function " + name + " is neither a built-in function known to compute"
                + " a value only nor on the allow-list, and the guard cannot see what a routine writes",
                String.format(ALLOW_ROUTINES, name));
    }

    private static String procedureName(SQLStatement statement, SqlLexer.Lexed lexed) {
        try {
            Method getter = statement.getClass().getMethod("getProcedureName");
            Object name = getter.invoke(statement);
            if (name instanceof String text && !text.isBlank()) {
                return Routines.normalize(text);
            }
        } catch (ReflectiveOperationException e) {
            // This dialect's CALL keeps no name; the text has it.
        }
        boolean afterCall = false;
        for (SqlLexer.Word word : lexed.words()) {
            if (afterCall) {
                return word.text();
            }
            afterCall = word.text().equals("call") && !word.quoted();
        }
        return "?";
    }

    /** The kind of a statement for messages, e.g. {@code SET} for {@code MySQLSetStatement}. */
    private static String kind(SQLStatement statement) {
        String name = statement.getClass().getSimpleName().replaceFirst("^(MySQL|PostgreSQL|OpenGauss|H2|Oracle"
                + "|SQLServer|SQL92|Doris|Hive|Presto|ClickHouse|Firebird)", "").replaceFirst("Statement$", "");
        return name.replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
    }

    /**
     * A verdict.
     *
     * @param reason why the statement is refused, or {@code null} when it is allowed
     * @param why the sentence saying why
     * @param allowedBy the setting that allows it, or {@code null}
     * @param tables for an allowed statement, every table it names and every alias of one, lower-case, to the
     *     table's name; empty for a refused one
     */
    public record Verdict(Reason reason, String why, String allowedBy, Map<String, String> tables) {

        static Verdict allow(Map<String, String> tables) {
            return new Verdict(null, null, null, Map.copyOf(tables));
        }

        static Verdict refuse(Reason reason, String why, String allowedBy) {
            return new Verdict(reason, why, allowedBy, Map.of());
        }

        /** The distinct names of the tables an allowed statement names. */
        public Set<String> tableNames() {
            return Set.copyOf(tables.values());
        }

        /** Whether the statement may go on. */
        public boolean allowed() {
            return reason == null;
        }

        /**
         * The refusal of a statement this verdict refuses.
         *
         * @param sql the statement
         * @param localCell this cell
         * @param epoch the epoch in force
         * @return the exception to throw
         */
        public StatementRefusedException refusal(String sql, String localCell, long epoch) {
            return StatementRefusedException.of(reason, "statement " + SqlText.quote(sql), why, allowedBy, localCell,
                    epoch);
        }
    }
}
