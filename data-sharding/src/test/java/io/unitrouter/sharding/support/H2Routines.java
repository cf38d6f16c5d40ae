package io.unitrouter.sharding.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Java routines for H2 ({@code CREATE ALIAS ... FOR 'io.unitrouter.sharding.support.H2Routines.method'}). */
public final class H2Routines {

    private H2Routines() {
    }

    /** A routine that writes another cell's rows: it zeroes the balances of shard group 3's table. */
    public static int zeroForeignBalances(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            return s.executeUpdate("UPDATE t_account_3 SET balance = 0");
        }
    }

    /** A routine that only computes a value. */
    public static int harmless() {
        return 1;
    }
}
