package io.unitrouter.benchmarks.data;

import com.zaxxer.hikari.HikariDataSource;
import io.unitrouter.benchmarks.BenchmarkRules;
import io.unitrouter.core.UnitRouter;
import io.unitrouter.sharding.Fences;
import io.unitrouter.sharding.ShardLayout;
import io.unitrouter.sharding.UnitShardingDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Point INSERT and point SELECT by key through five data paths, against the same kind of database:
 *
 * <ul>
 *   <li>{@code jdbc}: raw JDBC on a HikariCP pool per physical database; the caller computes the physical
 *       table itself (the floor: what the statement costs with no middleware at all);</li>
 *   <li>{@code shardingsphere}: plain ShardingSphere-JDBC with its own {@code INLINE} algorithms
 *       ({@link PlainShardingSphere}), no unit-router;</li>
 *   <li>{@code unit-router}: {@link UnitShardingDataSource} with the guard off: the {@code UNIT_ROUTER}
 *       algorithm alone;</li>
 *   <li>{@code guard}: the same with the write guard on (the default set-up);</li>
 *   <li>{@code guard-fence}: the write guard and the database fence.</li>
 * </ul>
 *
 * <p>Layout: 100 shards ({@code user_id mod 100}) over 2 databases x 5 tables, the reference three-cities
 * rules, this instance in {@code rz01} (shards 0-19). Every operation is what a {@code JdbcTemplate} call
 * does: borrow a connection, prepare, execute in auto-commit mode (or, for {@link #insertInTransaction}, in a
 * transaction of its own), close. Inserts write new rows of shards
 * {@code rz01} owns (on H2, removed again between iterations); selects read one of 10,000 rows written before
 * the measurement.
 *
 * <p>Each (database, path) pair is a trial of its own, in its own JVM, on freshly created databases. Compare
 * paths within one run: the ratio is the figure, the absolute time depends on the machine and the disk.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Thread)
public class DataLayerBenchmark {

    private static final ShardLayout LAYOUT = ShardLayout.of(2, 5);
    private static final int ROWS = 10_000;
    private static final long SELECT_BASE = 2_088_000_000_000L;
    private static final long INSERT_BASE = 2_089_000_000_000L;

    /** The database kind: {@code h2} (in memory) or {@code mariadb}. */
    @Param({"h2", "mariadb"})
    public String database;

    /** The data path: {@code jdbc}, {@code shardingsphere}, {@code unit-router}, {@code guard}, {@code guard-fence}. */
    @Param({"jdbc", "shardingsphere", "unit-router", "guard", "guard-fence"})
    public String path;

