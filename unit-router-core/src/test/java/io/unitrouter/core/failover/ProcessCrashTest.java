package io.unitrouter.core.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.unitrouter.core.TestRules;
import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.store.FileFailoverJournal;
import io.unitrouter.core.store.FileRuleStore;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator runs in a separate JVM on a file store and is killed with {@code destroyForcibly()} in the
 * middle of a failover; a coordinator in this JVM then finishes or rolls back the run from the journal file.
 */
class ProcessCrashTest {

    @TempDir
    Path dir;

    private Path rules;
    private FileFence fence;
    private FileRuleStore instanceStore;
    private UnitRouter instance;
    private Process child;

    @BeforeEach
    void start() throws IOException {
        rules = Files.writeString(dir.resolve("rules.yaml"), TestRules.text("three-cities.yaml"));
        fence = new FileFence(dir.resolve("fences.properties"));
        // One live instance of a surviving cell, in this JVM, following the file.
        instanceStore = FileRuleStore.builder(rules).pollInterval(Duration.ofMillis(50)).build();
        instance = UnitRouter.builder().ruleStore(instanceStore).localCell("rz02").instanceId("rz02@test")
                .heartbeat(Duration.ofMillis(200)).build();
    }

    @AfterEach
    void stop() {
        if (child != null) {
            child.destroyForcibly();
        }
        instance.close();
        instanceStore.close();
    }

    private String killChildAt(FailoverPhase phase, String when) throws Exception {
        Path out = dir.resolve("child.out");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classPath(), CoordinatorProcess.class.getName(), rules.toString(),
                dir.resolve("fences.properties").toString(), phase.name(), when));
        child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> Files.exists(out) && Files.readString(out).contains("PAUSED"));
        child.destroyForcibly().waitFor();
        String output = Files.readString(out, StandardCharsets.UTF_8);
        return output.substring(output.indexOf("PAUSED ") + 7).strip();
    }

    private FailoverCoordinator rescuer() {
        FileRuleStore store = FileRuleStore.builder(rules).pollInterval(Duration.ofMillis(50)).build();
        return FailoverCoordinator.builder().ruleStore(store).journal(FileFailoverJournal.beside(rules)).fence(fence)
                .operator("rescuer").pollInterval(Duration.ofMillis(10)).build();
    }

    @Test
    void aCoordinatorKilledAfterTheFreezeIsResumedByAnother() throws Exception {
        String runId = killChildAt(FailoverPhase.FREEZE, "ended");
        assertThat(child.isAlive()).isFalse();

        FailoverCoordinator rescuer = rescuer();
        assertThat(rescuer.activeRun()).hasValueSatisfying(run -> {
            assertThat(run.id()).isEqualTo(runId);
            assertThat(run.holder()).startsWith("child#");
        });
        FailoverRun run = rescuer.resume();

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        FailoverPlan plan = run.plan();
        assertThat(RoutingTable.of(rescuer.ruleStore().load()).checksum()).isEqualTo(plan.targetChecksum());
        IntStream.of(plan.movingShards()).forEach(s -> assertThat(fence.row(s)).isEqualTo("rz02@44"));
        await().atMost(Duration.ofSeconds(30)).until(() -> instance.table().epoch() == 44);
    }

    @Test
    void aCoordinatorKilledAfterTheFenceIsAbortedWithTheFencesMovedBack() throws Exception {
        killChildAt(FailoverPhase.FENCE, "ended");
        assertThat(fence.row(5)).isEqualTo("rz02@44");

        FailoverCoordinator rescuer = rescuer();
        FailoverRun run = rescuer.abort();

        assertThat(run.status()).isEqualTo(RunStatus.ABORTED);
        assertThat(rescuer.ruleStore().load().epoch()).isEqualTo(45);
        assertThat(rescuer.ruleStore().load().owners()).isEqualTo(TestRules.threeCities().owners());
        assertThat(rescuer.ruleStore().load().frozen()).isEmpty();
        IntStream.range(0, 20).forEach(s -> assertThat(fence.row(s)).isEqualTo("rz01@45"));
        assertThat(rescuer.history()).singleElement().satisfies(r -> assertThat(r.steps())
                .extracting(StepRecord::phase).containsExactly(FailoverPhase.FREEZE, FailoverPhase.BARRIER,
                        FailoverPhase.FENCE, FailoverPhase.UNFENCE, FailoverPhase.RESTORE));
    }

    /** The test classes, the main classes and the libraries core needs, wherever the build put them. */
    private static String classPath() throws URISyntaxException {
        List<String> entries = new ArrayList<>();
        for (Class<?> type : List.of(CoordinatorProcess.class, FailoverCoordinator.class,
                org.yaml.snakeyaml.Yaml.class, tools.jackson.core.JsonParser.class,
                org.apache.commons.codec.digest.MurmurHash3.class)) {
            entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }
}
