package io.unitrouter.sharding.internal;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads just enough of a physical SQL statement for the fence: whether it reads, writes or does something
 * else (which may end the transaction), which guarded physical tables it names, and whether the fence can
 * check it at all. It lexes with {@link SqlLexer}, so a table name inside a literal or a comment is not
 * taken for a table, and text that several statements or an executable comment hide behind is noticed.
 *
 * <p>Thread-safe. Results are cached per SQL text (up to {@value #CACHE_LIMIT} texts), since the physical
 * SQL of a prepared statement repeats.
 */
public final class SqlScanner {

    static final int CACHE_LIMIT = 4096;

    private static final Set<String> WRITE_VERBS = Set.of("insert", "update", "delete", "replace", "merge", "upsert");
    private static final Set<String> READ_VERBS = Set.of("select", "values", "table");

    private final Map<String, Integer> tableIndexes;
    private final SqlLexer.Dialect dialect;
    private final Map<String, Shape> cache = new ConcurrentHashMap<>();

    /**
     * A scanner that knows the guarded physical tables.
     *
     * @param tableIndexes lower-case physical table name to its table index {@code 0..K-1}
     * @param dialect how the database reads text
     */
    public SqlScanner(Map<String, Integer> tableIndexes, SqlLexer.Dialect dialect) {
        this.tableIndexes = Map.copyOf(tableIndexes);
        this.dialect = dialect;
    }

    /**
     * What a statement does.
     *
     * @param sql physical SQL
     * @return its shape
     */
    public Shape scan(String sql) {
        Shape shape = cache.get(sql);
        if (shape == null) {
            shape = doScan(sql);
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(sql, shape);
        }
        return shape;
    }

    private Shape doScan(String sql) {
        SqlLexer.Lexed lexed = SqlLexer.lex(sql, dialect);
        BitSet tables = new BitSet();
        for (SqlLexer.Word word : lexed.words()) {
            Integer index = tableIndexes.get(word.text());
            if (index != null) {
                tables.set(index);
            }
        }
        String unchecked = lexed.multipleStatements() ? "it holds more than one statement"
                : lexed.executableComment() ? "it holds an executable comment"
                : lexed.ambiguous() ? "it reads differently depending on the database's settings" : null;
        return new Shape(kind(lexed), tables.stream().toArray(), unchecked, lexed.firstKeyword());
    }

    private static Kind kind(SqlLexer.Lexed lexed) {
        String first = lexed.firstKeyword();
        if (WRITE_VERBS.contains(first)) {
            return Kind.WRITE;
        }
        if (READ_VERBS.contains(first)) {
            return Kind.READ;
        }
        if (first.equals("with") || first.equals("explain") || first.equals("describe") || first.equals("desc")) {
            // A data-modifying common table expression, or EXPLAIN ANALYZE of a write, runs the write.
            return writesAfterFirstWord(lexed.words()) ? Kind.WRITE : Kind.READ;
        }
        return Kind.OTHER;
    }

    /** Whether a write verb follows the first word (a function of that name, or FOR UPDATE, is no write). */
    private static boolean writesAfterFirstWord(List<SqlLexer.Word> words) {
        String previous = "";
        boolean first = true;
        for (SqlLexer.Word word : words) {
            if (word.quoted()) {
                previous = "";
                continue;
            }
            if (!first && WRITE_VERBS.contains(word.text()) && !word.call()
                    && !(word.text().equals("update") && (previous.equals("for") || previous.equals("key")))) {
                return true;
            }
            first = false;
            previous = word.text();
        }
        return false;
    }

    /** What a statement does, as far as the fence is concerned. */
    public enum Kind {
        /** A query: it neither writes nor ends a transaction. */
        READ,
        /** An INSERT, UPDATE, DELETE, REPLACE, MERGE or UPSERT, possibly after WITH or under EXPLAIN. */
        WRITE,
        /** Anything else; it may end the transaction (DDL and some maintenance statements commit implicitly). */
        OTHER
    }

    /**
     * The shape of a statement.
     *
     * @param kind what it does
     * @param tables the table indexes of the guarded physical tables it names, ascending; do not modify
     * @param unchecked why the fence cannot check it (several statements, an executable comment, text that
     *     reads differently depending on the database's settings), or {@code null}
     * @param keyword its first keyword, lower-case, for messages
     */
    public record Shape(Kind kind, int[] tables, String unchecked, String keyword) {

        /** Whether the fence must check this statement before it runs. */
        public boolean fenced() {
            return kind == Kind.WRITE && tables.length > 0;
        }

        /**
         * Why the fence refuses this statement outright, or {@code null}: it names a guarded table but
         * cannot be checked, or it is neither a read nor a write.
         */
        public String refusal() {
            if (tables.length == 0) {
                return null;
            }
            if (unchecked != null) {
                return unchecked;
            }
            return kind == Kind.OTHER ? "the fence checks reads and writes only, and this is a " + keyword.toUpperCase(
                    java.util.Locale.ROOT) + " statement" : null;
        }

        /** Whether the statement may end the transaction, so that the fence must be read again after it. */
        public boolean mayEndTransaction() {
            return kind == Kind.OTHER || unchecked != null;
        }
    }
}
