package io.unitrouter.sharding.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * How each database takes the fence's row lock. Writers take a shared lock where the database has one,
 * so that writers of one shard group do not queue behind each other; the fence bump's UPDATE takes the
 * exclusive lock and so waits for every writer's transaction to end, and every later writer waits for the
 * bump's.
 */
public enum FenceDialect {
    /** H2 has no shared row lock: {@code FOR UPDATE}. */
    H2("FOR UPDATE", SqlLexer.Dialect.H2),
    /** MySQL and MariaDB: {@code LOCK IN SHARE MODE}. */
    MYSQL("LOCK IN SHARE MODE", SqlLexer.Dialect.MYSQL),
    /** PostgreSQL: {@code FOR SHARE}. */
    POSTGRESQL("FOR SHARE", SqlLexer.Dialect.POSTGRESQL),
    /** Anything else: {@code FOR UPDATE}; its text is read with the MySQL family's rules. */
    OTHER("FOR UPDATE", SqlLexer.Dialect.MYSQL);

    private final String lockClause;
    private final SqlLexer.Dialect lexerDialect;

    FenceDialect(String lockClause, SqlLexer.Dialect lexerDialect) {
        this.lockClause = lockClause;
        this.lexerDialect = lexerDialect;
    }

    /** How this database reads SQL text. */
    public SqlLexer.Dialect lexerDialect() {
        return lexerDialect;
    }

    /** The locking read a guarded write runs first, with one parameter: the shard group. */
    public String lockQuery() {
        return "SELECT owner_cell, epoch FROM unit_fence WHERE shard_group = ? " + lockClause;
    }

    /**
     * The same locking read with the shard group written into the text, for a batch that sends it together
     * with other statements.
     *
     * @param group the shard group, {@code >= 0}
     * @return the statement
     */
    public String lockQuery(int group) {
        return "SELECT owner_cell, epoch FROM unit_fence WHERE shard_group = '" + group + "' " + lockClause;
    }

    /** The lock clause, e.g. {@code FOR SHARE}. */
    public String lockClause() {
        return lockClause;
    }

    /**
     * The dialect of a connection's database.
     *
     * @param connection an open connection
     * @return the dialect
     * @throws SQLException if the metadata cannot be read
     */
    public static FenceDialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("h2")) {
            return H2;
        }
        if (product.contains("mysql") || product.contains("mariadb")) {
            return MYSQL;
        }
        if (product.contains("postgres")) {
            return POSTGRESQL;
        }
        return OTHER;
    }
}
