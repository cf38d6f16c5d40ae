package io.unitrouter.benchmarks.data;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The statements MariaDB receives for a few writes of a path, read from its general log: what a write
 * costs in round trips, which the timings only show as a sum.
 *
 * <p>The log is switched on ({@code log_output=TABLE}, so that it can be read back with SQL) only around
 * these writes, never while anything is timed, and the server's previous settings are put back afterwards.
 * The server logs every client's statements while it is on; only the connections the path opens after it
 * was switched on are reported, found by their {@code Connect} entries naming the benchmark's databases.
 *
 * <p>Not thread-safe: one benchmark thread drives it.
 */
final class StatementLog implements AutoCloseable {

    private final HikariDataSource admin;
    private final String previousOutput;
    private final boolean previouslyOn;

    private StatementLog(HikariDataSource admin, String previousOutput, boolean previouslyOn) {
        this.admin = admin;
        this.previousOutput = previousOutput;
        this.previouslyOn = previouslyOn;
    }

    /**
     * Empties the server's log table and switches the general log on.
     *
     * @param admin a pool on the server, with the right to set global variables
     * @return the log; close it to switch the log back to what it was
     * @throws SQLException if the settings cannot be read or changed
     */
    static StatementLog start(HikariDataSource admin) throws SQLException {
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            String output;
            boolean on;
            try (ResultSet rs = s.executeQuery("SELECT @@GLOBAL.log_output, @@GLOBAL.general_log")) {
                rs.next();
                output = rs.getString(1);
                on = rs.getBoolean(2);
            }
            s.execute("SET GLOBAL general_log = 0");
            s.execute("TRUNCATE TABLE mysql.general_log");
            s.execute("SET GLOBAL log_output = 'TABLE'");
            s.execute("SET GLOBAL general_log = 1");
            return new StatementLog(admin, output, on);
        }
    }

    /** The server's clock now, to bound a stretch of the log. */
    Timestamp now() throws SQLException {
        try (Connection c = admin.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT NOW(6)")) {
            rs.next();
            return rs.getTimestamp(1);
        }
    }

    /**
     * The statements that connections to the benchmark's databases sent between two instants, in order.
     *
     * @param from the start
     * @param to the end
     * @param databasePrefix the prefix of the benchmark's database names
     * @return one line per statement: microseconds since the first one (when the server started it; on a
     *     busy machine too uneven to tell statements sent together from those a round trip apart), command
     *     type and text
     * @throws SQLException if the log cannot be read
     */
    List<String> statements(Timestamp from, Timestamp to, String databasePrefix) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection c = admin.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT event_time, command_type, CONVERT(argument USING utf8mb4) FROM mysql.general_log"
                        + " WHERE event_time >= ? AND event_time <= ? AND thread_id IN (SELECT thread_id FROM"
                        + " mysql.general_log WHERE command_type = 'Connect' AND CONVERT(argument USING utf8mb4)"
                        + " LIKE ?) ORDER BY event_time")) {
            s.setTimestamp(1, from);
            s.setTimestamp(2, to);
            s.setString(3, "% on " + databasePrefix + "%");
            try (ResultSet rs = s.executeQuery()) {
                Instant first = null;
                while (rs.next()) {
                    Instant at = rs.getTimestamp(1).toInstant();
                    first = first == null ? at : first;
                    lines.add(String.format(Locale.ROOT, "%+7d us  %-6s %s", Duration.between(first, at).toNanos() / 1000,
                            rs.getString(2), rs.getString(3)));
                }
            }
        }
        return lines;
    }

    /** Switches the general log back to its previous state and empties the table. */
    @Override
    public void close() throws SQLException {
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET GLOBAL general_log = 0");
            s.execute("TRUNCATE TABLE mysql.general_log");
            s.execute("SET GLOBAL log_output = '" + previousOutput.replace("'", "''") + "'");
            if (previouslyOn) {
                s.execute("SET GLOBAL general_log = 1");
            }
        }
    }
}
