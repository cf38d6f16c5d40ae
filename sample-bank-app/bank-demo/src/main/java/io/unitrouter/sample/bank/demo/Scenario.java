package io.unitrouter.sample.bank.demo;

import io.unitrouter.core.failover.FailoverCoordinator;
import io.unitrouter.core.failover.FailoverEvent;
import io.unitrouter.core.failover.FailoverPlan;
import io.unitrouter.core.failover.FailoverRun;
import io.unitrouter.core.failover.HealthMonitor;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import io.unitrouter.core.rules.RuleDocument;

/**
 * The chaos: under steady load, a data center is lost and failed over, comes back and is switched back, another
 * is drained as planned maintenance, and a whole city is lost and failed over. Losses are real: the processes
 * are killed with SIGKILL; the health monitor notices, and its proposal is confirmed as an operator would.
 */
final class Scenario {

    private final DemoOptions options;
    private final Topology topology;
    private final FailoverCoordinator coordinator;
    private final HealthMonitor monitor;
    private final TransferLoad load;
    private final PrintStream out;
    private final List<FailoverStep> steps = new ArrayList<>();
    private final Map<Long, RuleDocument> documents = new TreeMap<>();

    Scenario(DemoOptions options, Topology topology, FailoverCoordinator coordinator, HealthMonitor monitor,
            TransferLoad load, PrintStream out) {
        this.options = options;
        this.topology = topology;
        this.coordinator = coordinator;
        this.monitor = monitor;
        this.load = load;
        this.out = out;
    }

    /** Every rule document the runs published, with the one they started from, by epoch. */
    Map<Long, RuleDocument> documents() {
        return Map.copyOf(documents);
    }

    List<FailoverStep> steps() {
        return List.copyOf(steps);
    }

    void run() {
        // Twice as long first: the processes warm up (lazy beans, the JIT) in the first half, and the report's
        // steady throughput is taken from the second.
        steady("warm-up and steady load", options.steady().multipliedBy(2));
        loss("dc-down:hz1", topology.dataCenter("hz1"));
        steady("after the loss of hz1");
        restart(topology.dataCenter("hz1"));
        planned("switchback:hz1");
        steady("after the switchback of hz1");
        planned("drain:sz1");
        steady("with sz1 drained");
        loss("city-down:sh", topology.city("sh"));
        steady("after the loss of sh");
        if (options.switchbackAtEnd()) {
            restart(topology.city("sh"));
            planned("switchback:sh");
            steady("after the switchback of sh");
        }
    }

    private void steady(String what) {
        steady(what, options.steady());
    }

    private void steady(String what, Duration time) {
        out.printf("%6.1f s  %s for %d s%n", load.now() / 1000.0, what, time.toSeconds());
        Waits.pause(time);
    }

    private void loss(String event, List<ManagedProcess> victims) {
        long start = load.now();
        Instant killed = Instant.now();
        out.printf("%6.1f s  %s: killing %s%n", start / 1000.0, event,
                victims.stream().map(ManagedProcess::name).toList());
        victims.parallelStream().forEach(ManagedProcess::kill);
        HealthMonitor.Proposal proposal = awaitProposal(FailoverEvent.parse(event));
        Duration detection = Duration.between(killed, proposal.detectedAt());
        out.printf("%6.1f s  the health monitor proposes %s (cells %s) after %d ms; confirming%n",
                load.now() / 1000.0, proposal.event(), proposal.failedCells(), detection.toMillis());
        FailoverRun run = monitor.confirm(proposal.id());
        Instant ended = run.ended().orElse(Instant.now());
        record(event, false, start, detection, Duration.between(killed, ended), run);
    }

    private HealthMonitor.Proposal awaitProposal(FailoverEvent expected) {
        HealthMonitor.Proposal[] found = new HealthMonitor.Proposal[1];
        Waits.until("the health monitor to propose " + expected, Duration.ofSeconds(60), Duration.ofMillis(50), () -> {
            for (HealthMonitor.Proposal p : monitor.proposals()) {
                if (p.event().equals(expected) && p.planned().isPresent()) {
                    found[0] = p;
                    return true;
                }
                // A slow answer under load, or a part of the loss seen before the whole: not what happened.
                monitor.dismiss(p.id());
            }
            return false;
        });
        return found[0];
    }

    private void restart(List<ManagedProcess> processes) {
        out.printf("%6.1f s  restarting %s%n", load.now() / 1000.0, processes.stream().map(ManagedProcess::name)
                .toList());
        Duration took = Topology.startAll(processes, Duration.ofSeconds(600));
        out.printf("%6.1f s  back in %.1f s%n", load.now() / 1000.0, took.toMillis() / 1000.0);
    }

    private void planned(String event) {
        long start = load.now();
        Instant begun = Instant.now();
        out.printf("%6.1f s  %s: planning and running%n", start / 1000.0, event);
        FailoverRun run = coordinator.execute(coordinator.plan(FailoverEvent.parse(event)));
        Instant ended = run.ended().orElse(Instant.now());
        record(event, true, start, Duration.ZERO, Duration.between(begun, ended), run);
    }

    private void record(String event, boolean planned, long start, Duration detection, Duration rto,
            FailoverRun run) {
        FailoverPlan plan = run.plan();
        documents.put(plan.base().epoch(), plan.base());
        plan.freezeDocument().ifPresent(d -> documents.put(d.epoch(), d));
        documents.put(plan.target().epoch(), plan.target());
        FailoverStep step = new FailoverStep(event, planned, start, load.now(), detection, rto, run.phaseDurations(),
                run);
        steps.add(step);
        out.printf("%6.1f s  %s %s: epoch %d -> %d, %s%s%n", load.now() / 1000.0, event,
                run.status().name().toLowerCase(java.util.Locale.ROOT), run.baseEpoch(), run.switchEpoch(),
                Report.phases(step.phases()), planned ? "" : ", RTO " + rto.toMillis() + " ms");
    }

    Optional<FailoverStep> step(String event) {
        return steps.stream().filter(s -> s.event().equals(event)).findFirst();
    }
}
