package io.unitrouter.console.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.unitrouter.console.ConsoleClient;
import io.unitrouter.console.ConsoleFixture;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import io.unitrouter.core.spi.RuleStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The JSON API on a real server. The tests share one console and one rule file; those that change the rules start
 * from the epoch in force and put the owners back, so they do not depend on their order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleApiTest {

    private static final Path RULES = ConsoleFixture.rulesFile();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ConsoleFixture.properties(registry, RULES);
    }

    @LocalServerPort
    int port;

    @Autowired
    RuleStore store;

    private ConsoleClient anonymous;
    private ConsoleClient alice;

    @BeforeEach
    void clients() {
        anonymous = new ConsoleClient(port);
        alice = new ConsoleClient(port);
        assertThat(alice.login("alice", ConsoleFixture.PASSWORD)).isTrue();
    }

    @Test
    void theStatusNamesTheStoreAndTheEpochInForce() {
        JsonNode status = anonymous.get("/api/status").json();

        assertThat(status.path("ok").asBoolean()).isTrue();
        assertThat(status.path("store").asString()).isEqualTo("file:" + RULES);
        assertThat(status.path("epoch").asLong()).isEqualTo(store.load().epoch());
        assertThat(status.path("shards").asInt()).isEqualTo(100);
    }

    @Test
    void theTopologyListsCitiesDataCentersAndCellsWithTheirKind() {
        JsonNode topology = anonymous.get("/api/topology").json();

        assertThat(topology.path("cities").findValuesAsString("id")).contains("hz", "sh", "sz", "hz1", "hz2", "rz01",
                "gz01", "czhz");
        JsonNode hz1 = topology.path("cities").get(0).path("dataCenters").get(0);
        assertThat(hz1.path("id").asString()).isEqualTo("hz1");
        assertThat(hz1.path("cells").get(0).path("kind").asString()).isEqualTo("RZONE");
        assertThat(hz1.path("cells").get(0).path("liveness").asString()).isEqualTo("unknown");
    }

    @Test
    void theShardMapHasEveryShardWithItsOwnerHomeAndHistory() {
        JsonNode map = anonymous.get("/api/shards").json();

        assertThat(map.path("shards")).hasSize(100);
        JsonNode shard37 = map.path("shards").get(37);
        assertThat(shard37.path("owner").asString()).isEqualTo(store.load().ownerOf(37));
        assertThat(shard37.path("home").asString()).isEqualTo(store.load().homeOf(37));
        assertThat(shard37.path("history")).isNotEmpty();
        assertThat(map.path("cells").findValuesAsString("id")).containsExactly("rz01", "rz02", "rz03", "rz04", "rz05");
    }

    @Test
    void aPlanPreviewShowsMovesTheGZonePromotionAndCapacityPerTarget() {
        JsonNode plan = anonymous.get("/api/failover/plan?event=dc-down:hz1").json();

        assertThat(plan.path("moves").get(0).path("from").asString()).isEqualTo("rz01");
        assertThat(plan.path("gZonePromotion").path("to").asString()).isEqualTo("gz02");
        assertThat(plan.path("loads").findValuesAsString("cell")).contains("rz02");
        assertThat(plan.path("checksum").asString()).hasSize(16);
        assertThat(plan.path("targetOwners")).hasSize(100);
    }

    @Test
    void anUnknownEventIsABadRequestThatListsTheValidForms() {
        ConsoleClient.Answer answer = anonymous.get("/api/failover/plan?event=explode:hz1");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("detail").asString()).contains("'explode' is not a kind of event")
                .contains("drain:CELL|DC|CITY");
    }

    @Test
    void anAnonymousUserCannotExecuteAndNothingIsPublished() {
        long epoch = store.load().epoch();
        String checksum = anonymous.get("/api/failover/plan?event=drain:sz1").json().path("checksum").asString();

        ConsoleClient.Answer withToken = anonymous.post("/api/failover/execute",
                Map.of("event", "drain:sz1", "checksum", checksum));
        ConsoleClient.Answer withoutToken = anonymous.post("/api/failover/execute",
                "{\"event\":\"drain:sz1\",\"checksum\":\"" + checksum + "\"}", "application/json", false);

        assertThat(withToken.status()).isEqualTo(401);
        assertThat(withoutToken.status()).isEqualTo(403);
        assertThat(store.load().epoch()).isEqualTo(epoch);
    }

    @Test
    void aUserWithoutTheOperatorRoleCannotExecute() {
        ConsoleClient bob = new ConsoleClient(port);
        assertThat(bob.login("bob", ConsoleFixture.PASSWORD)).isTrue();
        long epoch = store.load().epoch();

        ConsoleClient.Answer answer = bob.post("/api/failover/abort", Map.of());

        assertThat(answer.status()).isEqualTo(403);
        assertThat(bob.get("/api/session").json().path("operator").asBoolean()).isFalse();
        assertThat(store.load().epoch()).isEqualTo(epoch);
    }

    @Test
    void aWrongPasswordDoesNotLogIn() {
        assertThat(new ConsoleClient(port).login("alice", "wrong")).isFalse();
    }

    @Test
    void anOperatorExecutesAConfirmedPlanAndTheJournalAndAuditNameHer() {
        long epoch = store.load().epoch();
        String checksum = alice.get("/api/failover/plan?event=drain:sz1").json().path("checksum").asString();

        ConsoleClient.Answer started = alice.post("/api/failover/execute", Map.of("event", "drain:sz1",
                "checksum", checksum));
        try {
            assertExecuted(started, epoch);
        } finally {
            switchBack(checksumOf("switchback:sz1"));
        }
    }

    private void assertExecuted(ConsoleClient.Answer started, long epoch) {
        assertThat(started.status()).isEqualTo(202);
        String runId = started.json().path("runId").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> store.load().epoch() == epoch + 2
                && alice.get("/api/failover").json().path("active").isNull());
        assertThat(store.load().isOffline("rz05")).isTrue();
        JsonNode run = alice.get("/api/failover").json().path("history").get(0);
        assertThat(run.path("id").asString()).isEqualTo(runId);
        assertThat(run.path("operator").asString()).isEqualTo("alice");
        assertThat(run.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(run.path("phases").findValuesAsString("phase")).containsExactly("FREEZE", "BARRIER", "FENCE",
                "CATCH_UP", "SWITCH", "VERIFY");
        assertThat(alice.get("/api/audit").json().path("entries").findValuesAsString("operator")).contains("alice");
        assertThat(alice.get("/api/rules").json().path("epochs").findValuesAsString("epoch"))
                .contains(String.valueOf(epoch + 1), String.valueOf(epoch + 2));
    }

    private String checksumOf(String event) {
        return alice.get("/api/failover/plan?event=" + event).json().path("checksum").asString();
    }

    private void switchBack(String checksum) {
        long epoch = store.load().epoch();
        assertThat(alice.post("/api/failover/execute", Map.of("event", "switchback:sz1", "checksum", checksum))
                .status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> store.load().epoch() == epoch + 2
                && alice.get("/api/failover").json().path("active").isNull());
    }

    @Test
    void aPlanThatChangedSinceItWasConfirmedIsNotExecuted() {
        long epoch = store.load().epoch();

        ConsoleClient.Answer answer = alice.post("/api/failover/execute", Map.of("event", "move:0-9:rz03",
                "checksum", "0000000000000000"));

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.json().path("detail").asString()).contains("no longer the plan for move:0-9:rz03");
        assertThat(answer.json().path("plan").path("checksum").asString()).hasSize(16);
        assertThat(store.load().epoch()).isEqualTo(epoch);
    }

    @Test
    void abortWithoutARunInProgressSaysSo() {
        ConsoleClient.Answer answer = alice.post("/api/failover/abort", Map.of());

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.json().path("detail").asString()).contains("no failover is in progress");
    }

    @Test
    void anInvalidDraftIsRefusedWithEveryReason() {
        ConsoleClient.Answer answer = anonymous.post("/api/rules/validate", "epoch: -1\nshards: 0\n", "text/plain",
                true);

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().path("errors").valueStream().map(JsonNode::asString).toList())
                .contains("epoch must be >= 0, was -1", "shards must be 1..100000, was 0");
    }

    @Test
    void aDraftThatMovesAnUnfrozenShardIsRefusedAndPointsToTheFailoverPage() {
        RuleDocument current = store.load();
        String[] owners = current.owners();
        java.util.Arrays.fill(owners, 0, 10, current.ownerOf(50));
        String text = RuleDocuments.toYaml(current.toBuilder().epoch(current.epoch() + 1).owners(owners).build());

        ConsoleClient.Answer answer = alice.post("/api/rules/publish", Map.of("text", text,
                "expectedEpoch", current.epoch()));

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().path("detail").asString()).contains("would change owner without having been frozen")
                .contains("move:SHARDS:CELL");
        assertThat(store.load().epoch()).isEqualTo(current.epoch());
    }

    @Test
    void anOperatorPublishesADraftAndTheDiffShowsIt() {
        RuleDocument current = store.load();
        String frozen = RuleDocuments.toYaml(current.toBuilder().epoch(current.epoch() + 1).freeze("90-99").build());

        ConsoleClient.Answer published = alice.post("/api/rules/publish", Map.of("text", frozen,
                "expectedEpoch", current.epoch()));

        assertThat(published.status()).isEqualTo(200);
        assertThat(published.json().path("epoch").asLong()).isEqualTo(current.epoch() + 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> store.load().epoch() == current.epoch() + 1);
        JsonNode diff = alice.get("/api/rules/diff?from=" + current.epoch() + "&to=" + (current.epoch() + 1)).json();
        assertThat(diff.path("frozen").valueStream().map(JsonNode::asString).toList()).containsExactly("90-99");
        assertThat(alice.get("/api/audit").json().path("entries").get(0).path("action").asString())
                .isEqualTo("publish");

        String thawed = RuleDocuments.toYaml(store.load().toBuilder().epoch(current.epoch() + 2).clearFrozen()
                .frozen(current.frozen().stream().flatMapToInt(r -> java.util.stream.IntStream.rangeClosed(r.from(),
                        r.to())).toArray()).build());
        assertThat(alice.post("/api/rules/publish", Map.of("text", thawed, "expectedEpoch", current.epoch() + 1))
                .status()).isEqualTo(200);
    }

    @Test
    void overriddenShardsAndKeysAndTheirBlueGreenTargetAreMarkedOnTheShardMap() {
        RuleDocument current = store.load();
        String withOverrides = RuleDocuments.toYaml(current.toBuilder().epoch(current.epoch() + 1)
                .overrideShards("95-96", "rz04").overrideKeys(java.util.List.of("1203"), "rz04").build());
        assertThat(alice.post("/api/rules/publish", Map.of("text", withOverrides, "expectedEpoch", current.epoch()))
                .status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> store.load().epoch() == current.epoch() + 1);

        JsonNode map = anonymous.get("/api/shards").json();

        assertThat(map.path("shards").get(95).path("override").asString()).isEqualTo("rz04");
        assertThat(map.path("shards").get(94).path("override").isNull()).isTrue();
        assertThat(map.path("shards").get(3).path("keyOverrides").asInt()).isEqualTo(1);
        assertThat(map.path("cells").get(3).path("id").asString()).isEqualTo("rz04");
        assertThat(map.path("cells").get(3).path("blueGreen").asBoolean()).isTrue();
        assertThat(map.path("cells").get(0).path("blueGreen").asBoolean()).isFalse();

        String without = RuleDocuments.toYaml(store.load().toBuilder().epoch(current.epoch() + 2).clearOverrides()
                .build());
        assertThat(alice.post("/api/rules/publish", Map.of("text", without, "expectedEpoch", current.epoch() + 1))
                .status()).isEqualTo(200);
    }

    @Test
    void aDraftWrittenAgainstAnOlderEpochIsAConflict() {
        RuleDocument current = store.load();
        String text = RuleDocuments.toYaml(current.toBuilder().epoch(current.epoch() + 5).build());

        ConsoleClient.Answer answer = alice.post("/api/rules/publish", Map.of("text", text,
                "expectedEpoch", current.epoch() - 1));

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.json().path("detail").asString()).contains("is in force now");
    }

    @Test
    void aDiffOfAnEpochTheConsoleDoesNotKnowIsABadRequest() {
        ConsoleClient.Answer answer = anonymous.get("/api/rules/diff?from=1&to=2");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("detail").asString()).contains("does not know epoch 1");
    }

    @Test
    void thePagesAreServedWithAContentSecurityPolicyThatAllowsOnlyTheConsoleItself() throws Exception {
        ConsoleClient.Answer index = anonymous.get("/index.html");

        assertThat(index.status()).isEqualTo(200);
        assertThat(index.body()).contains("<script type=\"module\" src=\"/js/app.js\">").doesNotContain("http");
        java.net.http.HttpResponse<String> raw = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(raw.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'self'").contains("script-src 'self'"));
    }
}
