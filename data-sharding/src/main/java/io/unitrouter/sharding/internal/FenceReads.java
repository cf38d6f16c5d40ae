package io.unitrouter.sharding.internal;

import io.unitrouter.sharding.FenceRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The locking reads of fence rows on one physical connection. Where the driver pipelines batches
 * ({@link FencedDataSource#pipelinesBatches}), the reads of every group, and a statement that must run just
 * before them (the one that begins the transaction), go to the database as one batch: one round trip
 * however many there are. Elsewhere each group is read with a prepared statement of its own.
 *
 * <p>Not thread-safe, like the connection it reads on.
 */
final class FenceReads implements AutoCloseable {

    private final Connection raw;
    private final FenceDialect dialect;
    private final boolean pipelined;
    private PreparedStatement single;
    private Statement batch;

    FenceReads(Connection raw, FenceDialect dialect, boolean pipelined) {
        this.raw = raw;
        this.dialect = dialect;
        this.pipelined = pipelined;
    }

    /** Whether {@link #read} can send a statement in front of the reads in the same round trip. */
    boolean pipelined() {
        return pipelined;
    }

    /**
     * Reads the fence rows of some groups with their row lock.
     *
     * @param groups the shard groups, at least one
     * @param first a statement to run just before the reads, or {@code null}; only when {@link #pipelined()}
     * @return the row of each group, in order; {@code null} where a group has none
     * @throws SQLException if a statement fails; the reads before it may have taken their locks
     */
    FenceRow[] read(int[] groups, String first) throws SQLException {
        if (first != null && !pipelined) {
            throw new IllegalStateException("this driver sends every statement on its own");
        }
        FenceRow[] rows = new FenceRow[groups.length];
        if (!pipelined) {
            if (single == null) {
                single = raw.prepareStatement(dialect.lockQuery());
            }
            for (int i = 0; i < groups.length; i++) {
                single.setString(1, Integer.toString(groups[i]));
                try (ResultSet rs = single.executeQuery()) {
                    rows[i] = row(groups[i], rs);
                }
            }
            return rows;
        }
        if (batch == null) {
            batch = raw.createStatement();
        }
        if (first != null) {
            batch.addBatch(first);
        }
        for (int group : groups) {
            batch.addBatch(dialect.lockQuery(group));
        }
        try {
            batch.executeBatch();
            // The batch's results: the first statement's update count when there is one, then one result set
            // per read, in order.
            for (int i = 0; i < groups.length; i++) {
                if (i > 0 || first != null) {
                    batch.getMoreResults();
                }
                try (ResultSet rs = batch.getResultSet()) {
                    if (rs == null) {
                        throw new SQLException("the locking read of the fence of shard group " + groups[i]
                                + " returned no result set", "UR000");
                    }
                    rows[i] = row(groups[i], rs);
                }
            }
        } finally {
            batch.clearBatch();
        }
        return rows;
    }

    private static FenceRow row(int group, ResultSet rs) throws SQLException {
        return rs.next() ? new FenceRow(group, rs.getString(1), rs.getLong(2)) : null;
    }

    /** Closes the statements; the connection is closing and takes them with it if this fails. */
    @Override
    public void close() {
        for (Statement statement : new Statement[] {single, batch}) {
            if (statement != null) {
                try {
                    statement.close();
                } catch (SQLException e) {
                    // The connection is closing; its statements go with it.
                }
            }
        }
        single = null;
        batch = null;
    }
}
