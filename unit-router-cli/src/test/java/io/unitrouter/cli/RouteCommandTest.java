package io.unitrouter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.unitrouter.core.MalformedKeyException;
import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.rules.RuleDocuments;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouteCommandTest {

    @TempDir
    Path dir;

    @Test
    void routesKeyToTheCellOwningItsShardInHangzhou() {
        Path file = Rules.threeCities(dir).write("rules.yaml");

        Cli.Result result = Cli.run("route", file, "1205");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.outLines()).containsExactly(
                "scope:          UNIT",
                "key:            1205",
                "shard:          5",
                "cell:           rz01 (RZONE)",
                "data center:    hz1",
                "city:           hz",
                "access:         READ",
                "frozen:         no",
                "overridden:     no",
                "epoch:          42");
    }

    @Test
    void routesKeyToTheCellOwningItsShardInShanghai() {
        Path file = Rules.threeCities(dir).write("rules.yaml");

        Cli.Result result = Cli.run("route", file, "1234567", "--write");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).contains(
                "shard:          67",
                "cell:           rz04 (RZONE)",
                "data center:    sh2",
                "city:           sh",
                "access:         WRITE",
                "write blocked:  no");
    }

    @Test
    void marksWriteToFrozenShardAsBlocked() {
        Path file = Rules.threeCities(dir).epoch(43).frozen("[\"40-44\"]").write("frozen.yaml");

        Cli.Result write = Cli.run("route", file, "1242", "--write");
        Cli.Result read = Cli.run("route", file, "1242");

        assertThat(write.exitCode()).as("routing a blocked write is still a successful lookup").isZero();
        assertThat(write.outLines()).contains("shard:          42", "cell:           rz03 (RZONE)",
                "frozen:         yes", "write blocked:  yes", "epoch:          43");
        assertThat(read.outLines()).contains("frozen:         yes").doesNotContain("write blocked:  yes");
    }

    @Test
    void rejectsNonNumericKeyUnderModWithoutPrintingACell() {
        Path file = Rules.threeCities(dir).write("rules.yaml");
        String expected = catchThrowableOfType(MalformedKeyException.class,
                () -> RoutingTable.of(RuleDocuments.read(file)).shardOf("12ab")).getMessage();

        Cli.Result result = Cli.run("route", file, "12ab");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.errLines()).containsExactly("error: " + expected);
        assertThat(result.err()).doesNotContain("rz0", "at io.");
    }

    @Test
    void showsWhenAnOverrideSendsTheKeyElsewhere() {
        Path file = Rules.threeCities(dir).replace("overrides: []", "overrides:\n  - { keys: [\"1205\"], cell: rz02 }")
                .write("override.yaml");

        Cli.Result result = Cli.run("route", file, "1205");

        assertThat(result.outLines()).contains("cell:           rz02 (RZONE)",
                "overridden:     yes (the shard's owner is rz01)");
    }

    @Test
    void routesGlobalDataToTheActiveGZoneAndCityReadsToTheCityCZone() {
        Path file = Rules.threeCities(dir).write("rules.yaml");

        Cli.Result global = Cli.run("route", file, "--global", "--write");
        Cli.Result city = Cli.run("route", file, "--city", "hz");

        assertThat(global.exitCode()).isZero();
        assertThat(global.outLines()).contains("scope:          GLOBAL", "cell:           gz01 (GZONE)",
                "access:         WRITE").noneMatch(line -> line.startsWith("shard:"));
        assertThat(city.outLines()).contains("scope:          CITY", "cell:           czhz (CZONE)");
    }

    @Test
    void reportsUnknownCity() {
        Path file = Rules.threeCities(dir).write("rules.yaml");

        Cli.Result result = Cli.run("route", file, "--city", "bj");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly("error: city 'bj' is not defined; known cities: [hz, sh, sz]");
    }

    @Test
    void rejectsKeyTogetherWithGlobalAsUsageError() {
        Path file = Rules.threeCities(dir).write("rules.yaml");

        Cli.Result both = Cli.run("route", file, "1205", "--global");
        Cli.Result neither = Cli.run("route", file);

        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.errLines()).first().isEqualTo("error: Give either KEY or --global, not both");
        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.errLines()).first().asString().startsWith("error: Missing required parameter: 'KEY'");
    }
}
