package io.unitrouter.sharding.internal;

/**
 * SQL text as messages quote it.
 *
 * <p>Stateless and thread-safe.
 */
final class SqlText {

    private static final int LIMIT = 100;

    private SqlText() {
    }

    /**
     * A statement on one line, shortened to about {@value #LIMIT} characters.
     *
     * @param sql the statement
     * @return e.g. {@code UPDATE t_account SET balance = 0 WHERE user_id = 5}
     */
    static String quote(String sql) {
        String flat = sql.replaceAll("\\s+", " ").trim();
        return "'" + (flat.length() <= LIMIT ? flat : flat.substring(0, LIMIT - 3) + "...") + "'";
    }
}
