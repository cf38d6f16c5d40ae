package io.unitrouter.sharding.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.unitrouter.core.failover.FailoverCoordinator;
import io.unitrouter.core.failover.FailoverEvent;
import io.unitrouter.core.failover.FailoverRun;
import io.unitrouter.core.failover.Liveness;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import io.unitrouter.core.store.FileFailoverJournal;
import io.unitrouter.core.store.FileRuleStore;
import io.unitrouter.sharding.support.ShardingFixture;
import io.unitrouter.sharding.support.TestRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Five cells of two instances each on a file rule store and shared physical databases, a gateway router,
 * clients writing through it, a zombie instance of rz01 that is cut off from rule updates but keeps writing
 * its old shards, and a coordinator that takes the cells down and back while all of that runs.
 */
final class Simulation implements AutoCloseable {

    private static final List<String> CELLS = List.of("rz01", "rz02", "rz03", "rz04", "rz05");
    private static final Duration HEARTBEAT = Duration.ofMillis(200);

    private final ShardingFixture fixture;
    private final Path rules;
    private final List<SimulatedInstance> instances = new CopyOnWriteArrayList<>();
    private final Map<Long, RuleDocument> documents = new ConcurrentHashMap<>();
    private final AtomicLong writeIds = new AtomicLong();
    private final List<FailoverRun> runs = new ArrayList<>();
    private final ExecutorService builders = Executors.newFixedThreadPool(4);
    private final FileRuleStore gatewayStore;
    private final UnitRouter gateway;
    private final FileRuleStore coordinatorStore;
    private final FailoverCoordinator coordinator;
    private final SimulatedClients clients;
    private final ZombieWriter zombie;
    private int generation;

    Simulation(ShardingFixture fixture, Path dir) throws IOException {
        this.fixture = fixture;
        RuleDocument reference = TestRules.document();
        this.rules = Files.writeString(dir.resolve("rules.yaml"), RuleDocuments.toYaml(reference));
        documents.put(reference.epoch(), reference);
        for (int k = 0; k < ShardingFixture.LAYOUT.tablesPerDatabase(); k++) {
            for (int d = 0; d < ShardingFixture.LAYOUT.databases(); d++) {
                fixture.sql(d, AuditTrail.createTable(k));
            }
        }
        for (int shard = 0; shard < 100; shard++) {
            fixture.insertAccount(shard, 0, "init");
        }
        fixture.fences().initialize(io.unitrouter.core.routing.RoutingTable.of(reference));
        startCells(CELLS);
        this.zombie = new ZombieWriter(new SimulatedInstance("rz01", "rz01-zombie", rules, fixture.newDataSources(),
                Duration.ZERO), writeIds);
        this.gatewayStore = FileRuleStore.builder(rules).pollInterval(Duration.ofMillis(50)).build();
        this.gateway = UnitRouter.builder().ruleStore(gatewayStore).instanceId("gateway").heartbeat(HEARTBEAT).build();
        this.coordinatorStore = FileRuleStore.builder(rules).pollInterval(Duration.ofMillis(50)).build();
        coordinatorStore.watch(document -> documents.put(document.epoch(), document));
        this.coordinator = FailoverCoordinator.builder().ruleStore(coordinatorStore)
                .journal(FileFailoverJournal.beside(rules)).fence(DatabaseFence.of(fixture.fences()))
                .liveness(new Liveness(Duration.ofSeconds(2), Duration.ofHours(1)))
                .barrierTimeout(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).operator("simulation")
                .build();
        this.clients = new SimulatedClients(gateway, () -> instances, writeIds);
    }

    /** Starts two instances of each cell; building a data source takes a while, so they are built together. */
    private void startCells(List<String> cells) {
        generation++;
        List<CompletableFuture<SimulatedInstance>> starting = new ArrayList<>();
        for (String cell : cells) {
            for (int i = 1; i <= 2; i++) {
                String id = cell + "-" + i + "-g" + generation;
                starting.add(CompletableFuture.supplyAsync(() -> new SimulatedInstance(cell, id, rules,
                        fixture.newDataSources(), HEARTBEAT), builders));
            }
        }
        starting.forEach(f -> instances.add(f.join()));
    }

