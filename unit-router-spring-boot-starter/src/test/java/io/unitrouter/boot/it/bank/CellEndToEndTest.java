package io.unitrouter.boot.it.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.unitrouter.boot.context.RoutingContextHolder;
import io.unitrouter.boot.it.LedgerCells;
import io.unitrouter.boot.it.Received;
import io.unitrouter.core.context.RoutingContext;
import io.unitrouter.core.context.RoutingHeaderCodec;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import io.unitrouter.core.store.FileRuleStore;
import io.unitrouter.spring.loadbalancer.NoCellInstanceException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * A real cell (rz01) over HTTP, following a rule file, with WireMock servers as the instances of a
 * downstream service in three cells.
 */
@SpringBootTest(classes = BankCellApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CellEndToEndTest {

    static final String SECRET = "0123456789abcdef0123456789abcdef-cell-test";
    static final RoutingHeaderCodec CODEC = RoutingHeaderCodec.signed(SECRET);
    static final LedgerCells LEDGER = new LedgerCells();
    static final Path RULES = writeRules();

    @LocalServerPort
    int port;

    @Autowired
    UnitRouter router;

    @Autowired
    MeterRegistry meters;

    @Autowired
    @LoadBalanced
    RestClient.Builder loadBalanced;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("unit-router.local-cell", () -> "rz01");
        registry.add("unit-router.instance-id", () -> "rz01-test");
        registry.add("unit-router.rules.location", () -> "file:" + RULES);
        registry.add("unit-router.rules.poll-interval", () -> "100ms");
        registry.add("unit-router.key.sources", () -> "header:X-User-Id,path-variable:id");
        registry.add("unit-router.security.secret", () -> SECRET);
        registry.add("management.endpoints.web.exposure.include", () -> "unitrouter,health");
        LEDGER.discoveryProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    private static Path writeRules() {
        try (InputStream in = CellEndToEndTest.class.getResourceAsStream("/rules/three-cities.yaml")) {
            Path dir = Files.createTempDirectory("unit-router-cell-test");
            Path file = dir.resolve("rules.yaml");
            Files.write(file, in.readAllBytes());
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopLedger() {
        LEDGER.stop();
    }

    @BeforeEach
    void resetLedger() {
        LEDGER.reset();
    }

    private HttpResponse<String> send(String method, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("100"));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Publishes the next epoch through a second store on the same file, as an operator's tool would. */
    private RuleDocument publish(UnaryOperator<RuleDocument.Builder> change) {
        RuleDocument current = router.table().document();
        RuleDocument next = change.apply(current.toBuilder().epoch(current.epoch() + 1)).build();
        try (FileRuleStore operator = FileRuleStore.builder(RULES).watch(false).build()) {
            assertThat(operator.compareAndSet(current.epoch(), next)).isTrue();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> router.table().epoch() == next.epoch());
        return next;
    }

    private static String[] ownersWith(RuleDocument document, int shard, String cell) {
        String[] owners = document.owners();
        owners[shard] = cell;
        return owners;
    }

    private double requests(String decision) {
        var counter = meters.find("unitrouter.requests").tag("decision", decision).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void servesAKeyItOwns() throws Exception {
        HttpResponse<String> response = send("GET", "/accounts/1205", Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("balance of 1205");
    }

    @Test
    void answers421WithTheOwnerForAnotherCellsKey() throws Exception {
        double before = requests("misdirected");

        HttpResponse<String> response = send("GET", "/accounts/1225", Map.of());

        assertThat(response.statusCode()).isEqualTo(421);
        assertThat(response.headers().firstValue("X-Unit-Cell")).hasValue("rz02");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"cell\":\"rz02\"").contains("\"shard\":25")
                .contains("belongs to cell rz02");
        assertThat(requests("misdirected")).isEqualTo(before + 1);
    }

    @Test
    void refusesRoutingHeadersWithoutSignatureWith401() throws Exception {
        HttpResponse<String> response = send("GET", "/accounts/1225",
                Map.of("X-Unit-Key", "1205", "X-Unit-Cell", "rz01", "X-Unit-Shard", "5"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("not signed");
    }

    @Test
    void refusesForgedOrAlteredRoutingHeadersWith403() throws Exception {
        Map<String, String> forged = RoutingHeaderCodec.signed("another-secret-another-secret-another")
                .encode(new RoutingContext("1225", 25, 42, "rz01", 0));
        Map<String, String> altered = new java.util.HashMap<>(CODEC.encode(new RoutingContext("1225", 25, 42, "rz02",
                0)));
        altered.put("X-Unit-Cell", "rz01");
        double before = requests("bad-signature");

        assertThat(send("GET", "/accounts/1225", forged).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/accounts/1225", altered).statusCode()).isEqualTo(403);
        assertThat(requests("bad-signature")).isEqualTo(before + 2);
    }

    @Test
    void acceptsGenuineSignedHeaders() throws Exception {
        Map<String, String> signed = CODEC.encode(new RoutingContext("1205", 5, router.table().epoch(), "rz01", 0));

        assertThat(send("GET", "/me", signed).statusCode()).isEqualTo(200);
    }

    @Test
    void aHeaderKeyThatDisagreesWithThePathKeyWasServedByTheHeadersOwner() throws Exception {
        // rz01 owns user 1205 (shard 5), rz02 owns user 1025 (shard 25): the header used to decide alone.
        HttpResponse<String> response = send("GET", "/accounts/1025", Map.of("X-User-Id", "1205"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"type\":\"https://unit-router.io/problems/ambiguous-key\"");
    }

    @Test
    void aSignedContextForOneUserServedAnotherUsersPath() throws Exception {
        // What a gateway keyed by the header alone signs for X-User-Id: 1205 on GET /accounts/1025.
        Map<String, String> signed = CODEC.encode(new RoutingContext("1205", 5, router.table().epoch(), "rz01", 0),
                "GET", "/accounts/1025");

        HttpResponse<String> response = send("GET", "/accounts/1025", signed);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"type\":\"https://unit-router.io/problems/key-mismatch\"");
    }

    @Test
    void aGenuineSignedHeaderSetCouldBeReplayedOntoAnotherMethodOrPath() throws Exception {
        Map<String, String> forARead = CODEC.encode(new RoutingContext("1205", 5, router.table().epoch(), "rz01", 0),
                "GET", "/accounts/1205");

        assertThat(send("GET", "/accounts/1205", forARead).statusCode()).isEqualTo(200);
        HttpResponse<String> replayed = send("POST", "/accounts/1205/deposits", forARead);

        assertThat(replayed.statusCode()).isEqualTo(403);
        assertThat(replayed.body()).contains("\"type\":\"https://unit-router.io/problems/bad-signature\"",
                "signed for another request");
    }

    @Test
    void answers400WhenAUnitScopedEndpointGetsNoKey() throws Exception {
        HttpResponse<String> response = send("GET", "/me", Map.of());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("needs a routing key").contains("header:X-User-Id");
    }

    @Test
    void unitScopedCallLandsOnlyOnTheOwnerCellsInstancesWithSignedHeaders() throws Exception {
        double before = meters.counter("unitrouter.outbound.calls", "cell", "rz03", "scope", "unit").count();

        HttpResponse<String> response = send("GET", "/ledger/1245", Map.of("X-User-Id", "1245"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("rz03-a");
        assertThat(LEDGER.receivedBy("rz03")).hasSize(1);
        assertThat(LEDGER.all()).hasSize(1);
        LoggedRequest arrived = LEDGER.receivedBy("rz03").get(0);
        RoutingContext context = Received.context(arrived, SECRET);
        assertThat(context.key()).isEqualTo("1245");
        assertThat(context.cell()).isEqualTo("rz03");
        assertThat(context.shard()).isEqualTo(45);
        assertThat(context.epoch()).isEqualTo(router.table().epoch());
        assertThat(meters.counter("unitrouter.outbound.calls", "cell", "rz03", "scope", "unit").count())
                .isEqualTo(before + 1);
    }

    @Test
    void writeWithNoInstanceInTheOwnerCellFailsClosed() {
        RestClient client = loadBalanced.baseUrl("http://ledger").build();

        RoutingContextHolder.runWith(RoutingContext.ofKey("1265"), () ->
                assertThatThrownBy(() -> client.post().uri("/entries").body("1").retrieve().body(String.class))
                        .isInstanceOf(NoCellInstanceException.class)
                        .hasMessageContaining("no instance of service 'ledger' in cell rz04")
                        .hasMessageContaining("writes never go to another cell"));

        assertThat(LEDGER.all()).isEmpty();
    }

    @Test
    void writeThroughTheCellWithNoOwnerInstanceReachesNoOtherCell() throws Exception {
        HttpResponse<String> response = send("POST", "/ledger/1265", Map.of("X-User-Id", "1265"));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(LEDGER.all()).isEmpty();
    }

    @Test
    void ruleFileChangeReroutesTheNextCallWithoutARestart() throws Exception {
        assertThat(send("GET", "/ledger/1245", Map.of("X-User-Id", "1245")).body()).isEqualTo("rz03-a");
        RuleDocument before = router.table().document();

        publish(b -> b.owners(ownersWith(before, 45, "rz02")));
        try {
            HttpResponse<String> response = send("GET", "/ledger/1245", Map.of("X-User-Id", "1245"));
            assertThat(response.body()).isEqualTo("rz02-a");
            assertThat(LEDGER.receivedBy("rz02")).hasSize(1);
        } finally {
            publish(b -> b.owners(before.owners()));
        }
    }

    @Test
    void refusesWritesToAFrozenShardWith503AndServesReads() throws Exception {
        publish(b -> b.frozen(5));
        try {
            HttpResponse<String> write = send("POST", "/accounts/1205/deposits", Map.of());
            assertThat(write.statusCode()).isEqualTo(503);
            assertThat(write.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(write.body()).contains("shard 5 is frozen");
            assertThat(send("GET", "/accounts/1205", Map.of()).statusCode()).isEqualTo(200);
        } finally {
            publish(RuleDocument.Builder::clearFrozen);
        }
        assertThat(send("POST", "/accounts/1205/deposits", Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void globalScopedWritesGoToTheActiveGZoneOnly() throws Exception {
        HttpResponse<String> response = send("POST", "/rates", Map.of());

        assertThat(response.statusCode()).isEqualTo(421);
        assertThat(response.headers().firstValue("X-Unit-Cell")).hasValue("gz01");
    }

    @Test
    void cityScopedReadsGoToTheCityCZone() throws Exception {
        HttpResponse<String> response = send("GET", "/rates", Map.of());

        assertThat(response.statusCode()).isEqualTo(421);
        assertThat(response.headers().firstValue("X-Unit-Cell")).hasValue("czhz");
    }

    @Test
    void unannotatedEndpointWithoutKeyIsServedAnywhere() throws Exception {
        assertThat(send("GET", "/ping", Map.of()).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/ping", Map.of("X-User-Id", "1225")).statusCode())
                .as("a keyed request to an unannotated endpoint is guarded by default").isEqualTo(421);
    }

    @Test
    void endpointShowsTheRulesInForceAndTheLastRejection() throws Exception {
        HttpResponse<String> state = send("GET", "/actuator/unitrouter", Map.of());

        assertThat(state.statusCode()).isEqualTo(200);
        assertThat(state.body()).contains("\"localCell\":\"rz01\"")
                .contains("\"epoch\":" + router.table().epoch())
                .contains("\"checksum\":\"" + router.table().checksum() + "\"")
                .contains("\"rz01\":20");

        double rejections = meters.counter("unitrouter.rules.rejections").count();
        RuleDocument good = router.table().document();
        Files.writeString(RULES, RuleDocuments.toYaml(good).replace("epoch: " + good.epoch(),
                "epoch: " + (good.epoch() + 1)).replace("cell: rz05", "cell: rz09"));
        await().atMost(Duration.ofSeconds(10)).until(() -> router.lastRejection()
                .filter(r -> r.errors().contains("routing[4]: cell 'rz09' is not defined")).isPresent());

        assertThat(send("GET", "/actuator/unitrouter", Map.of()).body())
                .contains("routing[4]: cell 'rz09' is not defined");
        assertThat(meters.counter("unitrouter.rules.rejections").count()).isGreaterThan(rejections);
        assertThat(router.table().epoch()).isEqualTo(good.epoch());
        assertThat(meters.get("unitrouter.rules.epoch").gauge().value()).isEqualTo(good.epoch());
        publish(b -> b);
    }
}
