package io.unitrouter.sharding.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generates statements for the guard's fuzz test from a small grammar: DML shapes (inserts of one or several
 * rows, INSERT ... SELECT, upserts, updates and deletes by key, list, range or nothing, updates of the key,
 * multi-table writes, writes of the binding table) over keys of three kinds (owned and writable, frozen, and
 * owned by another cell), dressed up with comments, quoted and schema-qualified table names, odd case,
 * parameters instead of literals, and wrapped in the ways past the guard a review found (EXPLAIN ANALYZE, a
 * second statement, executable comments, physical table names, data-source hints, routines).
 *
 * <p>The rules it assumes: cell rz01 owns shards 0-19, of which 10-19 are frozen; everything else is
 * another cell's. Not thread-safe; deterministic for a seed.
 */
public final class FuzzGrammar {

    /** The kind of a key. */
    public enum KeyKind {
        /** Owned by rz01 and writable: shards 0-9. */
        OWNED,
        /** Owned by rz01 but frozen: shards 10-19. */
        FROZEN,
        /** Owned by another cell: shards 20-99. */
        FOREIGN
    }

    /**
     * A generated statement.
     *
     * @param sql its text, with {@code ?} for each parameter
     * @param params the parameters
     */
    public record Generated(String sql, List<Object> params) {
    }

    private final Random random;
    private final TestDatabase database;
    private final String foreignDatabaseName;
    private List<Object> params;

    /**
     * @param seed the seed
     * @param database the dialect to write for
     * @param foreignDatabaseName the name of a physical database, for schema-qualified names
     */
    public FuzzGrammar(long seed, TestDatabase database, String foreignDatabaseName) {
        this.random = new Random(seed);
        this.database = database;
        this.foreignDatabaseName = foreignDatabaseName;
    }

    /** The random source, for the test's own choices. */
    public Random random() {
        return random;
    }

    /** The next statement. */
    public Generated next() {
        params = new ArrayList<>();
        String write = write();
        String sql = switch (random.nextInt(24)) {
            case 0 -> "EXPLAIN ANALYZE " + write;
            case 1 -> "SELECT 1; " + physicalWrite();
            case 2 -> write + "; " + (random.nextBoolean() ? physicalWrite() : write());
            case 3 -> hint() + (random.nextBoolean() ? physicalWrite() : write);
            case 4 -> withExecutableComment(write);
            case 5 -> routineCall();
            default -> write;
        };
        return new Generated(sql, params);
    }

    /**
     * A write that the guard lets through and the fence admits while rz01 may write group 0: an update of the
     * row of an owned, writable shard that the test wrote before it started.
     */
    public Generated ownedWrite() {
        params = new ArrayList<>();
        String sql = kw("UPDATE ") + "t_account" + kw(" SET ") + "balance = balance + 1" + kw(" WHERE ")
                + "user_id = " + literal(SENTINEL_BASE + random.nextInt(10));
        return new Generated(sql, params);
    }

    private String write() {
        String account = table("t_account");
        return switch (random.nextInt(16)) {
            case 0 -> kw("INSERT INTO ") + account + " (user_id, balance, writer) " + kw("VALUES ") + row();
            case 1 -> kw("INSERT INTO ") + account + " (user_id, balance, writer) " + kw("VALUES ") + row() + ", " + row();
            case 2 -> kw("INSERT INTO ") + account + " (user_id, balance, writer) " + kw("SELECT ") + key() + ", balance,"
                    + " writer " + kw("FROM ") + table("t_account") + kw(" WHERE ") + "user_id = " + key();
            case 3 -> kw("INSERT INTO ") + account + " (user_id, balance, writer) " + kw("SELECT ") + "user_id + "
                    + (1 + random.nextInt(40)) + ", balance, writer " + kw("FROM ") + table("t_account") + kw(" WHERE ")
                    + "user_id = " + key();
            case 4 -> upsert(account);
            case 5 -> kw("UPDATE ") + account + kw(" SET ") + "balance = " + random.nextInt(100) + where();
            case 6 -> kw("UPDATE ") + account + kw(" SET ") + "user_id = " + key() + kw(" WHERE ") + "user_id = " + key();
            case 7 -> kw("DELETE FROM ") + account + where();
            case 8 -> kw("UPDATE ") + table("t_order") + kw(" SET ") + "amount = " + random.nextInt(100) + where();
            case 9 -> kw("INSERT INTO ") + table("t_order") + " (order_id, user_id, amount) " + kw("VALUES ") + "("
                    + (900_000 + random.nextInt(100_000)) + ", " + key() + ", 1)";
            case 10 -> multiTable();
            case 11 -> kw("UPDATE ") + account + comment() + kw(" SET ") + "balance = balance + 1" + comment() + where();
            case 12 -> kw("DELETE FROM ") + account + kw(" WHERE ") + "user_id = " + key() + kw(" OR ") + "balance > 0";
            case 13 -> kw("UPDATE ") + account + kw(" SET ") + "balance = 0" + kw(" WHERE ") + "user_id " + kw("IN")
                    + " (" + kw("SELECT ") + "user_id " + kw("FROM ") + table("t_order") + kw(" WHERE ") + "user_id = "
                    + key() + ")";
            default -> kw("UPDATE ") + account + kw(" SET ") + "writer = 'fuzz'" + where();
        };
    }

