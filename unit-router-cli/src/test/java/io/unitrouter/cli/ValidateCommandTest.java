package io.unitrouter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.unitrouter.core.rules.RuleDocuments;
import io.unitrouter.core.rules.RuleValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsSummaryOfValidDocumentWithEpochShardsAndCells() {
        Path file = Rules.threeCities(dir).write("rules.yaml");

        Cli.Result result = Cli.run("rules", "validate", file);

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.outLines()).contains(
                "source:         " + file,
                "status:         valid",
                "epoch:          42",
                "shards:         100",
                "shard function: mod",
                "active GZone:   gz01 (standby gz02)",
                "CZones:         hz: czhz, sh: none, sz: none",
                "frozen shards:  none",
                "overrides:      0");
        assertThat(result.out()).containsPattern("(?m)^checksum: +[0-9a-f]{16}$");
        assertThat(result.out())
                .containsPattern("(?m)^ +rz01 +RZONE +hz1 +hz +20 +100$")
                .containsPattern("(?m)^ +rz02 +RZONE +hz2 +hz +20 +100$")
                .containsPattern("(?m)^ +rz03 +RZONE +sh1 +sh +20 +100$")
                .containsPattern("(?m)^ +rz04 +RZONE +sh2 +sh +20 +100$")
                .containsPattern("(?m)^ +rz05 +RZONE +sz1 +sz +20 +100$")
                .containsPattern("(?m)^ +gz01 +GZONE +hz1 +hz +- +-$")
                .containsPattern("(?m)^ +gz02 +GZONE +sh1 +sh +- +-$")
                .containsPattern("(?m)^ +czhz +CZONE +hz2 +hz +- +-$");
    }

    @Test
    void summarisesFrozenShardsAsCompressedRanges() {
        Path file = Rules.threeCities(dir).frozen("[\"40-44\", \"45\", \"47\"]").write("frozen.yaml");

        Cli.Result result = Cli.run("rules", "validate", file);

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).contains("frozen shards:  40-45,47 (7 shards)");
    }

    @Test
    void listsEveryValidationErrorOnItsOwnLineAfterNamingTheFile() {
        Path file = Rules.threeCities(dir)
                .replace("epoch: 42\n", "")
                .replace("cell: rz05", "cell: rz09")
                .replace("{ id: rz01, kind: RZONE, data-center: hz1, capacity: 100 }",
                        "{ id: rz01, kind: RZONE, data-center: hz9, capacity: 100 }")
                .write("invalid.yaml");
        List<String> expectedErrors = errorsOf(file);
        assertThat(expectedErrors).as("the fixture has several errors").hasSizeGreaterThanOrEqualTo(3);

        Cli.Result result = Cli.run("rules", "validate", file);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        List<String> expectedLines = new ArrayList<>();
        expectedLines.add("invalid rule file " + file + " (" + expectedErrors.size() + " errors):");
        expectedErrors.forEach(error -> expectedLines.add("error: " + error));
        assertThat(result.errLines()).containsExactlyElementsOf(expectedLines);
        assertThat(result.err()).doesNotContain("at io.", "Exception");
    }

    @Test
    void reportsInvalidYamlAsAValidationError() {
        Path file = Rules.threeCities(dir).replace("cities:", "cities: [").write("broken.yaml");

        Cli.Result result = Cli.run("rules", "validate", file);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).first().asString().startsWith("invalid rule file " + file);
        assertThat(result.errLines()).anyMatch(line -> line.startsWith("error: not valid YAML or JSON: "));
        assertThat(result.err()).doesNotContain("at org.", "at io.", "YAMLException");
    }

    @Test
    void reportsMissingFileWithoutStackTrace() {
        Path missing = dir.resolve("no-such-rules.yaml");

        Cli.Result result = Cli.run("rules", "validate", missing);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.errLines()).containsExactly("error: rule file " + missing + " does not exist");
    }

    @Test
    void reportsDirectoryGivenAsFile() {
        Cli.Result result = Cli.run("rules", "validate", dir);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly("error: rule file " + dir + " is a directory");
    }

    @Test
    void reportsUnreadableFileWithoutStackTrace() throws Exception {
        Path file = Rules.threeCities(dir).write("binary.yaml");
        Files.write(file, new byte[] {'e', 'p', (byte) 0xC3, (byte) 0x28});

        Cli.Result result = Cli.run("rules", "validate", file);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err()).startsWith("error: cannot read rule file " + file).doesNotContain("\tat ");
    }

    @Test
    void rejectsUnknownOptionAsUsageErrorWithExitCode2() {
        Path file = Rules.threeCities(dir).write("rules.yaml");

        Cli.Result result = Cli.run("rules", "validate", "--strict", file);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.errLines()).first().isEqualTo("error: Unknown option: '--strict'");
        assertThat(result.err()).contains("Usage: unit-router rules validate")
                .contains("Try 'unit-router rules validate --help'").doesNotContain("at picocli.");
    }

    @Test
    void rejectsMissingFileArgumentAsUsageError() {
        Cli.Result result = Cli.run("rules", "validate");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).first().asString().contains("Missing required argument").contains("RULES");
    }

    private static List<String> errorsOf(Path file) {
        return catchThrowableOfType(RuleValidationException.class, () -> RuleDocuments.read(file)).errors();
    }
}
