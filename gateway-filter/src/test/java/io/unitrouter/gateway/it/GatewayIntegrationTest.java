package io.unitrouter.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import io.unitrouter.core.spi.RuleStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real Spring Cloud Gateway on a random port, routing to WireMock cells ({@link Cells}) by the rules in a
 * temporary file that tests change through the {@link RuleStore}. Every test class extending this one shares the
 * same application context. Before each test the rules are back to the reference layout (rz01 owns shards 0-19,
 * ..., rz05 owns 80-99, nothing frozen) and the cells have forgotten earlier requests.
 */
@SpringBootTest(classes = GatewayTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class GatewayIntegrationTest {

    /** The routing-header secret of the gateway under test (see application.yml). */
    protected static final String SECRET = "gateway-test-secret-0123456789abcdef";

    private static final RuleDocument REFERENCE = reference();
    private static final Path RULES = writeRules();

    /** One key per RZone: its shard is owned by that cell in the reference rules. */
    protected static final List<String> KEY_PER_CELL = List.of("1005", "2088123456725", "47", "100000061", "99");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    protected int port;

    @Autowired
    protected UnitRouter router;

    @Autowired
    protected RuleStore store;

    @Autowired
    protected MeterRegistry meters;

    @DynamicPropertySource
    static void cellsAndRules(DynamicPropertyRegistry registry) {
        registry.add("unit-router.rules.location", () -> "file:" + RULES);
        for (String cell : Cells.ALL) {
            registry.add("unit-router.gateway.cells." + cell + ".uri", () -> Cells.url(cell));
        }
        registry.add("test.plain-uri", () -> Cells.url(Cells.PLAIN));
        registry.add("test.rz05-behind-edge", () -> Cells.url("rz05") + "/edge/rz05");
        String instances = "spring.cloud.discovery.client.simple.instances.";
        for (int i = 0; i < Cells.RZONES.size(); i++) {
            String cell = Cells.RZONES.get(i);
            registry.add(instances + "accounts[" + i + "].uri", () -> Cells.url(cell));
            registry.add(instances + "accounts[" + i + "].metadata[unit-router.cell]", () -> cell);
        }
        for (int i = 0; i < 2; i++) {
            String cell = Cells.RZONES.get(i);
            registry.add(instances + "ledger[" + i + "].uri", () -> Cells.url(cell));
            registry.add(instances + "ledger[" + i + "].metadata[unit-router.cell]", () -> cell);
        }
    }

    @BeforeEach
    void referenceRulesAndQuietCells() {
        if (!router.table().checksum().equals(RoutingTable.of(REFERENCE).checksum())) {
            publish(next -> REFERENCE.toBuilder().epoch(router.table().epoch() + 1));
        }
        Cells.resetRequests();
    }

    /**
     * Publishes a change of the rules in force through the rule store, at the next epoch, and waits until the
     * gateway has applied it.
     *
     * @param change edits a builder that already carries the current rules at the next epoch
     * @return the published document
     */
    protected RuleDocument publish(UnaryOperator<RuleDocument.Builder> change) {
        RuleDocument current = router.table().document();
        RuleDocument next = change.apply(current.toBuilder().epoch(current.epoch() + 1)).build();
        assertThat(store.compareAndSet(current.epoch(), next)).as("compare-and-set to epoch %d", next.epoch()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> router.table().epoch() >= next.epoch());
        return next;
    }

    /** A request to the gateway. */
    protected HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(90));
    }

    /** Sends a request and waits for the answer. */
    protected static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends a request without waiting. */
    protected static CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest.Builder request) {
        return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A counter's count, or 0 when it does not exist yet. */
    protected double count(String name, String... tags) {
        var counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private static RuleDocument reference() {
        try (InputStream in = GatewayIntegrationTest.class.getResourceAsStream("/rules/three-cities.yaml")) {
            return RuleDocuments.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "three-cities.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path writeRules() {
        try {
            Path dir = Files.createTempDirectory("unit-router-gateway-it");
            Path file = dir.resolve("rules.yaml");
            Files.writeString(file, RuleDocuments.toYaml(REFERENCE));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
