package io.unitrouter.benchmarks.failover;

import com.zaxxer.hikari.HikariDataSource;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.store.FileRuleStore;
import io.unitrouter.sharding.ShardAccessRefusedException;
import io.unitrouter.sharding.UnitShardingDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * One instance of a cell as a service runs it: a file rule store on the shared rule file with the library's
 * defaults, a router with the default heartbeat, and (optionally) a guarded, fenced data source over the
 * shared physical databases. {@link #close()} is the instance dying.
 */
final class BenchInstance implements AutoCloseable {

    /** How a write ended. */
    enum Write { COMMITTED, REFUSED, DOWN }

    private final String cell;
    private final FileRuleStore store;
    private final UnitRouter router;
    private final UnitShardingDataSource dataSource;
    private volatile boolean alive = true;

    BenchInstance(String cell, String id, Path rules, List<String> databaseUrls) {
        this.cell = cell;
        this.store = FileRuleStore.open(rules);
        this.router = UnitRouter.builder().ruleStore(store).localCell(cell).instanceId(id).build();
        if (databaseUrls.isEmpty()) {
            this.dataSource = null;
        } else {
            Map<String, DataSource> pools = new LinkedHashMap<>();
            for (int d = 0; d < databaseUrls.size(); d++) {
                HikariDataSource pool = new HikariDataSource();
                pool.setJdbcUrl(databaseUrls.get(d));
                pool.setUsername("sa");
                pool.setMaximumPoolSize(2);
                pools.put("ds_" + d, pool);
            }
            this.dataSource = UnitShardingDataSource.builder().router(router).dataSources(pools)
                    .tablesPerDatabase(FailoverTimings.LAYOUT.tablesPerDatabase()).table("t_account", "user_id")
                    .fence(true).build();
        }
    }

    String cell() {
        return cell;
    }

    boolean alive() {
        return alive;
    }

    /** Adds one to the shard's account, in auto-commit mode (the fence then checks it in its own transaction). */
    Write write(int shard) {
        if (!alive) {
            return Write.DOWN;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement("UPDATE t_account SET balance = balance + 1 WHERE"
                        + " user_id = ?")) {
            update.setLong(1, shard);
            update.executeUpdate();
            return Write.COMMITTED;
        } catch (SQLException | RuntimeException e) {
            if (ShardAccessRefusedException.find(e).isPresent()) {
                return Write.REFUSED;
            }
            if (!alive) {
                return Write.DOWN;
            }
            throw new IllegalStateException("write to shard " + shard + " in " + cell + " failed: " + e, e);
        }
    }

    @Override
    public void close() {
        alive = false;
        if (dataSource != null) {
            dataSource.close();
        }
        router.close();
        store.close();
    }
}
