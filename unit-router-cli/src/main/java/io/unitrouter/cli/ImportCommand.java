package io.unitrouter.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code unit-router rules import}: the group of commands that turn another product's rules into a document. */
@Command(name = "import",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Turn another product's routing rules into a unit-router rule document.",
        subcommands = {AppActiveImportCommand.class},
        synopsisSubcommandLabel = "COMMAND")
final class ImportCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required command");
    }
}
