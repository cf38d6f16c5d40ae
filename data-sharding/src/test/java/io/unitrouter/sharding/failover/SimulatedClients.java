package io.unitrouter.sharding.failover;

import io.unitrouter.core.Access;
import io.unitrouter.core.RouteDecision;
import io.unitrouter.core.routing.UnitRouter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Clients that hammer every shard: each request picks a shard, asks a gateway router for its owner, and writes
 * through one live instance of that cell, as a gateway would send it. A write to a frozen shard is held and
 * tried again, as the gateway holds it; a write an instance refuses (it is behind or ahead of the gateway) is
 * routed again. Every request ends with a definite answer: committed, refused after the hold, or the cell
 * was down.
 */
final class SimulatedClients {

    /** How long a request is held and retried before it is answered with a refusal (the gateway's 503). */
    static final long HOLD_NANOS = 15_000_000_000L;

    /**
     * An acknowledged write.
     *
     * @param writeId the write
     * @param shard its shard
     * @param seq its place in the shard's sequence
     */
    record Ack(long writeId, int shard, long seq) {
    }

    private final UnitRouter gateway;
    private final Supplier<List<SimulatedInstance>> instances;
    private final AtomicLong writeIds;
    private final List<Thread> threads = new ArrayList<>();
    private final List<Ack> acks = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private volatile boolean stopping;

    SimulatedClients(UnitRouter gateway, Supplier<List<SimulatedInstance>> instances, AtomicLong writeIds) {
        this.gateway = gateway;
        this.instances = instances;
        this.writeIds = writeIds;
    }

    void start(int count) {
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(this::loop, "sim-client-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    /** Stops the clients after their current request and waits for them. */
    void stop() throws InterruptedException {
        stopping = true;
        for (Thread thread : threads) {
            thread.join(60_000);
            if (thread.isAlive()) {
                throw new AssertionError(thread.getName() + " did not finish its request within 60 s");
            }
        }
    }

    private void loop() {
        while (!stopping) {
            requests.incrementAndGet();
            outcome(request(ThreadLocalRandom.current().nextInt(100)));
            answered.incrementAndGet();
        }
    }

    private String request(int shard) {
        long deadline = System.nanoTime() + HOLD_NANOS;
        while (true) {
            RouteDecision decision = gateway.routeShard(shard, Access.WRITE);
            if (!decision.writeBlocked()) {
                List<SimulatedInstance> candidates = instances.get().stream()
                        .filter(i -> i.cell().equals(decision.cell()) && i.alive()).toList();
                if (candidates.isEmpty()) {
                    return "down";
                }
                SimulatedInstance instance = candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
                long writeId = writeIds.incrementAndGet();
                SimulatedInstance.Result result = instance.write(shard, writeId);
                switch (result.outcome()) {
                    case COMMITTED -> {
                        acks.add(new Ack(writeId, shard, result.seq()));
                        return "committed";
                    }
                    case DOWN -> {
                        return "down";
                    }
                    case ERROR -> {
                        errors.add(result.problem());
                        return "error";
                    }
                    default -> {
                        // Refused (frozen, moved, fenced): route again, as after a 421 or a held 503.
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                return "refused after the hold";
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void outcome(String outcome) {
        outcomes.computeIfAbsent(outcome, o -> new AtomicLong()).incrementAndGet();
    }

    List<Ack> acks() {
        return List.copyOf(acks);
    }

    long committed() {
        return acks.size();
    }

    Map<String, Long> outcomes() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        outcomes.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    List<String> errors() {
        return List.copyOf(errors);
    }

    long requests() {
        return requests.get();
    }

    long answered() {
        return answered.get();
    }
}
