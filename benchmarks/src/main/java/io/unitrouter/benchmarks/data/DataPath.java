package io.unitrouter.benchmarks.data;

import com.zaxxer.hikari.HikariDataSource;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.sharding.FenceMode;
import io.unitrouter.sharding.ShardLayout;
import io.unitrouter.sharding.UnitShardingDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * One way for an application to reach the sharded tables, with the three operations the data-layer benchmark
 * times. Each operation is what a {@code JdbcTemplate} call does: borrow a connection, prepare, execute,
 * close.
 *
 * <ul>
 *   <li>{@code jdbc}: raw JDBC on a HikariCP pool per physical database; the caller computes the physical
 *       table itself (the floor: the statement with no middleware at all);</li>
 *   <li>{@code shardingsphere}: plain ShardingSphere-JDBC with its own {@code INLINE} algorithms
 *       ({@link PlainShardingSphere}), no unit-router;</li>
 *   <li>{@code unit-router}: {@link UnitShardingDataSource} with the guard off: the {@code UNIT_ROUTER}
 *       algorithm alone;</li>
 *   <li>{@code guard}: the same with the write guard on (the default set-up);</li>
 *   <li>{@code guard-fence}: the write guard and the database fence ({@link FenceMode#STATEMENT});</li>
 *   <li>{@code guard-fence-trigger}: the write guard and the database fence in {@link FenceMode#TRIGGER}, on
 *       databases of its own whose tables carry the fence triggers (which would refuse the other paths'
 *       writes).</li>
 * </ul>
 *
 * <p>Not thread-safe: one benchmark thread drives it.
 */
final class DataPath implements AutoCloseable {

    /** The paths, in report order. */
    static final List<String> NAMES = List.of("jdbc", "shardingsphere", "unit-router", "guard", "guard-fence",
            "guard-fence-trigger");

    /** The path that needs databases with the fence triggers. */
    static final String TRIGGER_PATH = "guard-fence-trigger";

    private static final String LOGICAL_INSERT = "INSERT INTO t_account (user_id, balance, writer) VALUES (?, ?, ?)";
    private static final String LOGICAL_SELECT = "SELECT balance FROM t_account WHERE user_id = ?";

    private final String name;
    private final ShardLayout layout;
    private final Map<String, HikariDataSource> pools;
    private final DataSource sharded;
    private final String[] rawInserts;
    private final String[] rawSelects;
    private final long insertBase;
    private long inserted;

    private DataPath(String name, ShardLayout layout, Map<String, HikariDataSource> pools, DataSource sharded,
            long insertBase) {
        this.name = name;
        this.layout = layout;
        this.pools = pools;
        this.sharded = sharded;
        this.insertBase = insertBase;
        this.rawInserts = new String[layout.groups()];
        this.rawSelects = new String[layout.groups()];
        for (int group = 0; group < layout.groups(); group++) {
            String table = layout.physicalTable("t_account", layout.tableOf(group));
            rawInserts[group] = "INSERT INTO " + table + " (user_id, balance, writer) VALUES (?, ?, ?)";
            rawSelects[group] = "SELECT balance FROM " + table + " WHERE user_id = ?";
        }
    }

    /**
     * Opens a path over the physical databases, with pools of its own.
     *
     * @param name one of {@link #NAMES}
     * @param kind the database kind
     * @param databases the physical database names, in layout order
     * @param layout the layout
     * @param router the router, local cell {@code rz01}
     * @param insertBase the first key this path inserts; paths get disjoint ranges
     * @return the path
     * @throws Exception if ShardingSphere does not start
     */
    static DataPath open(String name, BenchmarkDatabase kind, List<String> databases, ShardLayout layout,
            UnitRouter router, long insertBase) throws Exception {
        Map<String, HikariDataSource> pools = new LinkedHashMap<>();
        for (int d = 0; d < databases.size(); d++) {
            pools.put("ds_" + d, kind.pool(databases.get(d)));
        }
        Map<String, DataSource> physical = new LinkedHashMap<>(pools);
        DataSource sharded = switch (name) {
            case "jdbc" -> null;
            case "shardingsphere" -> PlainShardingSphere.create(physical, layout);
            case "unit-router" -> unitRouter(physical, layout, router).writeGuard(false).build();
            case "guard" -> unitRouter(physical, layout, router).build();
            case "guard-fence" -> unitRouter(physical, layout, router).fence(true).build();
            case TRIGGER_PATH -> unitRouter(physical, layout, router).fence(true).fenceMode(FenceMode.TRIGGER).build();
            default -> throw new IllegalArgumentException("unknown path '" + name + "'; use one of " + NAMES);
        };
        return new DataPath(name, layout, pools, sharded, insertBase);
    }

    private static UnitShardingDataSource.Builder unitRouter(Map<String, DataSource> physical, ShardLayout layout,
            UnitRouter router) {
        return UnitShardingDataSource.builder().router(router).dataSources(physical)
                .tablesPerDatabase(layout.tablesPerDatabase()).table("t_account", "user_id");
    }

    String name() {
        return name;
    }

    /** A key of a shard rz01 owns (0-19) that this path has not inserted before. */
    private long nextInsertKey() {
        long n = inserted++;
        return insertBase + n * 100 + n % 20;
    }

    private int groupOf(long key) {
        return (int) (key % 100) / layout.shardsPerGroup(100);
    }

    private Connection connection(long key) throws SQLException {
        return sharded != null ? sharded.getConnection()
                : pools.get("ds_" + layout.databaseOf(groupOf(key))).getConnection();
    }

    /** INSERT of one new row, auto-commit. */
    int insert() throws SQLException {
        long key = nextInsertKey();
        try (Connection c = connection(key);
                PreparedStatement s = c.prepareStatement(sharded != null ? LOGICAL_INSERT : rawInserts[groupOf(key)])) {
            bindInsert(s, key);
            return s.executeUpdate();
        }
    }

    /**
     * INSERT of one new row in a transaction, as an application's {@code @Transactional} method makes it:
     * auto-commit off, write, commit. The fence then adds its locking read to the application's transaction
     * instead of opening one of its own.
     */
    int insertInTransaction() throws SQLException {
        long key = nextInsertKey();
        try (Connection c = connection(key)) {
            c.setAutoCommit(false);
            int rows;
            try (PreparedStatement s = c.prepareStatement(sharded != null ? LOGICAL_INSERT
                    : rawInserts[groupOf(key)])) {
                bindInsert(s, key);
                rows = s.executeUpdate();
            }
            c.commit();
            return rows;
        }
    }

    private static void bindInsert(PreparedStatement s, long key) throws SQLException {
        s.setLong(1, key);
        s.setLong(2, 100);
        s.setString(3, "bench");
    }

    /** SELECT of one existing row by key. */
    long select(long key) throws SQLException {
        try (Connection c = connection(key);
                PreparedStatement s = c.prepareStatement(sharded != null ? LOGICAL_SELECT : rawSelects[groupOf(key)])) {
            s.setLong(1, key);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("row " + key + " is missing (" + name + ")");
                }
                return rs.getLong(1);
            }
        }
    }

    @Override
    public void close() throws Exception {
        if (sharded instanceof AutoCloseable closeable) {
            closeable.close();
        }
        pools.values().forEach(HikariDataSource::close);
    }
}
