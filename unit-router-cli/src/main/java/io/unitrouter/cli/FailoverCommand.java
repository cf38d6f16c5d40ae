package io.unitrouter.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code unit-router failover}: plan, run and follow failovers on a file store or the Nacos store. */
@Command(name = "failover",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Plan and run failovers on a file rule store or a Nacos rule store, follow their progress, and "
                + "resume or abort them.",
        subcommands = {FailoverPlanCommand.class, FailoverExecuteCommand.class, FailoverStatusCommand.class,
            FailoverResumeCommand.class, FailoverAbortCommand.class, FailoverJournalCommand.class},
        synopsisSubcommandLabel = "COMMAND")
final class FailoverCommand implements Runnable {

    /** Exit code: the plan was shown but not executed, because it was not confirmed. */
    static final int EXIT_NOT_CONFIRMED = 4;

    /** Exit code: no safe plan exists for the event on this document. */
    static final int EXIT_REFUSED = 5;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required command");
    }
}