    private void stopCells(List<String> cells) {
        for (SimulatedInstance instance : instances) {
            if (cells.contains(instance.cell())) {
                instance.close();
                instances.remove(instance);
            }
        }
    }

    /** Starts the clients and the zombie's own writer. */
    void start(int clientThreads) {
        clients.start(clientThreads);
        zombie.start();
        awaitMoreCommits(60);
    }

    /**
     * One cycle: dc-down:hz1 (rz01 dies, the zombie is cut off), switchback:hz1, drain:sz1, switchback:sz1,
     * city-down:sh (rz03 and rz04 die), switchback:sh. Ends with the reference owners.
     */
    void cycle() {
        zombie.instance().cutOff();
        stopCells(List.of("rz01"));
        failover("dc-down:hz1");
        startCells(List.of("rz01"));
        failover("switchback:hz1");
        failover("drain:sz1");
        failover("switchback:sz1");
        stopCells(List.of("rz03", "rz04"));
        failover("city-down:sh");
        startCells(List.of("rz03", "rz04"));
        failover("switchback:sh");
    }

    private void failover(String event) {
        awaitMoreCommits(30);
        runs.add(coordinator.execute(coordinator.plan(FailoverEvent.parse(event))));
        awaitMoreCommits(30);
    }

    private void awaitMoreCommits(long more) {
        long target = clients.committed() + more;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                .failFast(() -> assertThat(clients.errors()).as("client requests without a definite answer")
                        .isEmpty())
                .until(() -> clients.committed() >= target);
    }

    void stop() throws InterruptedException {
        clients.stop();
        zombie.stop();
    }

    SimulatedClients clients() {
        return clients;
    }

    ZombieWriter zombie() {
        return zombie;
    }

    List<FailoverRun> runs() {
        return List.copyOf(runs);
    }

    Map<Long, RuleDocument> documents() {
        return Map.copyOf(documents);
    }

    RuleDocument inForce() {
        return coordinatorStore.load();
    }

    @Override
    public void close() {
        builders.shutdownNow();
        zombie.instance().close();
        instances.forEach(SimulatedInstance::close);
        gateway.close();
        gatewayStore.close();
        coordinatorStore.close();
    }

    /** The zombie's own writer: it keeps writing rz01's shards, 0-19, whatever the rules say. */
    static final class ZombieWriter {

        private final SimulatedInstance instance;
        private final AtomicLong writeIds;
        private final Map<SimulatedInstance.Outcome, AtomicLong> outcomes = new ConcurrentHashMap<>();
        private final List<String> errors = new CopyOnWriteArrayList<>();
        private volatile boolean stopping;
        private Thread thread;

        ZombieWriter(SimulatedInstance instance, AtomicLong writeIds) {
            this.instance = instance;
            this.writeIds = writeIds;
        }

        SimulatedInstance instance() {
            return instance;
        }

        void start() {
            thread = new Thread(() -> {
                int shard = 0;
                while (!stopping) {
                    SimulatedInstance.Result result = instance.write(shard, writeIds.incrementAndGet());
                    outcomes.computeIfAbsent(result.outcome(), o -> new AtomicLong()).incrementAndGet();
                    if (result.outcome() == SimulatedInstance.Outcome.ERROR) {
                        errors.add(result.problem());
                    }
                    shard = (shard + 1) % 20;
                    pause();
                }
            }, "sim-zombie");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            stopping = true;
            thread.join(60_000);
        }

        long count(SimulatedInstance.Outcome outcome) {
            AtomicLong count = outcomes.get(outcome);
            return count == null ? 0 : count.get();
        }

        List<String> errors() {
            return List.copyOf(errors);
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
