package io.unitrouter.cli;

import io.unitrouter.core.failover.FailoverCoordinator;
import io.unitrouter.core.failover.FailoverRun;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code unit-router failover journal RULES}: the audit of failover runs. */
@Command(name = "journal",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Show the failover journal: the run in progress and the last 20 runs, newest first, each with who "
                    + "started it, when, the plan's checksum, how it ended, and each phase's duration.",
            "--run shows every step of one run with its detail."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:shown", "1:unreadable rules or journal, unreachable Nacos server, or no such run", "2:usage error"})
final class FailoverJournalCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private RulesLocation location;

    @Option(names = "--run", paramLabel = "RUN", description = "Show one run, step by step.")
    private String runId;

    @Override
    public Integer call() {
        try (RuleSource rules = RuleSources.of(spec).open(location)) {
            FailoverCoordinator coordinator = FailoverCoordinator.builder().ruleStore(rules.store())
                    .journal(rules.journal()).withoutFence().build();
            List<FailoverRun> runs = new ArrayList<>();
            coordinator.activeRun().ifPresent(runs::add);
            runs.addAll(coordinator.history());
            PrintWriter out = spec.commandLine().getOut();
            if (runId != null) {
                FailoverRun run = runs.stream().filter(r -> r.id().equals(runId)).findFirst().orElseThrow(
                        () -> new CliException("the journal of " + rules.name() + " has no run " + runId));
                out.println(RunText.summary(run));
                out.println(Text.field("holder", run.holder()));
                out.println(Text.field("fence", run.fence()));
                out.println(Text.field("epochs", "base " + run.baseEpoch() + ", freeze " + run.freezeEpoch()
                        + ", switch " + run.switchEpoch() + (run.restoreEpoch() > 0 ? ", restore " + run.restoreEpoch()
                                : "")));
                run.problem().ifPresent(p -> out.println(Text.field("stopped", p)));
                RunText.steps(run).forEach(out::println);
            } else if (runs.isEmpty()) {
                out.println("no failover runs in " + rules.journalName());
            } else {
                for (FailoverRun run : runs) {
                    out.println(RunText.summary(run));
                    out.println("  " + RunText.phases(run));
                }
            }
            out.flush();
        }
        return 0;
    }
}
