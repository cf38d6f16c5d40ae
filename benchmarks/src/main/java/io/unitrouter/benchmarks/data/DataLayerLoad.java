package io.unitrouter.benchmarks.data;

import io.unitrouter.benchmarks.BenchmarkOptions;
import com.zaxxer.hikari.HikariDataSource;
import io.unitrouter.benchmarks.BenchmarkRules;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.sharding.FenceTriggers;
import io.unitrouter.sharding.Fences;
import io.unitrouter.sharding.ShardLayout;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;

/**
 * Point INSERT and SELECT by key through the {@link DataPath}s, on H2 and on MariaDB, timed in
 * interleaved rounds so that the paths are compared under the same conditions.
 *
 * <p>Per database: the physical databases are created once (2 databases x 5 tables of {@code t_account}, plus
 * {@code unit_fence}), 10,000 rows are written for the selects, and every path opens its own pools on them;
 * {@code guard-fence-trigger} gets databases of its own ({@code ur_bench_trigger_0} and {@code _1}), made the
 * same way and given the fence triggers.
 * Every path then runs every operation for the warm-up time. Then, in each round, every operation runs on
 * every path for a fixed time, in an order that rotates from round to round. Per round and operation, each
 * path's time per operation is divided into that of {@code jdbc} and of {@code shardingsphere} in the same
 * round; the report gives the median and quartiles of those paired ratios, which cancels most of the drift a
 * shared machine adds between one minute and the next. It also gives the benchmark thread's CPU time per
 * operation, the client's own work, which depends far less on what else the machine is doing.
 *
 * <p>Layout and rules: 100 shards ({@code user_id mod 100}) over 2 databases x 5 tables, the reference
 * three-cities rules, this instance in {@code rz01} (shards 0-19). Inserts write new rows of shards
 * {@code rz01} owns; on H2 the tables are emptied (and the select rows written again) before every round,
 * outside the timed phases, so that the in-memory database does not fill the heap.
 *
 * <p>On MariaDB, after the timed rounds, {@link StatementLog} records from the server's general log the
 * statements that a few writes of {@code shardingsphere}, {@code guard-fence} and (when it is among the paths)
 * {@code guard-fence-trigger} send, and the report lists
 * them after the table.
 *
 * <p>Options ({@code --name=value}): {@code databases} (default {@code h2,mariadb}), {@code rounds} (default
 * 7), {@code seconds} per phase (default 1), {@code warmup} seconds per path and operation (default 6),
 * {@code logged} writes per path and operation whose statements are listed (default 2; 0 leaves the general
 * log alone), {@code paths} (default all of {@link DataPath#NAMES}; fewer paths make shorter rounds, whose
 * ratios a busy machine disturbs less; {@code shardingsphere} must be among them), {@code out} (default {@code benchmarks/target/data-layer.md}). MariaDB connection:
 * see {@link BenchmarkDatabase}.
 */
public final class DataLayerLoad {

    private static final ShardLayout LAYOUT = ShardLayout.of(2, 5);
    private static final List<String> DATABASES = List.of("ur_bench_0", "ur_bench_1");
    /** The databases of the trigger path, whose fence triggers would refuse the other paths' writes. */
    private static final List<String> TRIGGER_DATABASES = List.of("ur_bench_trigger_0", "ur_bench_trigger_1");
    private static final int ROWS = 10_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long SELECT_BASE = 2_088_000_000_000L;
    private static final long INSERT_BASE = 2_089_000_000_000L;
    /** Keys each path may insert before its range meets the next path's: 10^8 rows. */
    private static final long PATH_KEY_RANGE = 10_000_000_000L;

    /** The timed operations. */
    private enum Operation {
        INSERT("insert"), INSERT_IN_TRANSACTION("insertInTransaction"), SELECT("selectByKey");

        final String label;

        Operation(String label) {
            this.label = label;
        }
    }

    private final List<String> databases;
    private final int rounds;
    private final long phaseNanos;
    private final long warmupNanos;
    private final Path out;
    private final int logged;
    private final List<String> pathNames;
    private final StringBuilder statementLists = new StringBuilder();
    private int selected;

