package io.unitrouter.sample.bank.demo;

import io.unitrouter.core.failover.FailoverCoordinator;
import io.unitrouter.core.failover.HealthMonitor;
import io.unitrouter.core.failover.Liveness;
import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import io.unitrouter.core.store.FileFailoverJournal;
import io.unitrouter.core.store.FileRuleStore;
import io.unitrouter.sample.bank.support.BankSchema;
import io.unitrouter.sharding.failover.DatabaseFence;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * One run of the demo, from an empty directory to the report: the database tier, every process, the
 * coordinator and its health monitor, the load, the scenario, the settling of pending transfers, and the audit.
 * Everything it starts is stopped by {@link #close()}, which a shutdown hook also calls (Ctrl-C).
 */
public final class DemoRun implements AutoCloseable {

    static final long FIRST_USER = 10_000;
    static final int USERS = 1000;
    static final long OPENING_BALANCE = 100_000;
    static final long HOLD_MS = 3000;

    private final DemoOptions options;
    private final PrintStream out;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * A run; nothing starts before {@link #run()}.
     *
     * @param options how to run
     * @param out where progress goes
     */
    public DemoRun(DemoOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /**
     * Runs the demo.
     *
     * @return the report; its invariants say whether the run passed
     */
    public Report run() throws IOException {
        Files.createDirectories(options.workDir());
        Path rules = Files.writeString(options.workDir().resolve("rules.yaml"), BankSchema.rules());
        RuleDocument initial = RuleDocuments.read(rules);
        out.printf("sample bank: working in %s%n", options.workDir());

        DatabaseTier databases = options.database().equals("mariadb") ? DatabaseTier.mariadb()
                : DatabaseTier.h2(Files.createDirectories(options.workDir().resolve("h2")));
        resources.push(databases);
        databases.seed(RoutingTable.of(initial), FIRST_USER, USERS, OPENING_BALANCE);
        out.printf("database tier: %s; %d accounts opened%n", databases.describe(), USERS);

        Topology topology = new Topology(options, RoutingTable.of(initial), rules, databases);
        resources.push(topology);
        List<ManagedProcess> processes = topology.bank();
        out.printf("starting %d processes: %s%n", processes.size(), processes.stream().map(ManagedProcess::name)
                .collect(Collectors.joining(", ")));
        Duration startup = Topology.startAll(processes, Duration.ofSeconds(600));
        out.printf("all %d processes answer after %.1f s (load average %s); logs in %s%n", processes.size(),
                startup.toMillis() / 1000.0, loadAverage(), options.workDir().resolve("logs"));
        // The console is a look-out, not part of the bank: it starts after the bank, and nothing waits for it.
        topology.console().ifPresent(c -> {
            c.start();
            out.printf("operator console starting on %s (log: %s)%n", c.url(), c.log());
        });

        FileRuleStore store = FileRuleStore.builder(rules).pollInterval(Duration.ofMillis(100)).build();
        resources.push(store);
        FailoverCoordinator coordinator = FailoverCoordinator.builder().ruleStore(store)
                .journal(FileFailoverJournal.beside(rules)).fence(DatabaseFence.of(databases.fences()))
                .liveness(Liveness.defaults()).barrierTimeout(Duration.ofSeconds(60)).operator("bank-demo").build();
        // A cell that runs no process here (the global zones, in the shorter test) shares the fate of its data
        // center: it is healthy while the processes of that data center answer.
        HealthMonitor monitor = HealthMonitor.builder(coordinator, cell -> topology.runs(cell.id())
                ? topology.cell(cell.id()).ready(Duration.ofMillis(900))
                : topology.dataCenter(cell.dataCenter()).stream().allMatch(p -> p.ready(Duration.ofMillis(900)))).interval(Duration.ofSeconds(1)).failures(3).build();
        resources.push(monitor);
        monitor.start();

        TransferLoad load = new TransferLoad(topology.gateway().url(), FIRST_USER, USERS, Duration.ofSeconds(60));
        load.start(options.clients());
        Scenario scenario = new Scenario(options, topology, coordinator, monitor, load, out);
        scenario.run();
        out.printf("%6.1f s  stopping the load%n", load.now() / 1000.0);
        int seconds = (int) (load.now() / 1000) + 1;
        load.stop();
        monitor.close();

        Waits.until("every pending transfer to settle", Duration.ofSeconds(120), Duration.ofMillis(250),
                () -> Audit.pending(databases) == 0);
        Map<Long, RuleDocument> documents = new TreeMap<>(scenario.documents());
        documents.put(initial.epoch(), initial);
        List<ClientTransfer> transfers = load.transfers();
        List<Audit.Check> checks = Audit.read(databases).checks(transfers, USERS, OPENING_BALANCE, documents,
                scenario.step("drain:sz1").orElse(null), HOLD_MS);
        Map<ClientTransfer.Outcome, Long> outcomes = new EnumMap<>(ClientTransfer.Outcome.class);
        transfers.forEach(t -> outcomes.merge(t.outcome(), 1L, Long::sum));
        return new Report(databases.describe(), processes.size(), startup, loadAverage(), seconds,
                load.timeline().answeredPerSecond(seconds), outcomes, load.timeline().retriesByKind(),
                scenario.steps(), checks, topology.console().map(ManagedProcess::url).orElse(null));
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** Stops everything the run started, newest first. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e);
            }
        }
    }
}
