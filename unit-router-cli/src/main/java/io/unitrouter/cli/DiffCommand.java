package io.unitrouter.cli;

import io.unitrouter.core.rules.RuleDocument;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code unit-router rules diff OLD NEW}: what publishing NEW over OLD would change; OLD may be the document in
 * Nacos.
 */
@Command(name = "diff",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Show what publishing NEW over OLD would change.",
            "Reports the epoch, shards that change owner (as ranges per from -> to pair), shards that are "
                    + "frozen or unfrozen, the active GZone, and changes to cities, cells and overrides. Both "
                    + "documents are validated first. A NEW epoch that is not higher than OLD's is warned "
                    + "about on stderr.",
            "The diff is a report: it exits with 0 whether or not the documents differ, unless --exit-code "
                    + "is given."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:compared (with --exit-code: no differences)",
            "1:a document is invalid, or a file cannot be read",
            "2:usage error",
            "3:with --exit-code: the documents differ"})
final class DiffCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..2", paramLabel = "FILE", description = "OLD NEW: the rule document in force, then the "
            + "one to publish. With the Nacos options, NEW only: OLD is the document in Nacos.")
    private List<Path> files;

    @ArgGroup(exclusive = false, heading = "OLD in Nacos instead of a file:%n")
    private NacosOptions nacos;

    @Option(names = "--exit-code",
            description = "Exit with " + UnitRouterCli.EXIT_DIFFERENCES + " when the documents differ (in epoch "
                    + "or routing content), 0 when they do not.")
    private boolean exitCode;

    @Override
    public Integer call() {
        List<RuleDocument> documents = read();
        RuleDiff diff = RuleDiff.between(documents.get(0), documents.get(1));
        PrintWriter err = spec.commandLine().getErr();
        diff.warnings().forEach(err::println);
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        diff.report().forEach(out::println);
        out.flush();
        return exitCode && diff.differs() ? UnitRouterCli.EXIT_DIFFERENCES : 0;
    }

    /** OLD and NEW, validated, with the problems of both reported at once. */
    private List<RuleDocument> read() {
        if (nacos == null) {
            if (files.size() < 2) {
                throw new ParameterException(spec.commandLine(), "Missing required parameter: 'NEW' (give OLD NEW, or"
                        + " NEW with --nacos-server-addr and --nacos-data-id)");
            }
            return RuleFiles.readAll(() -> RuleFiles.read(files.get(0)), () -> RuleFiles.read(files.get(1)));
        }
        if (files.size() > 1) {
            throw new ParameterException(spec.commandLine(), "Give NEW only: OLD is data id " + nacos.dataId
                    + " in Nacos, so " + files.get(0) + " " + files.get(1) + " is one file too many");
        }
        try (RuleSource old = RuleSources.of(spec).open(RulesLocation.of(nacos))) {
            return RuleFiles.readAll(old::read, () -> RuleFiles.read(files.get(0)));
        }
    }
}