    private DataLayerLoad(Map<String, String> options) {
        this.databases = List.of(options.getOrDefault("databases", "h2,mariadb").split(","));
        this.rounds = Integer.parseInt(options.getOrDefault("rounds", "7"));
        this.phaseNanos = TimeUnit.MILLISECONDS.toNanos(
                (long) (Double.parseDouble(options.getOrDefault("seconds", "1")) * 1000));
        this.warmupNanos = TimeUnit.MILLISECONDS.toNanos(
                (long) (Double.parseDouble(options.getOrDefault("warmup", "6")) * 1000));
        this.out = Path.of(options.getOrDefault("out", "benchmarks/target/data-layer.md"));
        this.logged = Integer.parseInt(options.getOrDefault("logged", "2"));
        this.pathNames = List.of(options.getOrDefault("paths", String.join(",", DataPath.NAMES)).split(","));
        if (!DataPath.NAMES.containsAll(pathNames) || !pathNames.contains("shardingsphere")) {
            throw new IllegalArgumentException("paths '" + String.join(",", pathNames) + "' must be some of "
                    + DataPath.NAMES + ", shardingsphere (the baseline) among them");
        }
    }

    /**
     * Runs the benchmark and prints the report.
     *
     * @param args {@code --databases=h2,mariadb --rounds=N --seconds=S --warmup=S --out=FILE}
     * @throws Exception if a database cannot be set up or a statement fails
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchmarkOptions.parse(args);
        new DataLayerLoad(options).run();
    }

    private void run() throws Exception {
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "Data layer: %d rounds of %.1f s per operation and path, %.1f s"
                + " warm-up each; %s %s, %d CPUs%n%n", rounds, phaseNanos / 1e9, warmupNanos / 1e9,
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors()));
        report.append("| database | operation | path | us/op (median) | p50 | p99 | client CPU us/op (median) | vs raw"
                + " JDBC | vs plain ShardingSphere | quartiles of vs plain |\n");
        report.append("|---|---|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (String database : databases) {
            report.append(measure(switch (database.trim()) {
                case "h2" -> BenchmarkDatabase.H2;
                case "mariadb" -> BenchmarkDatabase.MARIADB;
                default -> throw new IllegalArgumentException("unknown database '" + database + "'; use h2 or"
                        + " mariadb");
            }, database.trim()));
        }
        report.append("\nRatios are throughput ratios (baseline time / path time), the median over the rounds of"
                + " the ratio within each round: 1.00 is as fast as the baseline; the quartiles are those of the"
                + " per-round ratios. Client CPU is the benchmark thread's own CPU time per operation (driver,"
                + " ShardingSphere, unit-router), not the database's.\n");
        report.append(statementLists);
        System.out.println();
        System.out.println(report);
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        Files.writeString(out, report);
        System.out.println("report written to " + out.toAbsolutePath());
    }

    private String measure(BenchmarkDatabase kind, String label) throws Exception {
        List<HikariDataSource> admin = new ArrayList<>();
        List<HikariDataSource> triggerAdmin = new ArrayList<>();
        List<DataPath> paths = new ArrayList<>();
        try (UnitRouter router = UnitRouter.builder().rules(BenchmarkRules.document()).localCell("rz01").build()) {
            Map<String, DataSource> physical = new LinkedHashMap<>();
            for (int d = 0; d < DATABASES.size(); d++) {
                HikariDataSource pool = kind.create(DATABASES.get(d), LAYOUT.tablesPerDatabase());
                admin.add(pool);
                physical.put("ds_" + d, pool);
            }
            Fences.of(physical, LAYOUT, 100).initialize(router.table());
            populate(admin);
            if (pathNames.contains(DataPath.TRIGGER_PATH)) {
                Map<String, DataSource> triggerPhysical = new LinkedHashMap<>();
                for (int d = 0; d < TRIGGER_DATABASES.size(); d++) {
                    // The set-up writes past the fence triggers with the maintenance claim, as a DBA would.
                    HikariDataSource pool = kind.create(TRIGGER_DATABASES.get(d), LAYOUT.tablesPerDatabase(),
                            kind.maintenanceClaimSql());
                    triggerAdmin.add(pool);
                    triggerPhysical.put("ds_" + d, pool);
                }
                Fences.of(triggerPhysical, LAYOUT, 100).initialize(router.table());
                FenceTriggers.of(triggerPhysical, LAYOUT, List.of("t_account")).create();
                populate(triggerAdmin);
            }
            for (String name : pathNames) {
                paths.add(DataPath.open(name, kind, databasesOf(name), LAYOUT, router,
                        INSERT_BASE + DataPath.NAMES.indexOf(name) * PATH_KEY_RANGE));
            }
            System.out.printf(Locale.ROOT, "%s: warming up %d paths%n", label, paths.size());
            for (DataPath path : paths) {
                for (Operation operation : Operation.values()) {
                    phase(path, operation, warmupNanos, null);
                }
            }
            Map<String, double[]> times = new LinkedHashMap<>();
            Map<String, double[]> cpuTimes = new LinkedHashMap<>();
            Map<String, Histogram> latencies = new LinkedHashMap<>();
            for (int round = 0; round < rounds; round++) {
                if (kind == BenchmarkDatabase.H2) {
                    empty(admin);
                    populate(admin);
                    if (!triggerAdmin.isEmpty()) {
                        empty(triggerAdmin);
                        populate(triggerAdmin);
                    }
                }
                for (Operation operation : Operation.values()) {
                    for (int i = 0; i < paths.size(); i++) {
                        DataPath path = paths.get((i + round) % paths.size());
                        String key = operation.label + "/" + path.name();
                        Histogram histogram = latencies.computeIfAbsent(key,
                                k -> new Histogram(TimeUnit.SECONDS.toNanos(10), 3));
                        Phase phase = phase(path, operation, phaseNanos, histogram);
                        times.computeIfAbsent(key, k -> new double[rounds])[round] = phase.micros();
                        cpuTimes.computeIfAbsent(key, k -> new double[rounds])[round] = phase.cpuMicros();
                        System.out.printf(Locale.ROOT, "%s round %d %-19s %-14s %9.1f us/op %7.1f us CPU/op%n", label,
                                round + 1, operation.label, path.name(), phase.micros(), phase.cpuMicros());
                    }
                }
            }
            if (kind == BenchmarkDatabase.MARIADB && logged > 0) {
                logStatements(admin.get(0), router);
            }
            return rows(label, times, cpuTimes, latencies);
        } finally {
            for (DataPath path : paths) {
                path.close();
            }
            admin.forEach(HikariDataSource::close);
            triggerAdmin.forEach(HikariDataSource::close);
            for (String database : DATABASES) {
                kind.drop(database);
            }
            if (!triggerAdmin.isEmpty()) {
                for (String database : TRIGGER_DATABASES) {
                    kind.drop(database);
                }
            }
        }
    }

    /**
     * Lists the statements MariaDB receives for a few writes of plain ShardingSphere and of the fenced paths,
     * each path on pools opened after the general log was switched on; nothing is timed meanwhile.
     */
    private void logStatements(HikariDataSource admin, UnitRouter router) throws Exception {
        statementLists.append("\nStatements MariaDB received per write (general log; the first write of each path"
                + " and operation, which opens connections and reads metadata, is left out):\n");
        try (StatementLog log = StatementLog.start(admin)) {
            List<String> names = new ArrayList<>(List.of("shardingsphere", "guard-fence"));
            if (pathNames.contains(DataPath.TRIGGER_PATH)) {
                names.add(DataPath.TRIGGER_PATH);
            }
            for (int i = 0; i < names.size(); i++) {
                try (DataPath path = DataPath.open(names.get(i), BenchmarkDatabase.MARIADB, databasesOf(names.get(i)),
                        LAYOUT, router,
                        INSERT_BASE + (DataPath.NAMES.size() + i) * PATH_KEY_RANGE)) {
                    path.insert();
                    path.insertInTransaction();
                    for (Operation operation : List.of(Operation.INSERT, Operation.INSERT_IN_TRANSACTION)) {
                        for (int n = 1; n <= logged; n++) {
                            Timestamp from = log.now();
                            if (operation == Operation.INSERT) {
                                path.insert();
                            } else {
                                path.insertInTransaction();
                            }
                            List<String> statements = log.statements(from, log.now(), "ur_bench_");
                            statementLists.append(String.format(Locale.ROOT, "%n%s, %s #%d: %d statements%n",
                                    path.name(), operation.label, n, statements.size()));
                            statements.forEach(line -> statementLists.append("    ").append(line).append('\n'));
                        }
                    }
                }
            }
        }
    }

