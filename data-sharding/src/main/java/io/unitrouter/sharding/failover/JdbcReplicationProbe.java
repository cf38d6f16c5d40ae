package io.unitrouter.sharding.failover;

import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.failover.spi.ReplicationProbe;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Waits for replication with a heartbeat row: writes a fresh token into {@value #TABLE} on the old owner's
 * primary, then reads the new owner's replica until the token shows, or the timeout passes. Any write the old
 * owner committed before its fence was bumped was committed before the token, so once the replica shows the
 * token it has those writes too (for replication that applies a primary's commits in order, as MySQL,
 * MariaDB and PostgreSQL streaming replication do).
 *
 * <p>After an unplanned loss the old primary does not answer; the probe then checks nothing and says so in
 * the log: whatever the lost primary had not shipped is lost unless replication was synchronous.
 *
 * <p>Each database needs the table ({@link #CREATE_TABLE_SQL}; {@link #createTables()} runs it on the
 * primaries, and replication carries it to the replicas). Thread-safe.
 */
public final class JdbcReplicationProbe implements ReplicationProbe {

    /** The heartbeat table's name. */
    public static final String TABLE = "unit_replication_heartbeat";

    /** The heartbeat table, in SQL that H2, MySQL, MariaDB and PostgreSQL accept. */
    public static final String CREATE_TABLE_SQL = "CREATE TABLE IF NOT EXISTS " + TABLE + " ("
            + "probe_id VARCHAR(160) NOT NULL PRIMARY KEY, "
            + "token VARCHAR(64) NOT NULL, "
            + "written_at BIGINT NOT NULL)";

    private static final System.Logger LOG = System.getLogger(JdbcReplicationProbe.class.getName());

    private final Map<String, DataSource> primaries;
    private final Map<String, DataSource> replicas;
    private final Duration pollInterval;

    private JdbcReplicationProbe(Builder builder) {
        this.primaries = Map.copyOf(builder.primaries);
        this.replicas = Map.copyOf(builder.replicas);
        this.pollInterval = builder.pollInterval;
    }

    /** A builder; name the primary of each cell that can lose shards and the replica each cell takes over. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates the heartbeat table on every primary that lacks it.
     *
     * @throws UnitRouterException naming the cell whose primary failed
     */
    public void createTables() {
        primaries.forEach((cell, dataSource) -> {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute(CREATE_TABLE_SQL);
                if (!c.getAutoCommit()) {
                    c.commit();
                }
            } catch (SQLException e) {
                throw new UnitRouterException("cannot create " + TABLE + " on the primary of " + cell + ": "
                        + e.getMessage(), Map.of("cell", cell), e);
            }
        });
    }

    @Override
    public void awaitCatchUp(CatchUp request) {
        String probeId = request.fromCell() + "->" + request.toCell();
        if (!request.sourceAlive()) {
            LOG.log(Level.WARNING, () -> "replication probe " + probeId + ": " + request.fromCell() + " was lost, so"
                    + " its primary is not asked; writes it had not shipped to " + request.toCell() + " are lost unless"
                    + " replication was synchronous");
            return;
        }
        DataSource primary = require(primaries, request.fromCell(), "primary");
        DataSource replica = require(replicas, request.toCell(), "replica");
        String token = UUID.randomUUID().toString();
        write(primary, probeId, token, request.fromCell());
        long deadline = System.nanoTime() + request.timeout().toNanos();
        String seen = null;
        while (System.nanoTime() < deadline) {
            seen = read(replica, probeId, request.toCell());
            if (token.equals(seen)) {
                return;
            }
            pause();
        }
        throw new UnitRouterException("the replica of " + request.toCell() + " has not shown the heartbeat written on"
                + " the primary of " + request.fromCell() + " after " + request.timeout().toMillis() + " ms (it shows "
                + (seen == null ? "no heartbeat" : "an older one") + "); replication is behind or broken",
                Map.of("from", request.fromCell(), "to", request.toCell()), null);
    }

    private static DataSource require(Map<String, DataSource> dataSources, String cell, String what) {
        DataSource dataSource = dataSources.get(cell);
        if (dataSource == null) {
            throw new UnitRouterException("the replication probe has no " + what + " for cell " + cell + "; known: "
                    + dataSources.keySet(), Map.of("cell", cell), null);
        }
        return dataSource;
    }

    private static void write(DataSource primary, String probeId, String token, String cell) {
        try (Connection c = primary.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement update = c.prepareStatement("UPDATE " + TABLE
                    + " SET token = ?, written_at = ? WHERE probe_id = ?")) {
                update.setString(1, token);
                update.setLong(2, System.currentTimeMillis());
                update.setString(3, probeId);
                if (update.executeUpdate() > 0) {
                    return;
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + TABLE
                    + " (probe_id, token, written_at) VALUES (?, ?, ?)")) {
                insert.setString(1, probeId);
                insert.setString(2, token);
                insert.setLong(3, System.currentTimeMillis());
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new UnitRouterException("cannot write the replication heartbeat on the primary of " + cell + ": "
                    + e.getMessage(), Map.of("cell", cell), e);
        }
    }

    private static String read(DataSource replica, String probeId, String cell) {
        try (Connection c = replica.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT token FROM " + TABLE + " WHERE probe_id = ?")) {
            s.setString(1, probeId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new UnitRouterException("cannot read the replication heartbeat on the replica of " + cell + ": "
                    + e.getMessage(), Map.of("cell", cell), e);
        }
    }

    private void pause() {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnitRouterException("interrupted while waiting for replication", e);
        }
    }

    /**
     * Options of a {@link JdbcReplicationProbe}.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {

        private final Map<String, DataSource> primaries = new LinkedHashMap<>();
        private final Map<String, DataSource> replicas = new LinkedHashMap<>();
        private Duration pollInterval = Duration.ofMillis(20);

        private Builder() {
        }

        /** Where a cell writes its shards: the heartbeat goes there when the cell loses shards. */
        public Builder primary(String cell, DataSource dataSource) {
            primaries.put(Objects.requireNonNull(cell, "cell"), Objects.requireNonNull(dataSource, "dataSource"));
            return this;
        }

        /** The replica a cell will write once it takes shards over: the heartbeat is read there. */
        public Builder replica(String cell, DataSource dataSource) {
            replicas.put(Objects.requireNonNull(cell, "cell"), Objects.requireNonNull(dataSource, "dataSource"));
            return this;
        }

        /**
         * How often the replica is read.
         *
         * @param interval 1 ms to 10 s; default 20 ms
         */
        public Builder pollInterval(Duration interval) {
            if (interval == null || interval.toMillis() < 1 || interval.compareTo(Duration.ofSeconds(10)) > 0) {
                throw new IllegalArgumentException("pollInterval must be 1ms..10s, was " + interval);
            }
            this.pollInterval = interval;
            return this;
        }

        /** Builds the probe. */
        public JdbcReplicationProbe build() {
            return new JdbcReplicationProbe(this);
        }
    }
}
