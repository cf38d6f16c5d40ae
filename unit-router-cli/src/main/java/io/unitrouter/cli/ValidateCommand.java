package io.unitrouter.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code unit-router rules validate FILE}: checks a rule document and summarises it. */
@Command(name = "validate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Check a rule document and summarise it.",
            "Runs every document check that a rule store runs before accepting a document (YAML or JSON), and "
                    + "prints the epoch, shard count and function, checksum, cells and the shards they own, "
                    + "the active GZone, CZones, frozen shards and overrides. Whether the epoch is newer than "
                    + "the one in force is not checked here: use 'rules diff'.",
            "An invalid document prints every problem on its own line on stderr and exits with 1."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the document is valid",
            "1:the document is invalid, or the file cannot be read",
            "2:usage error"})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private RulesLocation location;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (RuleSource rules = RuleSources.of(spec).open(location)) {
            RuleSummary.lines(rules.read()).forEach(out::println);
        }
        out.flush();
        return 0;
    }
}