    /**
     * Runs one operation on one path for a time.
     *
     * @return wall-clock and CPU time of this thread per operation, in microseconds; the CPU time is the client's
     *     own work (driver, ShardingSphere, unit-router), which the database's load does not change much
     */
    private Phase phase(DataPath path, Operation operation, long nanos, Histogram histogram) throws SQLException {
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long deadline = start + nanos;
        long count = 0;
        long now = start;
        while (now < deadline) {
            long before = now;
            switch (operation) {
                case INSERT -> path.insert();
                case INSERT_IN_TRANSACTION -> path.insertInTransaction();
                case SELECT -> path.select(selectKey(selected++ % ROWS));
            }
            now = System.nanoTime();
            if (histogram != null) {
                histogram.recordValue(Math.min(now - before, histogram.getHighestTrackableValue()));
            }
            count++;
        }
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
        return new Phase((now - start) / 1000.0 / count, cpu / 1000.0 / count);
    }

    /** The time per operation of one phase, in microseconds: wall clock and this thread's CPU. */
    private record Phase(double micros, double cpuMicros) {
    }

    private String rows(String label, Map<String, double[]> times, Map<String, double[]> cpuTimes,
            Map<String, Histogram> latencies) {
        StringBuilder text = new StringBuilder();
        for (Operation operation : Operation.values()) {
            double[] jdbc = times.get(operation.label + "/jdbc");
            double[] plain = times.get(operation.label + "/shardingsphere");
            for (String path : pathNames) {
                String key = operation.label + "/" + path;
                double[] own = times.get(key);
                double[] vsPlain = ratios(plain, own);
                Histogram histogram = latencies.get(key);
                text.append(String.format(Locale.ROOT, "| %s | %s | %s | %.1f | %.1f | %.1f | %.1f | %s | %.2f | %.2f –"
                        + " %.2f |%n", label, operation.label, path, median(own),
                        histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(99) / 1000.0,
                        median(cpuTimes.get(key)),
                        jdbc == null ? "—" : String.format(Locale.ROOT, "%.2f", median(ratios(jdbc, own))),
                        median(vsPlain), quantile(vsPlain, 0.25), quantile(vsPlain, 0.75)));
            }
        }
        return text.toString();
    }

