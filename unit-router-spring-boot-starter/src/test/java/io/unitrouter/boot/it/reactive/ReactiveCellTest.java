package io.unitrouter.boot.it.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.unitrouter.boot.it.LedgerCells;
import io.unitrouter.boot.it.Received;
import io.unitrouter.core.context.RoutingContext;
import io.unitrouter.core.context.RoutingHeaderCodec;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two WebFlux cells of one service (rz01 rejects, rz02 forwards), each its own application on its own port,
 * with WireMock instances of a ledger service in three cells.
 */
class ReactiveCellTest {

    static final String SECRET = "reactive-cell-secret-0123456789abcdef0123";
    static final RoutingHeaderCodec CODEC = RoutingHeaderCodec.signed(SECRET);
    static final LedgerCells LEDGER = new LedgerCells();
    static final List<ConfigurableApplicationContext> CELLS = new ArrayList<>();
    static int rz01;
    static int rz02;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startCells() throws IOException {
        rz01 = freePort();
        rz02 = freePort();
        Path rules = Files.createTempDirectory("unit-router-reactive").resolve("rules.yaml");
        try (InputStream in = ReactiveCellTest.class.getResourceAsStream("/rules/three-cities.yaml")) {
            Files.write(rules, in.readAllBytes());
        }
        CELLS.add(start("rz01", rz01, rules, "REJECT"));
        CELLS.add(start("rz02", rz02, rules, "FORWARD"));
    }

    @AfterAll
    static void stop() {
        CELLS.forEach(ConfigurableApplicationContext::close);
        LEDGER.stop();
    }

    @BeforeEach
    void resetLedger() {
        LEDGER.reset();
    }

    private static ConfigurableApplicationContext start(String cell, int port, Path rules, String mode) {
        List<String> properties = new ArrayList<>(List.of(
                "server.port=" + port,
                "spring.main.web-application-type=reactive",
                "spring.application.name=accounts",
                "unit-router.local-cell=" + cell,
                "unit-router.instance-id=" + cell + "-reactive-test",
                "unit-router.rules.location=file:" + rules,
                "unit-router.protection.mode=" + mode,
                "unit-router.key.sources=header:X-User-Id,path-variable:id",
                "unit-router.security.secret=" + SECRET,
                "spring.cloud.discovery.client.simple.instances.accounts[0].uri=http://localhost:" + rz01,
                "spring.cloud.discovery.client.simple.instances.accounts[0].metadata[unit-router.cell]=rz01",
                "spring.cloud.discovery.client.simple.instances.accounts[1].uri=http://localhost:" + rz02,
                "spring.cloud.discovery.client.simple.instances.accounts[1].metadata[unit-router.cell]=rz02"));
        LEDGER.discoveryProperties().forEach((name, value) -> properties.add(name + "=" + value));
        return new SpringApplicationBuilder(ReactiveCellApplication.class)
                .properties(properties.toArray(new String[0])).run();
    }

    private HttpResponse<String> send(int port, String method, String path, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20)).method(method, method.equals("GET")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("250"));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void servesAKeyItOwns() throws Exception {
        assertThat(send(rz01, "GET", "/accounts/1205", Map.of()).body()).isEqualTo("balance of 1205 in rz01");
    }

    @Test
    void answers421WithTheOwnerForAnotherCellsKey() throws Exception {
        HttpResponse<String> response = send(rz01, "GET", "/accounts/1245", Map.of());

        assertThat(response.statusCode()).isEqualTo(421);
        assertThat(response.headers().firstValue("X-Unit-Cell")).hasValue("rz03");
        assertThat(response.body()).contains("\"cell\":\"rz03\"").contains("belongs to cell rz03");
    }

    @Test
    void refusesUnsignedAndForgedRoutingHeaders() throws Exception {
        Map<String, String> forged = RoutingHeaderCodec.signed("some-other-secret-some-other-secret-000")
                .encode(new RoutingContext("1245", 45, 42, "rz01", 0));

        assertThat(send(rz01, "GET", "/accounts/1245", Map.of("X-Unit-Key", "1245")).statusCode()).isEqualTo(401);
        assertThat(send(rz01, "GET", "/accounts/1245", forged).statusCode()).isEqualTo(403);
    }

    @Test
    void outboundWebClientCallCarriesTheInboundContextToTheOwnerCell() throws Exception {
        HttpResponse<String> response = send(rz01, "GET", "/ledger", Map.of("X-User-Id", "1245"));

        assertThat(response.body()).isEqualTo("rz03-a");
        assertThat(LEDGER.all()).hasSize(1);
        RoutingContext arrived = Received.context(LEDGER.receivedBy("rz03").get(0), SECRET);
        assertThat(arrived.key()).isEqualTo("1245");
        assertThat(arrived.cell()).isEqualTo("rz03");
    }

    @Test
    void forwardModeForwardsOnceToTheOwnerWithTheBody() throws Exception {
        HttpResponse<String> response = send(rz02, "POST", "/accounts/1205/transfers", Map.of(
                "Content-Type", "text/plain"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("transferred 250 from 1205 in rz01");
    }

    @Test
    void forwardModeAnswers421WhenTheOwnerCellHasNoInstance() throws Exception {
        HttpResponse<String> response = send(rz02, "POST", "/accounts/1265/transfers", Map.of(
                "Content-Type", "text/plain"));

        assertThat(response.statusCode()).isEqualTo(421);
        assertThat(response.headers().firstValue("X-Unit-Cell")).hasValue("rz04");
        assertThat(response.body()).contains("could be reached to forward to");
    }

    @Test
    void failedForwardIsCountedAsMisdirectedNotForwarded() throws Exception {
        MeterRegistry meters = CELLS.get(1).getBean(MeterRegistry.class);
        double forwarded = count(meters, "forwarded");
        double misdirected = count(meters, "misdirected");

        HttpResponse<String> response = send(rz02, "POST", "/accounts/1265/transfers", Map.of(
                "Content-Type", "text/plain"));

        assertThat(response.statusCode()).isEqualTo(421);
        assertThat(count(meters, "misdirected")).isEqualTo(misdirected + 1);
        assertThat(count(meters, "forwarded")).isEqualTo(forwarded);
    }

    @Test
    void successfulForwardIsCountedAsForwarded() throws Exception {
        MeterRegistry meters = CELLS.get(1).getBean(MeterRegistry.class);
        double forwarded = count(meters, "forwarded");

        HttpResponse<String> response = send(rz02, "POST", "/accounts/1205/transfers", Map.of(
                "Content-Type", "text/plain"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(count(meters, "forwarded")).isEqualTo(forwarded + 1);
    }

    private static double count(MeterRegistry meters, String decision) {
        Counter counter = meters.find("unitrouter.requests").tag("decision", decision).counter();
        return counter == null ? 0 : counter.count();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
