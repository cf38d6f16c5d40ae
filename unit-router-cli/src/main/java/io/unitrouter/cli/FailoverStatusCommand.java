package io.unitrouter.cli;

import io.unitrouter.core.failover.Convergence;
import io.unitrouter.core.failover.FailoverCoordinator;
import io.unitrouter.core.failover.FailoverRun;
import io.unitrouter.core.failover.Liveness;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.spi.RuleStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code unit-router failover status RULES}: the run in progress and which epoch every instance has applied. */
@Command(name = "status",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Show the epoch in force, the failover run in progress (if any) and where it stands, and the "
                    + "convergence table: every instance that reports to the store, its cell, the epoch it has "
                    + "applied, how long ago it last reported, and whether it counts as alive.",
            "Reports older than an hour are pruned first."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:shown", "1:unreadable rules or journal, unreachable Nacos server", "2:usage error"})
final class FailoverStatusCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private RulesLocation location;

    @Option(names = "--liveness-ttl", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long an instance counts as alive after its last heartbeat (default: ${DEFAULT-VALUE}).")
    private Duration livenessTtl = Liveness.DEFAULT_TTL;

    @Override
    public Integer call() {
        try (RuleSource rules = RuleSources.of(spec).open(location)) {
            RuleStore store = rules.store();
            // Reading the journal and the reports publishes nothing, so no fence is involved.
            FailoverCoordinator coordinator = FailoverCoordinator.builder().ruleStore(store)
                    .journal(rules.journal()).withoutFence()
                    .liveness(new Liveness(livenessTtl, Liveness.DEFAULT_PRUNE_AFTER)).build();
            RuleDocument inForce = store.load();
            Convergence convergence = coordinator.convergence();
            PrintWriter out = spec.commandLine().getOut();
            out.println(Text.field("rules", rules.name() + " (epoch " + inForce.epoch() + ", checksum "
                    + io.unitrouter.core.routing.RoutingTable.of(inForce).checksum() + ")"));
            Optional<FailoverRun> active = coordinator.activeRun();
            out.println(Text.field("failover", active.map(FailoverStatusCommand::describe).orElse("none in progress")));
            active.ifPresent(run -> RunText.steps(run).forEach(out::println));
            out.println("instances (alive: reported within " + livenessTtl.toMillis() + " ms):");
            List<List<String>> rows = new ArrayList<>();
            for (Convergence.InstanceState state : convergence.instances()) {
                rows.add(List.of(state.instanceId(), state.cell() == null ? "-" : state.cell(),
                        Long.toString(state.epoch()), RunText.millis(state.age()), Text.yesNo(state.live())));
            }
            if (rows.isEmpty()) {
                out.println("  none has reported");
            } else {
                Text.table(List.of("instance", "cell", ">epoch", ">last heard", "alive"), rows).forEach(out::println);
            }
            int live = convergence.live().size();
            int behind = convergence.behind(inForce.epoch()).size();
            out.println(Text.field("converged", behind == 0
                    ? "yes: all " + live + " live instances have applied epoch " + inForce.epoch()
                    : "no: " + behind + " of " + live + " live instances have not applied epoch " + inForce.epoch()));
            out.flush();
        }
        return 0;
    }

    private static String describe(FailoverRun run) {
        return run.id() + " of " + run.event() + " (plan " + run.planChecksum() + "), " + run.status() + ", held by "
                + run.holder() + " since " + run.started() + run.problem().map(p -> "; stopped: " + p).orElse("");
    }
}
