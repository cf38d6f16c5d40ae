package io.unitrouter.sharding.failover;

import com.zaxxer.hikari.HikariDataSource;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.store.FileRuleStore;
import io.unitrouter.sharding.ShardAccessRefusedException;
import io.unitrouter.sharding.UnitShardingDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;

/**
 * One instance of a cell in the simulation: its own file rule store on the shared rule file, its own router,
 * and its own guarded, fenced data source over the shared physical databases. A write adds one to the
 * shard's account (whose balance is then the shard's write sequence) and records an audit row, in one
 * transaction.
 */
final class SimulatedInstance implements AutoCloseable {

    /** How a write ended. */
    enum Outcome { COMMITTED, REFUSED, FENCED, DOWN, ERROR }

    /**
     * The result of one write.
     *
     * @param outcome how it ended
     * @param seq the shard's sequence number of the write, when committed
     * @param problem the refusal or error, otherwise
     */
    record Result(Outcome outcome, long seq, String problem) {
    }

    private final String cell;
    private final String id;
    private final FileRuleStore store;
    private final UnitRouter router;
    private final UnitShardingDataSource dataSource;
    private volatile boolean alive = true;

    /**
     * @param heartbeat the router's heartbeat; zero for an instance that will be cut off from the rule store,
     *     whose reports then go stale as they would when it cannot reach the store
     */
    SimulatedInstance(String cell, String id, Path rules, Map<String, DataSource> databases, Duration heartbeat) {
        this.cell = cell;
        this.id = id;
        this.store = FileRuleStore.builder(rules).pollInterval(Duration.ofMillis(50)).build();
        this.router = UnitRouter.builder().ruleStore(store).localCell(cell).instanceId(id).heartbeat(heartbeat)
                .build();
        databases.values().forEach(d -> ((HikariDataSource) d).setMaximumPoolSize(2));
        this.dataSource = UnitShardingDataSource.builder().router(router).dataSources(databases).tablesPerDatabase(5)
                .table("t_account", "user_id").table("t_audit", "user_id").fence(true).build();
    }

    String cell() {
        return cell;
    }

    String id() {
        return id;
    }

    boolean alive() {
        return alive;
    }

    UnitRouter router() {
        return router;
    }

    /** The epoch this instance has applied. */
    long epoch() {
        return router.table().epoch();
    }

    /**
     * One write to a shard's account, with its audit row, in one transaction.
     *
     * @param shard the shard; its account is the user id {@code shard}
     * @param writeId unique per write
     */
    Result write(int shard, long writeId) {
        if (!alive) {
            return new Result(Outcome.DOWN, -1, id + " is down");
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long before = router.table().epoch();
                try (PreparedStatement update = c.prepareStatement(
                        "UPDATE t_account SET balance = balance + 1, writer = ? WHERE user_id = ?")) {
                    update.setString(1, cell);
                    update.setLong(2, shard);
                    if (update.executeUpdate() != 1) {
                        throw new IllegalStateException("the account of shard " + shard + " is missing");
                    }
                }
                long seq;
                try (PreparedStatement select = c.prepareStatement("SELECT balance FROM t_account WHERE user_id = ?")) {
                    select.setLong(1, shard);
                    try (ResultSet rs = select.executeQuery()) {
                        rs.next();
                        seq = rs.getLong(1);
                    }
                }
                long after = router.table().epoch();
                try (PreparedStatement audit = c.prepareStatement("INSERT INTO t_audit (write_id, user_id, shard, cell,"
                        + " instance_id, epoch_before, epoch_after, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    audit.setLong(1, writeId);
                    audit.setLong(2, shard);
                    audit.setInt(3, shard);
                    audit.setString(4, cell);
                    audit.setString(5, id);
                    audit.setLong(6, before);
                    audit.setLong(7, after);
                    audit.setLong(8, seq);
                    audit.executeUpdate();
                }
                c.commit();
                return new Result(Outcome.COMMITTED, seq, null);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            ShardAccessRefusedException refusal = ShardAccessRefusedException.find(e).orElse(null);
            if (refusal != null) {
                return new Result(ShardAccessRefusedException.SQLSTATE_FENCE.equals(refusal.sqlState())
                        ? Outcome.FENCED : Outcome.REFUSED, -1, refusal.getMessage());
            }
            return new Result(alive ? Outcome.ERROR : Outcome.DOWN, -1, id + ": " + e);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // The write's own failure is what the caller reports.
        }
    }

    /** Stops hearing about rule changes, as an instance cut off from the rule store; it keeps writing. */
    void cutOff() {
        store.close();
    }

    /** The instance dies: no more writes, no more reports. */
    @Override
    public void close() {
        alive = false;
        dataSource.close();
        router.close();
        store.close();
    }
}
