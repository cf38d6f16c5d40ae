package io.unitrouter.cli;

import static io.unitrouter.cli.FakeNacos.withNacos;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import io.unitrouter.core.spi.AppliedEpoch;
import io.unitrouter.nacos.NacosRuleStore;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NacosFailoverCommandTest {

    private static final String NAME = "nacos:rules.yaml (group UNIT_ROUTER, server 10.0.0.1:8848)";
    private static final String OPTIONS = "--nacos-server-addr 10.0.0.1:8848 --nacos-data-id rules.yaml";

    @TempDir
    Path dir;

    private final FakeNacos nacos = new FakeNacos();

    @Test
    void planAndExecuteRunOnTheNacosStoreWithTheJournalBesideIt() {
        nacos.publish(Rules.THREE_CITIES);
        Cli.Result plan = nacos.run(withNacos("failover", "plan", "--event", "drain:hz2"));
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        String checksum = plan.outLines().get(0).substring("plan:           ".length()).substring(0, 16);

        Cli.Result execute = nacos.run(withNacos("failover", "execute", "--event", "drain:hz2", "--no-fence",
                "--confirm", checksum, "--operator", "alice@bastion"));

        assertThat(execute.exitCode()).as(execute.err()).isZero();
        assertThat(execute.out()).containsPattern("(?m)^  SWITCH +done ")
                .containsPattern("(?m)^run f42-[0-9a-f]{4} completed in ");
        RuleDocument now = RuleDocuments.parse(nacos.document(), "nacos");
        assertThat(now.epoch()).isEqualTo(44);
        assertThat(now.offline()).containsExactly("rz02", "czhz");
        assertThat(nacos.server.content("rules.yaml.failover", FakeNacos.GROUP)).contains(checksum);

        Cli.Result journal = nacos.run(withNacos("failover", "journal"));
        assertThat(journal.exitCode()).as(journal.err()).isZero();
        assertThat(journal.outLines().get(0)).contains("drain:hz2  plan " + checksum + "  by alice@bastion")
                .contains("COMPLETED in");
        Cli.Result status = nacos.run(withNacos("failover", "status"));
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains("rules:          " + NAME + " (epoch 44", "failover:       none in progress");
        assertThat(nacos.shutDowns).hasValue(nacos.clients.size());
    }

    @Test
    void aStoppedRunOnNacosIsContinuedWithTheSameNacosOptions() {
        nacos.publish(Rules.THREE_CITIES);
        // An instance of rz03 that is alive but stuck at epoch 42: the barrier of a planned drain waits for it.
        try (NacosRuleStore instance = NacosRuleStore.builder(nacos.server, FakeNacos.DATA_ID)
                .snapshotDirectory(dir).build()) {
            instance.reportApplied(new AppliedEpoch("stuck@sh1#7", "rz03", 42, "c", Instant.now().plusSeconds(60)));
        }

        Cli.Result stopped = nacos.run(withNacos("failover", "execute", "--event", "drain:hz2", "--no-fence", "--yes",
                "--barrier-timeout", "300ms"));

        assertThat(stopped.exitCode()).isEqualTo(1);
        assertThat(stopped.err()).contains("stuck@sh1#7 (rz03, epoch 42")
                .contains("'unit-router failover status " + OPTIONS + "' shows where it stopped")
                .contains("'unit-router failover abort " + OPTIONS + " --no-fence' rolls it back");
        Cli.Result status = nacos.run(withNacos("failover", "status"));
        assertThat(status.out()).containsPattern("failover: +f42-[0-9a-f]{4} of drain:hz2 .*RUNNING.*; stopped: BARRIER")
                .containsPattern("(?m)^ +stuck@sh1#7 +rz03 +42 +\\d+ ms +yes$");

        Cli.Result abort = nacos.run(withNacos("failover", "abort", "--no-fence"));

        assertThat(abort.exitCode()).as(abort.err()).isZero();
        RuleDocument now = RuleDocuments.parse(nacos.document(), "nacos");
        assertThat(now.epoch()).isEqualTo(45);
        assertThat(now.owners()).isEqualTo(RuleDocuments.parse(Rules.THREE_CITIES, "x").owners());
        Cli.Result resume = nacos.run(withNacos("failover", "resume", "--no-fence"));
        assertThat(resume.exitCode()).isEqualTo(1);
        assertThat(resume.errLines()).containsExactly("error: no failover is in progress (journal"
                + " nacos:rules.yaml.failover (group UNIT_ROUTER))");
    }

    @Test
    void executeAgainstAnUnreachableServerChangesNothing() {
        nacos.publish(Rules.THREE_CITIES);
        nacos.server.serverDown();

        Cli.Result result = nacos.run(withNacos("failover", "execute", "--event", "drain:hz2", "--no-fence", "--yes"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.errLines()).first().asString().startsWith("error: cannot reach Nacos server 10.0.0.1:8848");
        nacos.server.serverUp();
        assertThat(RuleDocuments.parse(nacos.document(), "nacos").epoch()).isEqualTo(42);
        assertThat(nacos.server.content("rules.yaml.failover", FakeNacos.GROUP)).isNull();
    }

    @Test
    void aRuleFileAndNacosTogetherAreRefusedByTheFailoverCommands() {
        Path file = Rules.threeCities(dir).write("rules.yaml");

        Cli.Result result = nacos.run(withNacos("failover", "execute", file, "--event", "drain:hz2", "--no-fence"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).first().asString().endsWith("are mutually exclusive (specify only one)");
        assertThat(nacos.clients).isEmpty();
    }

    @Test
    void journalWithoutRunsNamesTheJournalDataId() {
        nacos.publish(Rules.THREE_CITIES);

        Cli.Result result = nacos.run(withNacos("failover", "journal"));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.outLines()).containsExactly("no failover runs in data id rules.yaml.failover in group"
                + " UNIT_ROUTER");
    }
}
