package io.unitrouter.cli;

import io.unitrouter.core.failover.FailoverEvent;
import io.unitrouter.core.failover.FailoverPlan;
import io.unitrouter.core.failover.PlanRefusedException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code unit-router failover execute RULES --event EVENT ...}: plan and run a failover. */
@Command(name = "execute",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Plan an event on the rules in force and run the plan: FREEZE, BARRIER, FENCE, CATCH-UP, SWITCH, "
                    + "VERIFY, each journaled before and after it runs (in RULES.failover, or in data id "
                    + "<data id>.failover with the Nacos options).",
            "The plan is printed first. It runs only with --confirm CHECKSUM (the checksum 'failover plan' "
                    + "printed, so what runs is what was reviewed) or --yes.",
            "A run that stops (a barrier timeout, a failure) stays in the journal: see 'failover status', then "
                    + "'failover resume' or 'failover abort'."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the run completed",
            "1:the run stopped (it stays in the journal), another run is in progress, or invalid input",
            "2:usage error",
            "4:not confirmed: the plan was printed and nothing ran",
            "5:no safe plan: the message names the shortfall"})
final class FailoverExecuteCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private CoordinatorOptions options;

    @Option(names = {"-e", "--event"}, required = true, paramLabel = "EVENT", converter = EventConverter.class,
            description = "What happened or what to do, e.g. dc-down:hz1; revert:RUN for the way back of a run.")
    private FailoverEvent event;

    @ArgGroup(exclusive = true)
    private Confirmation confirmation;

    /** How the operator confirms the plan. */
    static final class Confirmation {
        @Option(names = "--confirm", required = true, paramLabel = "CHECKSUM",
                description = "Run only if the plan's checksum is this one.")
        String checksum;

        @Option(names = "--yes", required = true, description = "Run whatever the plan is.")
        boolean yes;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (FailoverSession session = FailoverSession.open(options, RunText.progress(out),
                RuleSources.of(spec))) {
            FailoverPlan plan;
            try {
                plan = session.coordinator().plan(event);
            } catch (PlanRefusedException e) {
                throw new CliException(e.getMessage(), FailoverCommand.EXIT_REFUSED);
            }
            plan.describe().forEach(out::println);
            out.flush();
            if (confirmation == null) {
                throw new CliException("not executed: review the plan above, then run again with --confirm "
                        + plan.checksum() + " (or --yes)", FailoverCommand.EXIT_NOT_CONFIRMED);
            }
            if (confirmation.checksum != null && !confirmation.checksum.equals(plan.checksum())) {
                throw new CliException("not executed: the plan is now " + plan.checksum() + ", not the "
                        + confirmation.checksum + " you confirmed (the rules changed since); review it again",
                        FailoverCommand.EXIT_NOT_CONFIRMED);
            }
            FailoverCommands.run(() -> session.coordinator().execute(plan), options, out);
            return 0;
        }
    }
}
