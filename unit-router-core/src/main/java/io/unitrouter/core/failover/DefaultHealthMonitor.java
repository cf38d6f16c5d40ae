package io.unitrouter.core.failover;

import io.unitrouter.core.Cell;
import io.unitrouter.core.City;
import io.unitrouter.core.failover.spi.HealthProbe;
import io.unitrouter.core.rules.RuleDocument;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The {@link HealthMonitor} that {@link HealthMonitor#builder} builds. */
final class DefaultHealthMonitor implements HealthMonitor {

    private static final System.Logger LOG = System.getLogger(HealthMonitor.class.getName());

    private final FailoverCoordinator coordinator;
    private final HealthProbe probe;
    private final Duration interval;
    private final int threshold;
    private final boolean autoExecuteCellLoss;
    private final Listener listener;
    private final ExecutorService probes = Executors.newCachedThreadPool(daemon("unit-router-health-probe"));
    private final Map<String, Integer> failures = new LinkedHashMap<>();
    private final Map<String, Proposal> pending = new LinkedHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Object lock = new Object();
    private ScheduledExecutorService scheduler;

    DefaultHealthMonitor(HealthMonitor.Builder b) {
        this.coordinator = b.coordinator;
        this.probe = b.probe;
        this.interval = b.interval;
        this.threshold = b.failures;
        this.autoExecuteCellLoss = b.autoExecuteCellLoss;
        this.listener = b.listener;
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(daemon("unit-router-health-monitor"));
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                probeOnce();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "health monitor: a probe round failed", e);
                notifyFailure(null, e);
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public Optional<Proposal> probeOnce() {
        RuleDocument inForce = coordinator.ruleStore().load();
        List<Cell> online = inForce.topology().cells().stream().filter(c -> !inForce.isOffline(c.id())).toList();
        Map<String, Boolean> healthy = probeAll(online);
        Proposal proposal;
        synchronized (lock) {
            failures.keySet().retainAll(healthy.keySet());
            healthy.forEach((cell, ok) -> {
                if (ok) {
                    failures.remove(cell);
                } else {
                    failures.merge(cell, 1, Integer::sum);
                }
            });
            Set<String> down = new TreeSet<>();
            failures.forEach((cell, count) -> {
                if (count >= threshold) {
                    down.add(cell);
                }
            });
            if (down.isEmpty() || coordinator.activeRun().isPresent()) {
                return Optional.empty();
            }
            FailoverEvent event = scopeOf(down, inForce, online);
            if (pending.values().stream().anyMatch(p -> p.event().equals(event))) {
                return Optional.empty();
            }
            proposal = propose(event, down);
            if (!automatic(proposal)) {
                pending.put(proposal.id(), proposal);
            }
        }
        LOG.log(Level.WARNING, () -> "health monitor: " + proposal.failedCells() + " failed " + threshold
                + " probes in a row; proposing " + proposal.event()
                + (proposal.plan() == null ? " (no plan: " + proposal.refusal() + ")" : " (plan "
                        + proposal.plan().checksum() + ")"));
        notify(() -> listener.onProposal(proposal));
        if (automatic(proposal)) {
            try {
                FailoverRun run = coordinator.execute(proposal.plan());
                notify(() -> listener.onExecuted(proposal, run));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "health monitor: automatic " + proposal.event() + " failed", e);
                notifyFailure(proposal, e);
            }
        }
        return Optional.of(proposal);
    }

    private boolean automatic(Proposal proposal) {
        return autoExecuteCellLoss && proposal.event().kind() == FailoverEvent.Kind.CELL_DOWN && proposal.plan() != null;
    }

    /** Probes every cell at once; one that has not answered within the interval counts as failed. */
    private Map<String, Boolean> probeAll(List<Cell> cells) {
        Map<String, Future<Boolean>> answers = new LinkedHashMap<>();
        for (Cell cell : cells) {
            answers.put(cell.id(), probes.submit(() -> probe.isHealthy(cell)));
        }
        long deadline = System.nanoTime() + interval.toNanos();
        Map<String, Boolean> healthy = new LinkedHashMap<>();
        answers.forEach((cell, answer) -> {
            boolean ok;
            try {
                ok = Boolean.TRUE.equals(answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ok = false;
            } catch (Exception e) {
                // A probe that throws or does not answer in time is a failed probe.
                answer.cancel(true);
                ok = false;
            }
            healthy.put(cell, ok);
        });
        return healthy;
    }

    /**
     * One failed cell is a cell loss, even when it is its data center's only cell (the plan is the same, and
     * only a cell loss may run automatically); several are the largest scope that failed whole: a city, else a
     * data center, else the first cell.
     */
    private static FailoverEvent scopeOf(Set<String> down, RuleDocument inForce, List<Cell> online) {
        if (down.size() == 1) {
            return FailoverEvent.cellDown(down.iterator().next());
        }
        for (City city : inForce.topology().cities()) {
            List<Cell> cells = online.stream().filter(c -> c.city().equals(city.id())).toList();
            if (!cells.isEmpty() && cells.stream().allMatch(c -> down.contains(c.id()))) {
                return FailoverEvent.cityDown(city.id());
            }
        }
        for (City city : inForce.topology().cities()) {
            for (String dataCenter : city.dataCenters()) {
                List<Cell> cells = online.stream().filter(c -> c.dataCenter().equals(dataCenter)).toList();
                if (!cells.isEmpty() && cells.stream().allMatch(c -> down.contains(c.id()))) {
                    return FailoverEvent.dataCenterDown(dataCenter);
                }
            }
        }
        return FailoverEvent.cellDown(online.stream().map(Cell::id).filter(down::contains).findFirst().orElseThrow());
    }

    private Proposal propose(FailoverEvent event, Set<String> down) {
        String id = "p" + ids.incrementAndGet();
        try {
            return new Proposal(id, event, List.copyOf(down), Instant.now(), coordinator.plan(event), null);
        } catch (PlanRefusedException e) {
            return new Proposal(id, event, List.copyOf(down), Instant.now(), null, e.getMessage());
        }
    }

    @Override
    public List<Proposal> proposals() {
        synchronized (lock) {
            return List.copyOf(pending.values());
        }
    }

    @Override
    public FailoverRun confirm(String proposalId) {
        Proposal proposal;
        synchronized (lock) {
            proposal = pending.remove(proposalId);
        }
        if (proposal == null) {
            throw new FailoverException("no proposal " + proposalId + " is waiting; waiting: " + proposals().stream()
                    .map(Proposal::id).toList(), null, Map.of("proposal", proposalId), null);
        }
        if (proposal.plan() == null) {
            throw new FailoverException("proposal " + proposalId + " (" + proposal.event() + ") has no plan: "
                    + proposal.refusal(), null, Map.of("proposal", proposalId), null);
        }
        FailoverRun run = coordinator.execute(proposal.plan());
        notify(() -> listener.onExecuted(proposal, run));
        return run;
    }

    @Override
    public void dismiss(String proposalId) {
        synchronized (lock) {
            pending.remove(proposalId);
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        probes.shutdownNow();
    }

    private void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "health monitor: a listener failed", e);
        }
    }

    private void notifyFailure(Proposal proposal, RuntimeException failure) {
        notify(() -> listener.onFailure(proposal, failure));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
