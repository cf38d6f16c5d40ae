package io.unitrouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.core.failover.Checkpoint;
import io.unitrouter.core.failover.FailoverCoordinator;
import io.unitrouter.core.failover.FailoverEvent;
import io.unitrouter.core.failover.FailoverPhase;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import io.unitrouter.core.spi.AppliedEpoch;
import io.unitrouter.core.store.AppliedEpochDirectory;
import io.unitrouter.core.store.FileFailoverJournal;
import io.unitrouter.core.store.FileRuleStore;
import io.unitrouter.sharding.Fences;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailoverCommandTest {

    /** city-down:sh moves 40 shards; these capacities leave room for 15. */
    static final String[] TIGHT = {
        "{ id: rz01, kind: RZONE, data-center: hz1, capacity: 100 }",
        "{ id: rz01, kind: RZONE, data-center: hz1, capacity: 25 }",
        "{ id: rz02, kind: RZONE, data-center: hz2, capacity: 100 }",
        "{ id: rz02, kind: RZONE, data-center: hz2, capacity: 25 }",
        "{ id: rz05, kind: RZONE, data-center: sz1, capacity: 100 }",
        "{ id: rz05, kind: RZONE, data-center: sz1, capacity: 25 }"};

    @TempDir
    Path dir;

    private Path rules() {
        return Rules.threeCities(dir).write("rules.yaml");
    }

    private static Rules tight(Path dir) {
        Rules rules = Rules.threeCities(dir);
        for (int i = 0; i < TIGHT.length; i += 2) {
            rules.replace(TIGHT[i], TIGHT[i + 1]);
        }
        return rules;
    }

    @Test
    void planPrintsTheMovesLoadsAndChecksumAndWritesTheTarget() throws Exception {
        Path rules = rules();
        Path target = dir.resolve("target.yaml");

        Cli.Result result = Cli.run("failover", "plan", rules, "--event", "city-down:sh", "--output", target);

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.outLines()).anyMatch(l -> l.startsWith("plan:           ") && l.endsWith(" for city-down:sh"))
                .contains("moves:          40 shards", "offline:        rz03, rz04, gz02")
                .contains("written:        " + target + " (the target document, epoch 44)");
        RuleDocument written = RuleDocuments.read(target);
        assertThat(written.epoch()).isEqualTo(44);
        assertThat(written.offline()).containsExactly("rz03", "rz04", "gz02");
        assertThat(RuleDocuments.read(rules).epoch()).isEqualTo(42);
    }

    @Test
    void planWithShardGroupsMovesWholeGroups() {
        Cli.Result result = Cli.run("failover", "plan", rules(), "--event", "city-down:hz", "--shard-groups", "10");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).filteredOn(l -> l.startsWith("  shards "))
                .allMatch(l -> l.matches("  shards \\d*0-\\d*9: .*"));
    }

    @Test
    void aDocumentTooTightForTheEventIsRefusedWithTheShortfallAndExit5() {
        Path rules = tight(dir).write("tight.yaml");

        Cli.Result result = Cli.run("failover", "plan", rules, "--event", "city-down:sh");

        assertThat(result.exitCode()).isEqualTo(FailoverCommand.EXIT_REFUSED);
        assertThat(result.out()).isEmpty();
        assertThat(result.errLines()).containsExactly("error: city-down:sh needs 40 shards of free capacity, the"
                + " surviving cells have 15 (rz01 5, rz02 5, rz05 5)");
    }

    @Test
    void anUnreadableEventIsAUsageErrorNamingTheValidForms() {
        Cli.Result result = Cli.run("failover", "plan", rules(), "--event", "city-dwn:sh");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("failover event 'city-dwn:sh' is not valid: 'city-dwn' is not a kind of event")
                .contains("city-down:CITY");
    }

    @Test
    void executeWithoutConfirmationPrintsThePlanAndChangesNothing() {
        Path rules = rules();

        Cli.Result result = Cli.run("failover", "execute", rules, "--event", "drain:hz2", "--no-fence");

        assertThat(result.exitCode()).isEqualTo(FailoverCommand.EXIT_NOT_CONFIRMED);
        assertThat(result.out()).contains("moves:          20 shards");
        assertThat(result.err()).startsWith("error: not executed: review the plan above, then run again with --confirm ");
        assertThat(RuleDocuments.read(rules).epoch()).isEqualTo(42);
        assertThat(FileFailoverJournal.beside(rules).read()).isEmpty();
    }

    @Test
    void executeRunsEveryPhaseAndTheJournalKeepsTheAudit() {
        Path rules = rules();
        String checksum = planChecksum(rules, "drain:hz2");

        Cli.Result result = Cli.run("failover", "execute", rules, "--event", "drain:hz2", "--no-fence", "--confirm",
                checksum, "--operator", "alice@bastion");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("started by alice@bastion").containsPattern("(?m)^  FREEZE +done ")
                .containsPattern("(?m)^  SWITCH +done ").containsPattern("(?m)^run f42-[0-9a-f]{4} completed in ");
        assertThat(RuleDocuments.read(rules).epoch()).isEqualTo(44);
        assertThat(RuleDocuments.read(rules).offline()).containsExactly("rz02", "czhz");

        Cli.Result journal = Cli.run("failover", "journal", rules);
        assertThat(journal.exitCode()).isZero();
        assertThat(journal.outLines().get(0)).contains("drain:hz2  plan " + checksum + "  by alice@bastion")
                .contains("COMPLETED in");
        assertThat(journal.outLines().get(1)).startsWith("  FREEZE ").contains("VERIFY ");
    }

    @Test
    void aChangedPlanIsNotExecutedOnAnOldConfirmation() {
        Path rules = rules();

        Cli.Result result = Cli.run("failover", "execute", rules, "--event", "drain:hz2", "--no-fence", "--confirm",
                "0123456789abcdef");

        assertThat(result.exitCode()).isEqualTo(FailoverCommand.EXIT_NOT_CONFIRMED);
        assertThat(result.err()).contains("not the 0123456789abcdef you confirmed");
        assertThat(RuleDocuments.read(rules).epoch()).isEqualTo(42);
    }

    @Test
    void executeBumpsTheFencesNamedInTheFenceConfiguration() throws Exception {
        Path rules = rules();
        String url = "jdbc:h2:mem:cli_fence_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        try (Connection keepAlive = DriverManager.getConnection(url, "sa", "")) {
            try (Statement s = keepAlive.createStatement()) {
                s.execute(Fences.CREATE_TABLE_SQL);
                for (int group = 0; group < 10; group++) {
                    s.execute("INSERT INTO unit_fence VALUES ('" + group + "', 'rz0" + (group / 2 + 1) + "', 42)");
                }
            }
            Path config = Files.writeString(dir.resolve("fences.yaml"), "layout: { databases: 1, tables-per-database:"
                    + " 10 }\ndatabases:\n  - { url: \"" + url + "\", user: sa, password-env: UNIT_ROUTER_UNSET_VAR_"
                    + System.nanoTime() + " }\n");
            Cli.Result missingPassword = Cli.run("failover", "execute", rules, "--event", "dc-down:hz1",
                    "--fence-config", config, "--yes");
            assertThat(missingPassword.exitCode()).isEqualTo(1);
            assertThat(missingPassword.err()).contains("databases[0]: environment variable UNIT_ROUTER_UNSET_VAR_")
                    .contains("is not set");
            Files.writeString(config, "layout: { databases: 1, tables-per-database: 10 }\ndatabases:\n  - { url: \""
                    + url + "\", user: sa, password: \"\" }\n");

            Cli.Result result = Cli.run("failover", "execute", rules, "--event", "dc-down:hz1", "--fence-config",
                    config, "--yes");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).containsPattern("(?m)^  FENCE +done .*fences at epoch 44: 0-19 -> rz02");
            assertThat(fence(keepAlive, 0)).isEqualTo("rz02@44");
            assertThat(fence(keepAlive, 2)).isEqualTo("rz02@42");
        }
    }

    @Test
    void aBadFenceConfigurationIsNamed() throws Exception {
        Path config = Files.writeString(dir.resolve("fences.yaml"), "layout: { databases: 1, tables: 10 }\n");

        Cli.Result result = Cli.run("failover", "execute", rules(), "--event", "dc-down:hz1", "--fence-config", config,
                "--yes");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly("error: fence configuration " + config
                + ": layout: unknown field 'tables' (known: databases, tables-per-database)");
    }

    @Test
    void aStoppedRunIsShownByStatusAndRolledBackByAbort() {
        Path rules = rules();
        // An instance of rz03 that is alive but stuck at epoch 42: the barrier of a planned drain waits for it.
        new AppliedEpochDirectory(dir.resolve("rules.yaml.applied"), "test").report(new AppliedEpoch("stuck@sh1#7",
                "rz03", 42, "c", Instant.now().plusSeconds(60)));

        Cli.Result stopped = Cli.run("failover", "execute", rules, "--event", "drain:hz2", "--no-fence", "--yes",
                "--barrier-timeout", "300ms");

        assertThat(stopped.exitCode()).isEqualTo(1);
        assertThat(stopped.err()).contains("had not applied epoch 43").contains("stuck@sh1#7 (rz03, epoch 42")
                .contains("stays in the journal: 'unit-router failover status " + rules + "'")
                .contains("'unit-router failover abort " + rules + " --no-fence' rolls it back");
        Cli.Result status = Cli.run("failover", "status", rules);
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("rules:          " + rules + " (epoch 43")
                .containsPattern("failover: +f42-[0-9a-f]{4} of drain:hz2 .*RUNNING.*; stopped: BARRIER")
                .containsPattern("(?m)^ +stuck@sh1#7 +rz03 +42 +\\d+ ms +yes$")
                .contains("converged:      no: 1 of 1 live instances have not applied epoch 43");

        Cli.Result abort = Cli.run("failover", "abort", rules, "--no-fence");

        assertThat(abort.exitCode()).as(abort.err()).isZero();
        assertThat(abort.out()).containsPattern("run f42-[0-9a-f]{4} aborted: the owners of epoch 42 are in force"
                + " again at epoch 45");
        RuleDocument now = RuleDocuments.read(rules);
        assertThat(now.epoch()).isEqualTo(45);
        assertThat(now.owners()).isEqualTo(RuleDocuments.parse(Rules.THREE_CITIES, "x").owners());
        assertThat(now.frozen()).isEmpty();
    }

    @Test
    void abortAfterTheSwitchIsRefusedWithTheReversePlan() {
        Path rules = rules();
        try (FileRuleStore store = FileRuleStore.builder(rules).build()) {
            Checkpoint dieBeforeVerify = (run, phase, ended) -> {
                if (phase == FailoverPhase.VERIFY && !ended) {
                    throw new IllegalStateException("killed");
                }
            };
            FailoverCoordinator doomed = FailoverCoordinator.builder().ruleStore(store)
                    .journal(FileFailoverJournal.beside(rules)).withoutFence().checkpoint(dieBeforeVerify).build();
            try {
                doomed.execute(doomed.plan(FailoverEvent.parse("move:20-29:rz05")));
            } catch (IllegalStateException expected) {
                // the coordinator "died" after its switch
            }
        }

        Cli.Result abort = Cli.run("failover", "abort", rules, "--no-fence");

        assertThat(abort.exitCode()).isEqualTo(1);
        assertThat(abort.err()).contains("has switched at epoch 44").contains("cannot be aborted");
        assertThat(abort.out()).contains("reverse plan:", "    shards 20-29: rz05 -> rz02")
                .containsPattern("execute it with: unit-router failover execute " + java.util.regex.Pattern.quote(
                        rules.toString()) + " --event revert:f42-[0-9a-f]{4} --no-fence --confirm [0-9a-f]{16}");

        Cli.Result resume = Cli.run("failover", "resume", rules, "--no-fence");
        assertThat(resume.exitCode()).as(resume.err()).isZero();
        assertThat(resume.out()).containsPattern("run f42-[0-9a-f]{4} completed");
    }

    @Test
    void statusWithoutAnyRunOrReport() {
        Cli.Result status = Cli.run("failover", "status", rules());

        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("failover:       none in progress", "  none has reported",
                "converged:      yes: all 0 live instances have applied epoch 42");
    }

    private static String planChecksum(Path rules, String event) {
        Cli.Result plan = Cli.run("failover", "plan", rules, "--event", event);
        String line = plan.outLines().get(0);
        return line.substring("plan:           ".length(), "plan:           ".length() + 16);
    }

    private static String fence(Connection c, int group) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT owner_cell, epoch FROM unit_fence WHERE shard_group = '" + group
                        + "'")) {
            rs.next();
            return rs.getString(1) + "@" + rs.getLong(2);
        }
    }
}
