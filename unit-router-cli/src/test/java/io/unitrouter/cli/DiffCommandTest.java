package io.unitrouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffCommandTest {

    @TempDir
    Path dir;

    @Test
    void reportsOwnerMoveAsRangePerCellPairAndNewlyFrozenShards() {
        Path old = Rules.threeCities(dir).write("old.yaml");
        Path next = Rules.threeCities(dir).epoch(43).moveShards20To29ToRz01().frozen("[\"40-44\"]")
                .write("new.yaml");

        Cli.Result result = Cli.run("rules", "diff", old, next);

        assertThat(result.exitCode()).as("a diff is a report").isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.outLines()).containsSubsequence(
                "epoch:          42 -> 43",
                "owner changes (10 shards):",
                "  shards 20-29: rz02 -> rz01",
                "frozen:         40-44");
        assertThat(result.out()).doesNotContain("unfrozen", "active GZone", "no differences");
    }

    @Test
    void groupsMovesBySourceAndTargetCell() {
        Path old = Rules.threeCities(dir).write("old.yaml");
        Path next = Rules.threeCities(dir).epoch(43)
                .replace("{ shards: \"20-39\", cell: rz02 }", "{ shards: \"20-24,30-39\", cell: rz02 }")
                .replace("{ shards: \"60-79\", cell: rz04 }", "{ shards: \"60-79,25-27\", cell: rz04 }")
                .replace("{ shards: \"80-99\", cell: rz05 }", "{ shards: \"80-99,28-29\", cell: rz05 }")
                .write("new.yaml");

        Cli.Result result = Cli.run("rules", "diff", old, next);

        assertThat(result.outLines()).containsSubsequence(
                "owner changes (5 shards):",
                "  shards 25-27: rz02 -> rz04",
                "  shards 28-29: rz02 -> rz05");
    }

    @Test
    void reportsUnfrozenShardsAndActiveGZoneChange() {
        Path old = Rules.threeCities(dir).frozen("[\"40-44\"]").write("old.yaml");
        Path next = Rules.threeCities(dir).epoch(43).frozen("[\"42-47\"]")
                .replace("shards: 100\n", "shards: 100\nactive-gzone: gz02\n").write("new.yaml");

        Cli.Result result = Cli.run("rules", "diff", old, next);

        assertThat(result.outLines()).contains(
                "frozen:         45-47",
                "unfrozen:       40-41",
                "active GZone:   gz01 -> gz02");
        assertThat(result.out()).doesNotContain("owner changes");
    }

    @Test
    void saysNoDifferencesForTheSameDocumentAndExitsZeroEvenWithExitCode() {
        Path old = Rules.threeCities(dir).write("old.yaml");
        Path same = Rules.threeCities(dir).write("same.yaml");

        Cli.Result report = Cli.run("rules", "diff", old, same);
        Cli.Result checked = Cli.run("rules", "diff", "--exit-code", old, same);

        assertThat(report.exitCode()).isZero();
        assertThat(report.outLines()).last().isEqualTo("no differences");
        assertThat(report.err()).as("no epoch warning when nothing would be published").isEmpty();
        assertThat(checked.exitCode()).isZero();
    }

    @Test
    void exitsWith3WhenDocumentsDifferAndExitCodeIsGiven() {
        Path old = Rules.threeCities(dir).write("old.yaml");
        Path next = Rules.threeCities(dir).epoch(43).moveShards20To29ToRz01().write("new.yaml");

        Cli.Result result = Cli.run("rules", "diff", old, next, "--exit-code");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.outLines()).contains("  shards 20-29: rz02 -> rz01");
    }

    @Test
    void countsAnEpochOnlyChangeAsADifference() {
        Path old = Rules.threeCities(dir).write("old.yaml");
        Path next = Rules.threeCities(dir).epoch(43).write("new.yaml");

        Cli.Result result = Cli.run("rules", "diff", "--exit-code", old, next);

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.outLines()).endsWith("epoch:          42 -> 43", "routing content: unchanged");
    }

    @Test
    void warnsOnStderrWhenNewEpochIsNotNewer() {
        Path old = Rules.threeCities(dir).write("old.yaml");
        Path sameEpoch = Rules.threeCities(dir).moveShards20To29ToRz01().write("same-epoch.yaml");

        Cli.Result result = Cli.run("rules", "diff", old, sameEpoch);

        assertThat(result.exitCode()).isZero();
        assertThat(result.errLines()).containsExactly("warning: epoch 42 of " + sameEpoch
                + " is not newer than epoch 42 of " + old + "; a rule store would refuse it");
        assertThat(result.outLines()).contains("  shards 20-29: rz02 -> rz01");
    }

    @Test
    void warnsProminentlyWhenShardCountChangesAndComparesOnlyCommonShards() {
        Path old = Rules.threeCities(dir).write("old.yaml");
        Path more = Rules.threeCities(dir).epoch(43)
                .replace("shards: 100", "shards: 200")
                .replace("{ shards: \"80-99\", cell: rz05 }", "{ shards: \"80-99,100-199\", cell: rz05 }")
                .replace("{ id: rz05, kind: RZONE, data-center: sz1, capacity: 100 }",
                        "{ id: rz05, kind: RZONE, data-center: sz1, capacity: 120 }")
                .write("more.yaml");

        Cli.Result result = Cli.run("rules", "diff", old, more);

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).contains("shards:         100 -> 200",
                "cell rz05: capacity 100 -> 120");
        assertThat(result.out()).contains("WARNING: the shard count changes: every key may map to a different shard")
                .contains("compare shard numbers 0-99 only")
                .doesNotContain("owner changes");
    }

    @Test
    void warnsWhenShardFunctionChanges() {
        Path old = Rules.threeCities(dir).write("old.yaml");
        Path hashed = Rules.threeCities(dir).epoch(43).replace("{ type: mod }", "{ type: hash }").write("hash.yaml");

        Cli.Result result = Cli.run("rules", "diff", old, hashed);

        assertThat(result.outLines()).contains("shard function: mod -> hash");
        assertThat(result.out()).contains("WARNING: the shard function changes: every key may map");
    }

    @Test
    void reportsCellsAddedRemovedAndChangedAndOverrideChanges() {
        Path old = Rules.threeCities(dir).write("old.yaml");
        Path next = Rules.threeCities(dir).epoch(43)
                .replace("  - { id: czhz, kind: CZONE, data-center: hz2 }\n",
                        "  - { id: rz06, kind: RZONE, data-center: sz1 }\n")
                .replace("{ id: gz02, kind: GZONE, data-center: sh1 }", "{ id: gz02, kind: GZONE, data-center: sh2 }")
                .replace("overrides: []", "overrides:\n  - { keys: [\"1205\"], cell: rz06 }")
                .write("new.yaml");

        Cli.Result result = Cli.run("rules", "diff", old, next);

        assertThat(result.outLines()).contains(
                "cell gz02: data center sh1 (sh) -> sh2 (sh)",
                "cell czhz removed",
                "cell rz06 added: RZONE in sz1 (sz)",
                "overrides:      0 -> 1 entries");
    }

    @Test
    void validatesBothDocumentsFirstAndReportsEveryError() {
        Path old = Rules.threeCities(dir).replace("cell: rz05", "cell: rz09").write("old.yaml");
        Path next = Rules.threeCities(dir).replace("epoch: 42\n", "").write("new.yaml");

        Cli.Result result = Cli.run("rules", "diff", old, next);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.errLines()).containsExactly(
                "invalid rule file " + old + " (1 error):",
                "error: routing[4]: cell 'rz09' is not defined",
                "invalid rule file " + next + " (1 error):",
                "error: epoch is missing");
    }

    @Test
    void reportsMissingNewFile() {
        Path old = Rules.threeCities(dir).write("old.yaml");

        Cli.Result result = Cli.run("rules", "diff", old, dir.resolve("missing.yaml"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly("error: rule file " + dir.resolve("missing.yaml")
                + " does not exist");
    }
}
