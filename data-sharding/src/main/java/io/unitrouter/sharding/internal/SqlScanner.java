package io.unitrouter.sharding.internal;

import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads just enough of a physical SQL statement for the fence: whether it writes, and which guarded
 * physical tables it names. It understands comments, string literals and quoted identifiers, so a table
 * name inside a literal or a comment is not taken for a table.
 *
 * <p>Thread-safe. Results are cached per SQL text (up to {@value #CACHE_LIMIT} texts), since the physical
 * SQL of a prepared statement repeats.
 */
public final class SqlScanner {

    static final int CACHE_LIMIT = 4096;

    private final Map<String, Integer> tableIndexes;
    private final Map<String, Shape> cache = new ConcurrentHashMap<>();

    /**
     * A scanner that knows the guarded physical tables.
     *
     * @param tableIndexes lower-case physical table name to its table index {@code 0..K-1}
     */
    public SqlScanner(Map<String, Integer> tableIndexes) {
        this.tableIndexes = Map.copyOf(tableIndexes);
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

    /**
     * Whether a statement writes: its first keyword (after comments and parentheses, or after a
     * {@code WITH} clause) is INSERT, UPDATE, DELETE, REPLACE, MERGE or UPSERT.
     *
     * @param sql any SQL
     * @return whether it writes
     */
    public boolean isWrite(String sql) {
        return scan(sql).write();
    }

    private Shape doScan(String sql) {
        int n = sql.length();
        boolean first = true;
        boolean write = false;
        boolean sawWith = false;
        BitSet tables = new BitSet();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(' || c == ')' || c == ',' || c == ';') {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-' || c == '#') {
                i = skipLine(sql, i);
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '\'') {
                i = skipString(sql, i);
            } else if (c == '"' || c == '`') {
                int end = sql.indexOf(c, i + 1);
                String identifier = sql.substring(i + 1, end < 0 ? n : end);
                mark(tables, identifier);
                i = end < 0 ? n : end + 1;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
                        || sql.charAt(i) == '$')) {
                    i++;
                }
                String word = sql.substring(start, i);
                if (first) {
                    first = false;
                    write = isWriteVerb(word);
                    sawWith = word.equalsIgnoreCase("WITH");
                } else if (sawWith && !write && isWriteVerb(word)) {
                    write = true;
                }
                mark(tables, word);
            } else {
                i++;
            }
        }
        return new Shape(write, tables.stream().toArray());
    }

    private void mark(BitSet tables, String identifier) {
        Integer index = tableIndexes.get(identifier.toLowerCase(Locale.ROOT));
        if (index != null) {
            tables.set(index);
        }
    }

    private static boolean isWriteVerb(String word) {
        return switch (word.toUpperCase(Locale.ROOT)) {
            case "INSERT", "UPDATE", "DELETE", "REPLACE", "MERGE", "UPSERT" -> true;
            default -> false;
        };
    }

    private static int skipLine(String sql, int i) {
        int end = sql.indexOf('\n', i);
        return end < 0 ? sql.length() : end + 1;
    }

    private static int skipString(String sql, int i) {
        int n = sql.length();
        int j = i + 1;
        while (j < n) {
            char c = sql.charAt(j);
            if (c == '\'') {
                if (j + 1 < n && sql.charAt(j + 1) == '\'') {
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            j++;
        }
        return n;
    }

    /**
     * The shape of a statement.
     *
     * @param write whether it is an INSERT, UPDATE, DELETE, REPLACE, MERGE or UPSERT (also after a
     *     {@code WITH} clause)
     * @param tables the table indexes of the guarded physical tables it names, ascending; do not modify
     */
    public record Shape(boolean write, int[] tables) {

        /** Whether the fence must check this statement. */
        public boolean fenced() {
            return write && tables.length > 0;
        }
    }
}
