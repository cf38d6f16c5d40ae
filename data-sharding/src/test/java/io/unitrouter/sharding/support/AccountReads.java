package io.unitrouter.sharding.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The point read of one account's balance through the data source under test, which the routing and guard
 * suites use to show that a read reached its row. Written once so that each of them checks the same: a row
 * came back, with the expected balance.
 */
public final class AccountReads {

    /** The statement {@link #assertBalance} runs. */
    public static final String SELECT_BALANCE = "SELECT balance FROM t_account WHERE user_id = ?";

    private AccountReads() {
    }

    /**
     * Runs the point read and checks its row.
     *
     * @param select a {@link #SELECT_BALANCE} prepared on the connection under test
     * @param userId the key to read
     * @param balance the balance the row must have
     * @throws SQLException if the read fails or is refused
     */
    public static void assertBalance(PreparedStatement select, long userId, long balance) throws SQLException {
        select.setLong(1, userId);
        try (ResultSet rs = select.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(balance);
        }
    }
}