    /** Per round, baseline time / path time, both taken in the same round. */
    private static double[] ratios(double[] baseline, double[] path) {
        double[] ratios = new double[path.length];
        for (int i = 0; i < path.length; i++) {
            ratios[i] = baseline[i] / path[i];
        }
        return ratios;
    }

    /** A quantile, interpolated between the two nearest values. */
    private static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    private static double median(double[] values) {
        return quantile(values, 0.5);
    }

    /** The physical databases a path works on. */
    private static List<String> databasesOf(String path) {
        return path.equals(DataPath.TRIGGER_PATH) ? TRIGGER_DATABASES : DATABASES;
    }

    /** The i-th of the rows the selects read: every shard of rz01 in turn. */
    private static long selectKey(int i) {
        return SELECT_BASE + (long) i * 100 + i % 20;
    }

    /** Writes the rows the selects read, straight into their physical tables. */
    private static void populate(List<HikariDataSource> admin) throws SQLException {
        int shardsPerGroup = LAYOUT.shardsPerGroup(100);
        for (int group = 0; group < LAYOUT.groups(); group++) {
            try (Connection c = admin.get(LAYOUT.databaseOf(group)).getConnection();
                    PreparedStatement s = c.prepareStatement("INSERT INTO "
                            + LAYOUT.physicalTable("t_account", LAYOUT.tableOf(group))
                            + " (user_id, balance, writer) VALUES (?, 100, 'setup')")) {
                c.setAutoCommit(false);
                for (int i = 0; i < ROWS; i++) {
                    long key = selectKey(i);
                    if ((int) (key % 100) / shardsPerGroup == group) {
                        s.setLong(1, key);
                        s.addBatch();
                    }
                }
                s.executeBatch();
                c.commit();
            }
        }
    }

    private static void empty(List<HikariDataSource> admin) throws SQLException {
        for (int group = 0; group < LAYOUT.groups(); group++) {
            try (Connection c = admin.get(LAYOUT.databaseOf(group)).getConnection();
                    Statement s = c.createStatement()) {
                s.execute("TRUNCATE TABLE " + LAYOUT.physicalTable("t_account", LAYOUT.tableOf(group)));
            }
        }
    }
}
