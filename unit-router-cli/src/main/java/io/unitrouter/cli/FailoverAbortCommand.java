package io.unitrouter.cli;

import io.unitrouter.core.failover.AbortRefusedException;
import io.unitrouter.core.failover.FailoverRun;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code unit-router failover abort RULES ...}: roll the run in progress back to the owners before it. */
@Command(name = "abort",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Roll the failover run in progress back: if its fences were bumped, move them back to the previous "
                    + "owners at a newer epoch, then publish the previous owners, unfrozen.",
            "A run that has switched cannot be aborted (the new owners may have taken writes): the command says "
                    + "so and prints the reverse plan, to execute as a failover of its own."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:aborted", "1:no run in progress, the run has switched, or the abort stopped",
            "2:usage error"})
final class FailoverAbortCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private CoordinatorOptions options;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (FailoverSession session = FailoverSession.open(options, RunText.progress(out),
                RuleSources.of(spec))) {
            FailoverRun run;
            try {
                run = FailoverCommands.run(session.coordinator()::abort, options, out);
            } catch (AbortRefusedException e) {
                e.reversePlan().ifPresent(plan -> {
                    out.println("reverse plan:");
                    plan.describe().forEach(line -> out.println("  " + line));
                    out.println("execute it with: unit-router failover execute " + options.rules.arguments() + " --event "
                            + plan.event() + " " + (options.fence.none ? "--no-fence" : "--fence-config "
                                    + options.fence.config) + " --confirm " + plan.checksum());
                    out.flush();
                });
                throw new CliException(e.getMessage());
            }
            out.println("run " + run.id() + " aborted: the owners of epoch " + run.baseEpoch() + " are in force again"
                    + (run.restoreEpoch() > 0 ? " at epoch " + run.restoreEpoch() : ""));
            out.flush();
            return 0;
        }
    }
}
