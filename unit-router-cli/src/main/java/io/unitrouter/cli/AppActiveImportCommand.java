package io.unitrouter.cli;

import io.unitrouter.core.CellKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code unit-router rules import appactive DIR}: turns the rules of AppActive's FILE channel into a rule
 * document, and with {@code --check} compares how both route a list of ids.
 */
@Command(name = "appactive",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Import the rules of AppActive's FILE channel into a unit-router rule document.",
            "Reads idSource.json, idTransformer.json, idUnitMapping.json, and if present forbiddenRule.json, "
                    + "machine.json and the data-scope files in DIR. The transformer's mod becomes the shard "
                    + "count (shard function mod), each unit an RZONE cell owning its values, the forbidden "
                    + "values frozen shards, the center unit the GZONE. What AppActive does not know is written "
                    + "as <fill-in:...> placeholders, listed on stdout; 'rules validate' refuses the document "
                    + "until they are filled in. Also prints the key sources for the starter and the gateway.",
            "A broken rule set (overlapping units, values in no unit, a non-numeric mod, a missing file, "
                    + "malformed JSON, ...) is refused with every problem on stderr, and nothing is written.",
            "With --check, routes the ids in KEYS through a model of AppActive and through the imported "
                    + "document, and reports every id they disagree on and every construct with no "
                    + "equivalent (units claiming the same values)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:imported (with --check: routing agrees on every id)",
            "1:the rule set is refused, a file cannot be read or written, or the output exists",
            "2:usage error",
            "3:with --check: routing differs, or the rule set has a construct with no equivalent"})
final class AppActiveImportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The directory of AppActive's rule files.")
    private Path dir;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write the document. Required unless --check is given; with --check, it is "
                    + "written only when routing agrees.")
    private Path output;

    @Option(names = "--force", description = "Replace the output file if it exists.")
    private boolean force;

    @Option(names = "--check", paramLabel = "KEYS",
            description = "Compare routing on these ids: a file with one id per line ('#' starts a comment "
                    + "line), or a comma-separated list.")
    private String check;

    @Override
    public Integer call() {
        if (output == null && check == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--output=FILE' (or give "
                    + "--check KEYS)");
        }
        if (output != null && Files.exists(output) && !force) {
            throw new CliException("output file " + output + " already exists; give --force to replace it");
        }
        CheckKeys keys = check == null ? null : CheckKeys.parse(check);
        AppActiveRuleSet rules = AppActiveReader.read(dir);
        ValueCoverage coverage = ValueCoverage.of(rules);
        AppActiveRouter appActive = new AppActiveRouter(rules);
        List<String> problems = new ArrayList<>(coverage.gapProblems());
        if (keys == null) {
            problems.addAll(coverage.overlapProblems(appActive));
        }
        if (!problems.isEmpty()) {
            throw new AppActiveRulesException(dir, problems);
        }
        ImportedRules imported = ImportedRules.of(rules, coverage, appActive);
        KeySourceConfig keySources = KeySourceConfig.of(rules.idSource());
        PrintWriter err = spec.commandLine().getErr();
        coverage.warnings().forEach(warning -> err.println("warning: " + warning));
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        if (keys != null) {
            RoutingCheck result = RoutingCheck.run(appActive, imported, coverage, keys);
            result.lines().forEach(out::println);
            out.flush();
            if (!result.agrees()) {
                return UnitRouterCli.EXIT_DIFFERENCES;
            }
            if (output == null) {
                return 0;
            }
        }
        write(imported.yaml(List.of(
                "Imported from the AppActive rules in " + dir + " by 'unit-router rules import appactive'.",
                "Replace every <fill-in:...> value: 'unit-router rules validate' refuses this document until then.")));
        report(rules, imported, keySources).forEach(out::println);
        out.flush();
        return 0;
    }

    private void write(String yaml) {
        Path target = output.toAbsolutePath();
        try {
            Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try {
                Files.writeString(temp, yaml, StandardCharsets.UTF_8);
                try {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new CliException("cannot write " + output + ": " + e);
        }
    }

    private List<String> report(AppActiveRuleSet rules, ImportedRules imported, KeySourceConfig keySources) {
        List<String> lines = new ArrayList<>();
        lines.add(Text.field("source", dir + " (AppActive FILE channel)"));
        lines.add(Text.field("written", output));
        lines.add(Text.field("epoch", ImportedRules.EPOCH));
        lines.add(Text.field("shards", rules.mod() + " (shard function mod, AppActive's mod " + rules.mod() + ")"));
        lines.add("cells:");
        List<List<String>> rows = new ArrayList<>();
        for (ImportedRules.Cell cell : imported.cells()) {
            rows.add(List.of(cell.unit() == null ? "-" : cell.unit(), cell.id(), cell.kind().name(),
                    cell.kind() == CellKind.RZONE ? Text.ranges(cell.shards()) : "-"));
        }
        lines.addAll(Text.table(List.of("AppActive unit", "cell", "kind", "shards"), rows));
        lines.add(Text.field("frozen shards", frozen(rules, imported.frozen())));
        List<Placeholder> placeholders = imported.placeholders();
        lines.add(Text.field("fill in", placeholders.size() + " placeholders; 'rules validate' refuses "
                + output.getFileName() + " until each is replaced"));
        int width = placeholders.stream().mapToInt(p -> p.text().length()).max().orElse(0);
        placeholders.forEach(p -> lines.add(String.format("  %-" + width + "s  %s", p.text(), p.meaning())));
        lines.add("  (units in the same city share one entry under cities: keep one, move the data centers into it)");
        List<String> notes = MigrationNotes.of(rules, imported);
        if (!notes.isEmpty()) {
            lines.add("before you switch:");
            notes.forEach(note -> lines.add("  - " + note));
        }
        lines.add("key sources for the starter (application.yml of every service):");
        keySources.starter().lines().forEach(line -> lines.add("  " + line));
        lines.add("key sources for the gateway (application.yml of the gateway):");
        keySources.gateway().lines().forEach(line -> lines.add("  " + line));
        return lines;
    }

    private static String frozen(AppActiveRuleSet rules, int[] frozen) {
        if (!rules.forbiddenFile()) {
            return "none (no " + AppActiveReader.FORBIDDEN + ")";
        }
        if (frozen.length == 0) {
            return "none (" + AppActiveReader.FORBIDDEN + " forbids no value below " + rules.mod() + ")";
        }
        return Text.ranges(frozen) + " (" + frozen.length + (frozen.length == 1 ? " shard" : " shards")
                + ", from " + AppActiveReader.FORBIDDEN + ")";
    }
}