    private final List<HikariDataSource> pools = new ArrayList<>();
    private BenchmarkDatabase kind;
    private UnitRouter router;
    private AutoCloseable closeable;
    private DataSource dataSource;
    private boolean raw;
    private String[] rawInserts;
    private String[] rawSelects;
    private long inserted;
    private int selected;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        kind = switch (database) {
            case "h2" -> BenchmarkDatabase.H2;
            case "mariadb" -> BenchmarkDatabase.MARIADB;
            default -> throw new IllegalArgumentException("unknown database '" + database + "'; use h2 or mariadb");
        };
        Map<String, DataSource> physical = new LinkedHashMap<>();
        for (int d = 0; d < LAYOUT.databases(); d++) {
            HikariDataSource pool = kind.create("ur_bench_" + d, LAYOUT.tablesPerDatabase());
            pools.add(pool);
            physical.put("ds_" + d, pool);
        }
        router = UnitRouter.builder().rules(BenchmarkRules.document()).localCell("rz01").build();
        Fences.of(physical, LAYOUT, 100).initialize(router.table());
        populate();
        raw = path.equals("jdbc");
        if (raw) {
            rawInserts = new String[LAYOUT.groups()];
            rawSelects = new String[LAYOUT.groups()];
            for (int group = 0; group < LAYOUT.groups(); group++) {
                String table = LAYOUT.physicalTable("t_account", LAYOUT.tableOf(group));
                rawInserts[group] = "INSERT INTO " + table + " (user_id, balance, writer) VALUES (?, ?, ?)";
                rawSelects[group] = "SELECT balance FROM " + table + " WHERE user_id = ?";
            }
            return;
        }
        DataSource built = switch (path) {
            case "shardingsphere" -> PlainShardingSphere.create(physical, LAYOUT);
            case "unit-router" -> unitRouter(physical).writeGuard(false).build();
            case "guard" -> unitRouter(physical).build();
            case "guard-fence" -> unitRouter(physical).fence(true).build();
            default -> throw new IllegalArgumentException("unknown path '" + path
                    + "'; use jdbc, shardingsphere, unit-router, guard or guard-fence");
        };
        dataSource = built;
        closeable = (AutoCloseable) built;
    }

    private UnitShardingDataSource.Builder unitRouter(Map<String, DataSource> physical) {
        return UnitShardingDataSource.builder().router(router).dataSources(physical)
                .tablesPerDatabase(LAYOUT.tablesPerDatabase()).table("t_account", "user_id");
    }

    /** Writes the rows the selects read, straight into their physical tables. */
    private void populate() throws SQLException {
        for (int group = 0; group < LAYOUT.groups(); group++) {
            try (Connection c = pools.get(LAYOUT.databaseOf(group)).getConnection();
                    PreparedStatement s = c.prepareStatement("INSERT INTO "
                            + LAYOUT.physicalTable("t_account", LAYOUT.tableOf(group))
                            + " (user_id, balance, writer) VALUES (?, 100, 'setup')")) {
                c.setAutoCommit(false);
                for (int i = 0; i < ROWS; i++) {
                    long key = selectKey(i);
                    if (groupOf(key) == group) {
                        s.setLong(1, key);
                        s.addBatch();
                    }
                }
                s.executeBatch();
                c.commit();
            }
        }
    }

    /**
     * Empties the tables between iterations (outside the measured time) and writes the rows the selects read
     * again, on H2 only: an in-memory database would otherwise fill the heap within a trial, and the
     * measurement would become one of the garbage collector. MariaDB keeps the rows: they are on disk, and
     * deleting them would start InnoDB's purge in the background of the next iteration.
     */
    @Setup(Level.Iteration)
    public void emptyInMemoryTables() throws SQLException {
        if (kind != BenchmarkDatabase.H2) {
            return;
        }
        for (int group = 0; group < LAYOUT.groups(); group++) {
            try (Connection c = pools.get(LAYOUT.databaseOf(group)).getConnection();
                    Statement s = c.createStatement()) {
                s.execute("TRUNCATE TABLE " + LAYOUT.physicalTable("t_account", LAYOUT.tableOf(group)));
            }
        }
        populate();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (closeable != null) {
            closeable.close();
        }
        pools.forEach(HikariDataSource::close);
        router.close();
        for (int d = 0; d < LAYOUT.databases(); d++) {
            kind.drop("ur_bench_" + d);
        }
    }

    /** A key of a shard rz01 owns (0-19), never inserted before in this trial (deleted rows included). */
    private long nextInsertKey() {
        long n = inserted++;
        return INSERT_BASE + n * 100 + n % 20;
    }

    /** The i-th of the rows written in set-up: every shard of rz01 in turn. */
    private static long selectKey(int i) {
        return SELECT_BASE + (long) i * 100 + i % 20;
    }

    private static int groupOf(long key) {
        return (int) (key % 100) / LAYOUT.shardsPerGroup(100);
    }

    /** INSERT of one new row by key, auto-commit. */
    @Benchmark
    public int insert() throws SQLException {
        long key = nextInsertKey();
        DataSource target = raw ? pools.get(LAYOUT.databaseOf(groupOf(key))) : dataSource;
        String sql = raw ? rawInserts[groupOf(key)] : "INSERT INTO t_account (user_id, balance, writer) VALUES (?, ?, ?)";
        try (Connection c = target.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, key);
            s.setLong(2, 100);
            s.setString(3, "bench");
            return s.executeUpdate();
        }
    }

    /**
     * INSERT of one new row by key inside an explicit transaction, as an application's {@code @Transactional}
     * method makes it: auto-commit off, write, commit. The fence then adds its locking read to the
     * application's transaction instead of opening one of its own.
     */
    @Benchmark
    public int insertInTransaction() throws SQLException {
        long key = nextInsertKey();
        DataSource target = raw ? pools.get(LAYOUT.databaseOf(groupOf(key))) : dataSource;
        String sql = raw ? rawInserts[groupOf(key)] : "INSERT INTO t_account (user_id, balance, writer) VALUES (?, ?, ?)";
        try (Connection c = target.getConnection()) {
            c.setAutoCommit(false);
            int rows;
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setLong(1, key);
                s.setLong(2, 100);
                s.setString(3, "bench");
                rows = s.executeUpdate();
            }
            c.commit();
            return rows;
        }
    }

    /** SELECT of one existing row by key. */
    @Benchmark
    public long selectByKey() throws SQLException {
        long key = selectKey(selected++ % ROWS);
        DataSource target = raw ? pools.get(LAYOUT.databaseOf(groupOf(key))) : dataSource;
        String sql = raw ? rawSelects[groupOf(key)] : "SELECT balance FROM t_account WHERE user_id = ?";
        try (Connection c = target.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, key);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("row " + key + " is missing");
                }
                return rs.getLong(1);
            }
        }
    }
}
