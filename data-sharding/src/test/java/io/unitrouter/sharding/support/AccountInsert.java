package io.unitrouter.sharding.support;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The INSERT of an account row of balance 1 through the data source under test, with the key and the writing
 * cell as parameters: how the fence suites write, so that a row's {@code writer} tells which cell's write
 * landed. Written once for the suites and {@link BumpWaitsForOpenTransaction}.
 */
public final class AccountInsert {

    /** The statement {@link #bind} fills in. */
    public static final String INSERT = "INSERT INTO t_account (user_id, balance, writer) VALUES (?, ?, ?)";

    private AccountInsert() {
    }

    /**
     * Sets the parameters of an {@link #INSERT}.
     *
     * @param insert the prepared {@link #INSERT}
     * @param key the row's {@code user_id}
     * @param writer the cell that writes it
     * @throws SQLException if a parameter cannot be set
     */
    public static void bind(PreparedStatement insert, long key, String writer) throws SQLException {
        insert.setLong(1, key);
        insert.setLong(2, 1);
        insert.setString(3, writer);
    }
}
