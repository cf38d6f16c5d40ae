package io.unitrouter.core.failover;

import io.unitrouter.core.TestRules;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.spi.AppliedEpoch;
import io.unitrouter.core.store.InMemoryFailoverJournal;
import io.unitrouter.core.store.InMemoryRuleStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The reference topology in an in-memory store, with one router per RZone following it (so barriers have
 * live instances to wait for), a recording fence and journal, and helpers for instances that misbehave.
 */
final class Cluster implements AutoCloseable {

    final InMemoryRuleStore store;
    final EpochLog log;
    final RecordingFence fence;
    final InMemoryFailoverJournal journal = new InMemoryFailoverJournal();
    private final List<UnitRouter> routers = new ArrayList<>();
    private final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "test-instance-beats");
        thread.setDaemon(true);
        return thread;
    });

    Cluster(int shardGroups) {
        this(TestRules.threeCities(), shardGroups);
    }

    Cluster(RuleDocument initial, int shardGroups) {
        store = new InMemoryRuleStore(initial);
        log = new EpochLog(initial);
        store.watch(log);
        fence = new RecordingFence(log, shardGroups);
        for (String cell : List.of("rz01", "rz02", "rz03", "rz04", "rz05")) {
            routers.add(UnitRouter.builder().ruleStore(store).localCell(cell).instanceId(cell + "@test")
                    .heartbeat(Duration.ofMillis(100)).build());
        }
    }

    /** A coordinator with the recording fence, short timeouts, and whatever else {@code more} sets. */
    FailoverCoordinator.Builder coordinator() {
        return FailoverCoordinator.builder().ruleStore(store).journal(journal).fence(fence).operator("tester")
                .barrierTimeout(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5));
    }

    /**
     * An instance that is alive (it heartbeats) but never applies anything past {@code maxEpoch}: a stuck
     * process, or one cut off from rule updates.
     */
    void stuckInstance(String instanceId, String cell, long maxEpoch) {
        Runnable beat = () -> {
            long epoch = Math.min(store.load().epoch(), maxEpoch);
            store.reportApplied(new AppliedEpoch(instanceId, cell, epoch, "stuck", Instant.now()));
        };
        beat.run();
        beats.scheduleAtFixedRate(beat, 50, 50, TimeUnit.MILLISECONDS);
    }

    /** An instance that stopped long ago: its last heartbeat is a minute old. */
    void deadInstance(String instanceId, String cell) {
        store.reportApplied(new AppliedEpoch(instanceId, cell, store.load().epoch() - 1, "dead",
                Instant.now().minusSeconds(60)));
    }

    /** The epoch every router has applied, if they agree. */
    List<Long> routerEpochs() {
        return routers.stream().map(r -> r.table().epoch()).toList();
    }

    @Override
    public void close() {
        beats.shutdownNow();
        routers.forEach(UnitRouter::close);
    }
}
