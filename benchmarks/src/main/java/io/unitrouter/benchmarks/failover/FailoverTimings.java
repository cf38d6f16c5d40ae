package io.unitrouter.benchmarks.failover;

import io.unitrouter.benchmarks.BenchmarkOptions;
import io.unitrouter.benchmarks.BenchmarkRules;
import io.unitrouter.core.Access;
import io.unitrouter.core.RouteDecision;
import io.unitrouter.core.failover.Convergence;
import io.unitrouter.core.failover.FailoverCoordinator;
import io.unitrouter.core.failover.FailoverEvent;
import io.unitrouter.core.failover.FailoverPhase;
import io.unitrouter.core.failover.FailoverRun;
import io.unitrouter.core.failover.HealthMonitor;
import io.unitrouter.core.failover.Liveness;
import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.store.FileFailoverJournal;
import io.unitrouter.core.store.FileRuleStore;
import io.unitrouter.sharding.Fences;
import io.unitrouter.sharding.ShardLayout;
import io.unitrouter.sharding.failover.DatabaseFence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Failover timings, end to end, on the file store with the library's defaults (1 s poll and file-system
 * events, 1 s router heartbeats, 5 s liveness TTL, 20 ms barrier polls) and database fences on H2:
 *
 * <ol>
 *   <li><b>Planned drain of one data center</b> ({@code drain:hz2}), with ten instances (five cells of two)
 *       applying rules from the file and clients writing through their guarded, fenced data sources all the
 *       while. A write to a frozen shard is held and retried, as the gateway holds it (at most
 *       {@value #HOLD_MILLIS} ms, its default {@code hold-timeout}); a hold longer than that is a client-visible
 *       error (the gateway's 503), as is any other failure. Each drain is followed by {@code switchback:hz2}.</li>
 *   <li><b>Unplanned loss of a city</b> ({@code sh}) including detection: the health monitor with its defaults
 *       (a round every second, three failed rounds) proposes {@code city-down:sh}, an operator confirms at once,
 *       and the run executes. Timed from the moment the city's instances die.</li>
 *   <li><b>Baseline</b>, in the same run: one plain publish (the same content at the next epoch) until every
 *       instance has applied it. A failover with shards to move needs two such propagations (the freeze and the
 *       switch), so its time is best read as a multiple of this.</li>
 * </ol>
 *
 * <p>Options ({@code --name=value}): {@code runs} (default 10), {@code clients} (default 4), {@code out}
 * (default {@code benchmarks/target/failover-timings.md}).
 */
public final class FailoverTimings {

    /** 2 databases x 5 tables: shards move in groups of 10. */
    static final ShardLayout LAYOUT = ShardLayout.of(2, 5);

    /** The gateway's default hold of a write to a frozen shard: 2 s. */
    static final long HOLD_MILLIS = 2000;

    private static final List<String> CELLS = List.of("rz01", "rz02", "rz03", "rz04", "rz05");

    private final int runs;
    private final int clients;
    private final Path out;
    private final Path rules;
    private final List<String> databases = new ArrayList<>();
    private final List<Connection> keepAlive = new ArrayList<>();
    private final List<BenchInstance> instances = new CopyOnWriteArrayList<>();
    private final FileRuleStore coordinatorStore;
    private final FailoverCoordinator coordinator;
    private int generation;

    private FailoverTimings(Map<String, String> options) throws Exception {
        this.runs = Integer.parseInt(options.getOrDefault("runs", "10"));
        this.clients = Integer.parseInt(options.getOrDefault("clients", "4"));
        this.out = Path.of(options.getOrDefault("out", "benchmarks/target/failover-timings.md"));
        this.rules = Files.writeString(Files.createTempDirectory("failover-timings").resolve("rules.yaml"),
                BenchmarkRules.text());
        Map<String, DataSource> admin = createDatabases();
        Fences fences = Fences.of(admin, LAYOUT, 100);
        fences.initialize(RoutingTable.of(BenchmarkRules.document()));
        this.coordinatorStore = FileRuleStore.open(rules);
        this.coordinator = FailoverCoordinator.builder().ruleStore(coordinatorStore)
                .journal(FileFailoverJournal.beside(rules)).fence(DatabaseFence.of(fences)).operator("benchmark")
                .build();
    }

    /**
     * Runs both scenarios and prints the report.
     *
     * @param args {@code --runs=N --clients=N --out=FILE}
     * @throws Exception if the set-up fails or a failover stops
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchmarkOptions.parse(args);
        // The library logs every rule change and step at INFO; the report says what matters.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        new FailoverTimings(options).run();
        System.exit(0);
    }

    private void run() throws Exception {
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "Failover timings: %d runs per scenario, file store with default"
                + " settings, fences on H2; %s %s, %d CPUs%n%n", runs, System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors()));
        report.append(drains());
        report.append(cityLosses());
        System.out.println();
        System.out.print(report);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report.toString());
        System.out.println("written to " + out);
    }

    private String drains() throws Exception {
        startCells(CELLS, true);
        FileRuleStore gatewayStore = FileRuleStore.open(rules);
        UnitRouter gateway = UnitRouter.builder().ruleStore(gatewayStore).instanceId("gateway").build();
        Writers writers = new Writers(gateway, instances, clients);
        List<Long> baseline = new ArrayList<>();
        List<FailoverRun> drains = new ArrayList<>();
        List<FailoverRun> switchbacks = new ArrayList<>();
        List<String> clientLines = new ArrayList<>();
        try {
            writers.start();
            awaitWrites(writers, 200);
            for (int i = 0; i < runs; i++) {
                baseline.add(propagation());
                writers.reset();
                drains.add(execute("drain:hz2"));
                Writers.Counts counts = writers.reset();
                clientLines.add(counts.toString());
                awaitWrites(writers, 50);
                switchbacks.add(execute("switchback:hz2"));
                awaitWrites(writers, 50);
            }
        } finally {
            writers.stop();
            gateway.close();
            gatewayStore.close();
            stopCells(CELLS);
        }
        StringBuilder text = new StringBuilder();
        text.append("### Planned drain of one data center (drain:hz2), end to end\n\n");
        text.append(table("drain:hz2", drains, null)).append('\n');
        text.append(table("switchback:hz2", switchbacks, null)).append('\n');
        text.append(String.format(Locale.ROOT, "Baseline, one publish until all %d instances applied it: %s%n%n",
                2 * CELLS.size(), distribution(baseline)));
        text.append("Clients during each drain (").append(clients).append(" threads, writes held at most ")
                .append(HOLD_MILLIS).append(" ms as the gateway holds them):\n\n");
        for (int i = 0; i < clientLines.size(); i++) {
            text.append("- run ").append(i + 1).append(": ").append(clientLines.get(i)).append('\n');
        }
        return text.append('\n').toString();
    }

    private String cityLosses() throws Exception {
        startCells(CELLS, false);
        Set<String> deadDataCenters = ConcurrentHashMap.newKeySet();
        RuleDocument reference = BenchmarkRules.document();
        AtomicLong proposedAt = new AtomicLong();
        List<FailoverRun> losses = new CopyOnWriteArrayList<>();
        HealthMonitor monitor = HealthMonitor.builder(coordinator, cell -> !deadDataCenters.contains(cell.dataCenter()))
                .listener(new HealthMonitor.Listener() {
                    @Override
                    public void onProposal(HealthMonitor.Proposal proposal) {
                        proposedAt.set(System.nanoTime());
                    }
                }).build();
        List<Long> totals = new ArrayList<>();
        List<Long> detections = new ArrayList<>();
        try {
            monitor.start();
            for (int i = 0; i < runs; i++) {
                long killed = System.nanoTime();
                deadDataCenters.addAll(reference.topology().city("sh").orElseThrow().dataCenters());
                stopCells(List.of("rz03", "rz04"));
                HealthMonitor.Proposal proposal = awaitProposal(monitor);
                // The operator confirms as soon as the proposal shows.
                FailoverRun run = monitor.confirm(proposal.id());
                long done = System.nanoTime();
                losses.add(run);
                totals.add(TimeUnit.NANOSECONDS.toMillis(done - killed));
                detections.add(TimeUnit.NANOSECONDS.toMillis(proposedAt.get() - killed));
                deadDataCenters.clear();
                startCells(List.of("rz03", "rz04"), false);
                execute("switchback:sh");
            }
        } finally {
            monitor.close();
            stopCells(CELLS);
        }
        StringBuilder text = new StringBuilder();
        text.append("### Unplanned loss of a city (sh), including detection\n\n");
        text.append("Detection: health monitor defaults, a probe round every 1 s, 3 failed rounds in a row; the"
                + " proposal is confirmed at once.\n\n");
        text.append(table("city-down:sh", losses, new Detection(totals, detections))).append('\n');
        return text.toString();
    }

    private static HealthMonitor.Proposal awaitProposal(HealthMonitor monitor) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            List<HealthMonitor.Proposal> waiting = monitor.proposals();
            if (!waiting.isEmpty()) {
                return waiting.get(0);
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("no proposal within 60 s of the city's loss");
    }

    /** Times from a loss to the end of its run, and to the proposal. */
    private record Detection(List<Long> totals, List<Long> detections) {
    }

    private FailoverRun execute(String event) {
        return coordinator.execute(coordinator.plan(FailoverEvent.parse(event)));
    }

    /** Publishes the content in force at the next epoch and waits until every instance has applied it. */
    private long propagation() throws InterruptedException {
        RuleDocument current = coordinatorStore.load();
        long start = System.nanoTime();
        if (!coordinatorStore.compareAndSet(current.epoch(), current.toBuilder().epoch(current.epoch() + 1).build())) {
            throw new IllegalStateException("the rules changed under the benchmark");
        }
        long epoch = current.epoch() + 1;
        while (!Convergence.of(coordinatorStore.appliedEpochs().values(), Instant.now(), Liveness.defaults())
                .allLiveApplied(epoch)) {
            Thread.sleep(1);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static void awaitWrites(Writers writers, long more) throws InterruptedException {
        long target = writers.committed() + more;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (writers.committed() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the clients committed nothing for 60 s: " + writers.reset());
            }
            Thread.sleep(5);
        }
    }

    /** A table: the total's distribution, then each phase's median and its share of the summed totals. */
    private static String table(String event, List<FailoverRun> runs, Detection detection) {
        StringBuilder text = new StringBuilder();
        List<Long> totals = detection != null ? detection.totals()
                : runs.stream().map(r -> r.duration().toMillis()).toList();
        long sum = totals.stream().mapToLong(Long::longValue).sum();
        text.append("| ").append(event).append(" | ms | share of the total |\n|---|---|---:|\n");
        text.append("| total (").append(runs.size()).append(" runs) | ").append(distribution(totals))
                .append(" | 100 % |\n");
        if (detection != null) {
            long detected = detection.detections().stream().mapToLong(Long::longValue).sum();
            text.append("| detection (loss to proposal) | ").append(distribution(detection.detections()))
                    .append(" | ").append(percent(detected, sum)).append(" |\n");
        }
        Map<FailoverPhase, List<Long>> phases = new EnumMap<>(FailoverPhase.class);
        for (FailoverRun run : runs) {
            run.phaseDurations().forEach((phase, took) -> phases.computeIfAbsent(phase, p -> new ArrayList<>())
                    .add(took.toMillis()));
        }
        long accounted = detection == null ? 0 : detection.detections().stream().mapToLong(Long::longValue).sum();
        for (Map.Entry<FailoverPhase, List<Long>> phase : phases.entrySet()) {
            long phaseSum = phase.getValue().stream().mapToLong(Long::longValue).sum();
            accounted += phaseSum;
            text.append("| ").append(phase.getKey()).append(" | ").append(distribution(phase.getValue())).append(" | ")
                    .append(percent(phaseSum, sum)).append(" |\n");
        }
        text.append("| journal writes, planning and the rest | | ").append(percent(sum - accounted, sum))
                .append(" |\n");
        return text.toString();
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%.0f %%", 100.0 * part / whole);
    }

    /** {@code p50 120, p90 180, min 95, max 210}. */
    static String distribution(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return String.format(Locale.ROOT, "p50 %d, p90 %d, min %d, max %d", percentile(sorted, 50),
                percentile(sorted, 90), sorted.get(0), sorted.get(sorted.size() - 1));
    }

    private static long percentile(List<Long> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private void startCells(List<String> cells, boolean withData) {
        generation++;
        List<String> urls = withData ? databases : List.of();
        for (String cell : cells) {
            for (int i = 1; i <= 2; i++) {
                instances.add(new BenchInstance(cell, cell + "-" + i + "-g" + generation, rules, urls));
            }
        }
    }

    private void stopCells(List<String> cells) {
        for (BenchInstance instance : instances) {
            if (cells.contains(instance.cell())) {
                instance.close();
                instances.remove(instance);
            }
        }
    }

    private Map<String, DataSource> createDatabases() throws SQLException {
        Map<String, DataSource> admin = new LinkedHashMap<>();
        String prefix = "failover_timings_" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        for (int d = 0; d < LAYOUT.databases(); d++) {
            String url = "jdbc:h2:mem:" + prefix + "_" + d + ";MODE=MySQL;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000";
            databases.add(url);
            Connection connection = DriverManager.getConnection(url, "sa", "");
            keepAlive.add(connection);
            try (Statement s = connection.createStatement()) {
                for (int k = 0; k < LAYOUT.tablesPerDatabase(); k++) {
                    s.execute("CREATE TABLE t_account_" + k + " (user_id BIGINT NOT NULL PRIMARY KEY, balance BIGINT"
                            + " NOT NULL)");
                }
                s.execute(Fences.CREATE_TABLE_SQL);
            }
            JdbcDataSource dataSource = new JdbcDataSource();
            dataSource.setURL(url);
            dataSource.setUser("sa");
            admin.put("ds_" + d, dataSource);
        }
        for (int shard = 0; shard < 100; shard++) {
            int group = LAYOUT.groupOf(shard, 100);
            try (Statement s = keepAlive.get(LAYOUT.databaseOf(group)).createStatement()) {
                s.execute("INSERT INTO t_account_" + LAYOUT.tableOf(group) + " VALUES (" + shard + ", 0)");
            }
        }
        return admin;
    }

    /**
     * Clients that write every shard through the instance of the owning cell, as routed by a gateway router,
     * holding writes to frozen (or just moved) shards the way the gateway holds them.
     */
    private static final class Writers {

        /** What the clients saw since the last reset. */
        record Counts(long committed, long held, long longestHoldMillis, long overHold, long down) {
            @Override
            public String toString() {
                return committed + " writes committed, " + held + " held (longest " + longestHoldMillis + " ms), "
                        + overHold + " held past " + HOLD_MILLIS + " ms (client-visible 503), " + down
                        + " to a cell that was down";
            }
        }

        private final UnitRouter gateway;
        private final List<BenchInstance> instances;
        private final int threads;
        private final List<Thread> running = new ArrayList<>();
        private final AtomicLong committed = new AtomicLong();
        private final AtomicLong total = new AtomicLong();
        private final AtomicLong held = new AtomicLong();
        private final AtomicLong longest = new AtomicLong();
        private final AtomicLong overHold = new AtomicLong();
        private final AtomicLong down = new AtomicLong();
        private volatile boolean stopping;

        Writers(UnitRouter gateway, List<BenchInstance> instances, int threads) {
            this.gateway = gateway;
            this.instances = instances;
            this.threads = threads;
        }

        void start() {
            for (int i = 0; i < threads; i++) {
                Thread thread = new Thread(this::loop, "failover-timings-client-" + i);
                thread.setDaemon(true);
                thread.start();
                running.add(thread);
            }
        }

        void stop() throws InterruptedException {
            stopping = true;
            for (Thread thread : running) {
                thread.join(30_000);
            }
        }

        long committed() {
            return total.get();
        }

        Counts reset() {
            return new Counts(committed.getAndSet(0), held.getAndSet(0), longest.getAndSet(0), overHold.getAndSet(0),
                    down.getAndSet(0));
        }

        private void loop() {
            while (!stopping) {
                write(ThreadLocalRandom.current().nextInt(100));
            }
        }

        private void write(int shard) {
            long start = System.nanoTime();
            boolean wasHeld = false;
            while (!stopping) {
                RouteDecision decision = gateway.routeShard(shard, Access.WRITE);
                BenchInstance.Write result = BenchInstance.Write.REFUSED;
                if (!decision.writeBlocked()) {
                    List<BenchInstance> owners = instances.stream()
                            .filter(i -> i.cell().equals(decision.cell()) && i.alive()).toList();
                    if (owners.isEmpty()) {
                        down.incrementAndGet();
                        return;
                    }
                    result = owners.get(ThreadLocalRandom.current().nextInt(owners.size())).write(shard);
                }
                if (result == BenchInstance.Write.COMMITTED) {
                    committed.incrementAndGet();
                    total.incrementAndGet();
                    if (wasHeld) {
                        held.incrementAndGet();
                        longest.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), Math::max);
                    }
                    return;
                }
                if (result == BenchInstance.Write.DOWN) {
                    down.incrementAndGet();
                    return;
                }
                wasHeld = true;
                if (System.nanoTime() - start > TimeUnit.MILLISECONDS.toNanos(HOLD_MILLIS)) {
                    overHold.incrementAndGet();
                    return;
                }
                pause();
            }
        }

        private static void pause() {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