    private String where() {
        return switch (random.nextInt(10)) {
            case 0 -> "";
            case 1, 2 -> kw(" WHERE ") + "user_id " + kw("IN") + " (" + key() + ", " + key() + ")";
            case 3, 4 -> {
                long low = key(kind());
                yield kw(" WHERE ") + "user_id " + kw("BETWEEN ") + literal(low) + kw(" AND ")
                        + literal(low + random.nextInt(30));
            }
            default -> kw(" WHERE ") + comment() + "user_id = " + key();
        };
    }

    private String row() {
        return "(" + key() + ", " + random.nextInt(100) + ", 'fuzz')";
    }

    private String upsert(String account) {
        String insert = kw("INSERT INTO ") + account + " (user_id, balance, writer) " + kw("VALUES ") + row();
        String assignment = random.nextBoolean() ? "user_id = " + key() : "balance = 0";
        return database == TestDatabase.POSTGRESQL
                ? insert + kw(" ON CONFLICT ") + "(user_id)" + kw(" DO UPDATE SET ") + assignment
                : insert + kw(" ON DUPLICATE KEY UPDATE ") + assignment;
    }

    private String multiTable() {
        String account = table("t_account");
        String order = table("t_order");
        return database == TestDatabase.POSTGRESQL
                ? kw("UPDATE ") + account + " a" + kw(" SET ") + "balance = 0" + kw(" FROM ") + order + " o"
                        + kw(" WHERE ") + "a.user_id = o.user_id" + kw(" AND ") + "o.user_id = " + key()
                : kw("UPDATE ") + account + " a " + kw("JOIN ") + order + " o " + kw("ON ") + "a.user_id = o.user_id"
                        + kw(" SET ") + "a.balance = 0" + kw(" WHERE ") + "o.user_id = " + key();
    }

    /** A write of a physical table of a group that rz01 may not write, as statements hidden behind others name it. */
    private String physicalWrite() {
        int table = 1 + random.nextInt(4);
        return random.nextBoolean() ? kw("UPDATE ") + "t_account_" + table + kw(" SET ") + "balance = 0"
                : kw("DELETE FROM ") + "t_order_" + table;
    }

    private String routineCall() {
        return switch (random.nextInt(3)) {
            case 0 -> kw("CALL ") + "ur_zero_foreign()";
            case 1 -> kw("SELECT ") + "ur_zero_foreign_f()";
            default -> kw("UPDATE ") + table("t_account") + kw(" SET ") + "balance = ur_zero_foreign_f()" + where();
        };
    }

    private String hint() {
        return "/* SHARDINGSPHERE_HINT: DATA_SOURCE_NAME=ds_" + random.nextInt(2) + " */ ";
    }

    private String withExecutableComment(String write) {
        return write.replaceFirst("(?i) SET ", " /*!, t_account_" + random.nextInt(5) + " x */ SET ");
    }

    /** A table name, sometimes quoted, upper-case, schema-qualified or physical. */
    private String table(String logical) {
        return switch (random.nextInt(10)) {
            case 0 -> logical.toUpperCase(Locale.ROOT);
            case 1 -> database == TestDatabase.POSTGRESQL ? "\"" + logical + "\"" : "`" + logical + "`";
            case 2 -> random.nextBoolean() ? foreignDatabaseName + "." + logical : logical;
            case 3 -> random.nextBoolean() ? logical + "_" + random.nextInt(5) : logical;
            default -> logical;
        };
    }

    private String comment() {
        return switch (random.nextInt(8)) {
            case 0 -> " /* c */ ";
            case 1 -> " -- c\n";
            case 2 -> database == TestDatabase.POSTGRESQL ? " " : " # c\n";
            default -> " ";
        };
    }

    /** A keyword in a random case. */
    private String kw(String keyword) {
        return switch (random.nextInt(3)) {
            case 0 -> keyword.toLowerCase(Locale.ROOT);
            case 1 -> mixed(keyword);
            default -> keyword;
        };
    }

    private String mixed(String keyword) {
        StringBuilder result = new StringBuilder(keyword.length());
        for (char c : keyword.toCharArray()) {
            result.append(random.nextBoolean() ? Character.toLowerCase(c) : c);
        }
        return result.toString();
    }

    private KeyKind kind() {
        int roll = random.nextInt(20);
        return roll < 15 ? KeyKind.OWNED : roll < 17 ? KeyKind.FROZEN : KeyKind.FOREIGN;
    }

    /** A key, as a literal or a parameter. */
    private String key() {
        return literal(key(kind()));
    }

    private String literal(long key) {
        if (random.nextInt(3) == 0) {
            params.add(key);
            return "?";
        }
        return Long.toString(key);
    }

    private long key(KeyKind kind) {
        int shard = switch (kind) {
            case OWNED -> random.nextInt(10);
            case FROZEN -> 10 + random.nextInt(10);
            case FOREIGN -> 20 + random.nextInt(80);
        };
        // Half the keys are those of the rows already there, so that updates and deletes find them.
        long base = random.nextBoolean() ? SENTINEL_BASE / 100 : 1 + random.nextInt(5000);
        return base * 100 + shard;
    }

    /** The first key of the rows the test writes before it starts: one per shard. */
    public static final long SENTINEL_BASE = 10_000_000L;

    /** A statement that ends or starts a transaction in SQL text. */
    public String transactionControl() {
        return switch (random.nextInt(5)) {
            case 0 -> "COMMIT";
            case 1 -> "ROLLBACK";
            case 2 -> "BEGIN";
            case 3 -> "START TRANSACTION";
            default -> "SET autocommit = 1";
        };
    }
}
