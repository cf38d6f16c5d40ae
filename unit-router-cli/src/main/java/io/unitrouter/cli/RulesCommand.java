package io.unitrouter.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code unit-router rules}: the group of commands that work on rule documents. */
@Command(name = "rules",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Check rule documents before they are published, and import other products' rules.",
        subcommands = {ValidateCommand.class, DiffCommand.class, ImportCommand.class},
        synopsisSubcommandLabel = "COMMAND")
final class RulesCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required command");
    }
}
