package io.unitrouter.console.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.unitrouter.console.ConsoleClient;
import io.unitrouter.console.ConsoleFixture;
import io.unitrouter.core.spi.AppliedEpoch;
import io.unitrouter.core.spi.RuleStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A run that stops at its barrier, because a live instance never applies the freeze, and what an operator does
 * about it from the console: abort it, or resume it once the instance is gone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StoppedRunTest {

    private static final Path RULES = ConsoleFixture.rulesFile();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ConsoleFixture.properties(registry, RULES, "1s");
    }

    @LocalServerPort
    int port;

    @Autowired
    RuleStore store;

    private final ScheduledExecutorService stuck = Executors.newSingleThreadScheduledExecutor();
    private ConsoleClient alice;

    @BeforeEach
    void stuckInstance() {
        alice = new ConsoleClient(port);
        assertThat(alice.login("alice", ConsoleFixture.PASSWORD)).isTrue();
        long epoch = store.load().epoch();
        // Alive (it heartbeats) but never applies anything newer: the barrier waits for it until it times out.
        stuck.scheduleAtFixedRate(() -> store.reportApplied(new AppliedEpoch("stuck@test", "rz03", epoch, "old",
                Instant.now())), 0, 100, TimeUnit.MILLISECONDS);
    }

    @AfterEach
    void stop() throws InterruptedException {
        stuck.shutdownNow();
        stuck.awaitTermination(5, TimeUnit.SECONDS);
        store.pruneAppliedEpochs(Instant.now().plusSeconds(60));
    }

    private JsonNode stoppedRun() {
        String checksum = alice.get("/api/failover/plan?event=drain:sz1").json().path("checksum").asString();
        assertThat(alice.post("/api/failover/execute", Map.of("event", "drain:sz1", "checksum", checksum)).status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> !alice.get("/api/failover").json().path("active")
                .path("problem").isNull());
        return alice.get("/api/failover").json().path("active");
    }

    @Test
    void aRunStoppedAtItsBarrierNamesTheLaggardAndAnAbortRestoresThePreviousOwners() {
        long base = store.load().epoch();
        String[] owners = store.load().owners();

        JsonNode run = stoppedRun();

        assertThat(run.path("problem").asString()).contains("stuck@test");
        assertThat(run.path("phases").get(1).path("state").asString()).isEqualTo("failed");
        assertThat(alice.post("/api/failover/abort", Map.of()).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> alice.get("/api/failover").json().path("active").isNull());
        JsonNode aborted = alice.get("/api/failover").json().path("history").get(0);
        assertThat(aborted.path("status").asString()).isEqualTo("ABORTED");
        assertThat(aborted.path("phases").findValuesAsString("phase")).contains("UNFENCE", "RESTORE");
        assertThat(store.load().owners()).isEqualTo(owners);
        assertThat(store.load().epoch()).isGreaterThan(base);
        assertThat(alice.get("/api/audit").json().path("entries").findValuesAsString("action")).contains("abort");
    }

    @Test
    void aRunStoppedAtItsBarrierCompletesOnResumeOnceTheLaggardIsGone() throws InterruptedException {
        long base = store.load().epoch();
        stoppedRun();
        stop();

        assertThat(alice.post("/api/failover/resume", Map.of()).status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> alice.get("/api/failover").json().path("active").isNull());
        assertThat(alice.get("/api/failover").json().path("history").get(0).path("status").asString())
                .isEqualTo("COMPLETED");
        assertThat(store.load().epoch()).isEqualTo(base + 2);
        assertThat(store.load().isOffline("rz05")).isTrue();

        // Back to where the other test starts from.
        String back = alice.get("/api/failover/plan?event=switchback:sz1").json().path("checksum").asString();
        assertThat(alice.post("/api/failover/execute", Map.of("event", "switchback:sz1", "checksum", back)).status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> store.load().epoch() == base + 4
                && alice.get("/api/failover").json().path("active").isNull());
    }
}
