package io.unitrouter.sharding.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.unitrouter.core.ShardRange;
import io.unitrouter.core.failover.spi.ReplicationProbe;
import io.unitrouter.sharding.support.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The probe against two H2 databases, a primary of rz01 and a replica that rz02 will write, with a
 * "replication" thread that copies the heartbeat table from one to the other when the test lets it.
 */
class JdbcReplicationProbeTest {

    private HikariDataSource primary;
    private HikariDataSource replica;
    private final ScheduledExecutorService replication = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void create() throws SQLException {
        String suffix = Long.toHexString(System.nanoTime());
        primary = TestDatabase.H2.pool("probe_primary_" + suffix, 2);
        replica = TestDatabase.H2.pool("probe_replica_" + suffix, 2);
        for (HikariDataSource db : List.of(primary, replica)) {
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                s.execute(JdbcReplicationProbe.CREATE_TABLE_SQL);
            }
        }
    }

    @AfterEach
    void close() {
        replication.shutdownNow();
        primary.close();
        replica.close();
    }

    private JdbcReplicationProbe probe() {
        return JdbcReplicationProbe.builder().primary("rz01", primary).replica("rz02", replica)
                .pollInterval(Duration.ofMillis(5)).build();
    }

    private static ReplicationProbe.CatchUp request(boolean sourceAlive, Duration timeout) {
        return new ReplicationProbe.CatchUp("rz01", "rz02", List.of(ShardRange.of(0, 19)), sourceAlive, timeout);
    }

    /** Copies the heartbeat rows from the primary to the replica, as replication would. */
    private void replicate() {
        try (Connection from = primary.getConnection(); Connection to = replica.getConnection();
                Statement read = from.createStatement(); Statement write = to.createStatement();
                ResultSet rows = read.executeQuery("SELECT probe_id, token, written_at FROM "
                        + JdbcReplicationProbe.TABLE)) {
            write.execute("DELETE FROM " + JdbcReplicationProbe.TABLE);
            while (rows.next()) {
                write.execute("INSERT INTO " + JdbcReplicationProbe.TABLE + " VALUES ('" + rows.getString(1) + "', '"
                        + rows.getString(2) + "', " + rows.getLong(3) + ")");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void returnsOnceTheReplicaShowsTheHeartbeatWrittenOnThePrimary() {
        replication.scheduleAtFixedRate(this::replicate, 100, 20, TimeUnit.MILLISECONDS);

        probe().awaitCatchUp(request(true, Duration.ofSeconds(30)));

        assertThat(token(primary)).isNotNull().isEqualTo(token(replica));
    }

    @Test
    void aReplicaThatDoesNotCatchUpFailsAfterTheTimeoutSayingSo() {
        assertThatThrownBy(() -> probe().awaitCatchUp(request(true, Duration.ofMillis(200))))
                .hasMessage("the replica of rz02 has not shown the heartbeat written on the primary of rz01 after 200 ms"
                        + " (it shows no heartbeat); replication is behind or broken");
    }

    @Test
    void anOlderHeartbeatOnTheReplicaDoesNotCount() throws InterruptedException {
        replication.scheduleAtFixedRate(this::replicate, 0, 20, TimeUnit.MILLISECONDS);
        probe().awaitCatchUp(request(true, Duration.ofSeconds(30)));
        replication.shutdownNow();
        assertThat(replication.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        String older = token(replica);

        assertThatThrownBy(() -> probe().awaitCatchUp(request(true, Duration.ofMillis(200))))
                .hasMessageContaining("(it shows an older one)");
        assertThat(token(replica)).isEqualTo(older);
    }

    @Test
    void afterALossThePrimaryIsNotAsked() {
        primary.close();

        probe().awaitCatchUp(request(false, Duration.ofSeconds(1)));

        assertThat(token(replica)).isNull();
    }

    private static String token(HikariDataSource db) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT token FROM " + JdbcReplicationProbe.TABLE)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
