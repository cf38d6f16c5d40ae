package io.unitrouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnitRouterCliTest {

    @TempDir
    Path dir;

    @Test
    void printsProjectVersion() {
        Cli.Result result = Cli.run("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).first().asString().matches("unit-router \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void helpListsTheCommandsAndExitCodes() {
        Cli.Result result = Cli.run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Usage: unit-router", "rules", "route", "Exit codes:",
                "3   'rules diff --exit-code' found differences");
    }

    @Test
    void rulesHelpListsValidateAndDiff() {
        Cli.Result result = Cli.run("rules", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("validate", "diff");
    }

    @Test
    void missingCommandIsAUsageError() {
        Cli.Result top = Cli.run();
        Cli.Result rules = Cli.run("rules");

        assertThat(top.exitCode()).isEqualTo(2);
        assertThat(top.errLines()).first().isEqualTo("error: Missing required command");
        assertThat(rules.exitCode()).isEqualTo(2);
        assertThat(rules.err()).contains("Usage: unit-router rules");
    }

    @Test
    void unknownCommandIsAUsageErrorWithSuggestion() {
        Cli.Result result = Cli.run("rules", "valdate", "x.yaml");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("error: Unmatched arguments").contains("validate");
    }

    @Test
    void hidesStackTraceOfInternalErrorUnlessDebugIsGiven() {
        Path file = Rules.threeCities(dir)
                .replace("{ type: mod }", "{ type: custom, class: " + ExplodingShardFunction.class.getName() + " }")
                .write("custom.yaml");

        Cli.Result plain = Cli.run("route", file, "1205");
        Cli.Result debug = Cli.run("route", file, "1205", "--debug");
        Cli.Result debugFirst = Cli.run("--debug", "route", file, "1205");

        assertThat(plain.exitCode()).isEqualTo(1);
        assertThat(plain.errLines()).containsExactly(
                "internal error: java.lang.IllegalStateException: bug in a custom shard function",
                "Run again with --debug to see the stack trace.");
        assertThat(debug.exitCode()).isEqualTo(1);
        assertThat(debug.err()).contains("\tat " + ExplodingShardFunction.class.getName() + ".shardOf");
        assertThat(debugFirst.err()).contains("\tat " + ExplodingShardFunction.class.getName() + ".shardOf");
    }
}
