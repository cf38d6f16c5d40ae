package io.unitrouter.boot.it.bank;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two cells of the same service, rz01 and rz02, each a Spring Boot application on its own port, finding each
 * other through static discovery, in {@code FORWARD} mode.
 */
class ForwardModeTest {

    static final String SECRET = "forward-mode-secret-0123456789abcdef0123";
    static final List<ConfigurableApplicationContext> CELLS = new ArrayList<>();
    static int rz01;
    static int rz02;
    static int rz03;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startCells() throws IOException {
        rz01 = freePort();
        rz02 = freePort();
        rz03 = freePort();
        RuleDocument rules = RuleDocuments.parse(text("/rules/three-cities.yaml"), "three-cities.yaml");
        Path shared = write(RuleDocuments.toYaml(rules));
        // rz03 believes rz01 owns shard 25 (it missed the latest epoch): a forward loop that hops must stop.
        String[] stale = rules.owners();
        stale[25] = "rz01";
        Path staleRules = write(RuleDocuments.toYaml(rules.toBuilder().owners(stale).build()));
        CELLS.add(start("rz01", rz01, shared));
        CELLS.add(start("rz02", rz02, shared));
        CELLS.add(start("rz03", rz03, staleRules));
    }

    @AfterAll
    static void stopCells() {
        CELLS.forEach(ConfigurableApplicationContext::close);
    }

    private static ConfigurableApplicationContext start(String cell, int port, Path rules) {
        return new SpringApplicationBuilder(BankCellApplication.class).properties(
                "server.port=" + port,
                "spring.application.name=accounts",
                "unit-router.local-cell=" + cell,
                "unit-router.instance-id=" + cell + "-forward-test",
                "unit-router.rules.location=file:" + rules,
                "unit-router.protection.mode=FORWARD",
                "unit-router.key.sources=header:X-User-Id,path-variable:id",
                "unit-router.security.secret=" + SECRET,
                "spring.cloud.discovery.client.simple.instances.accounts[0].uri=http://localhost:" + rz01,
                "spring.cloud.discovery.client.simple.instances.accounts[0].metadata[unit-router.cell]=rz01",
                "spring.cloud.discovery.client.simple.instances.accounts[1].uri=http://localhost:" + rz02,
                "spring.cloud.discovery.client.simple.instances.accounts[1].metadata[unit-router.cell]=rz02",
                "spring.cloud.discovery.client.simple.instances.accounts[2].uri=http://localhost:" + rz03,
                "spring.cloud.discovery.client.simple.instances.accounts[2].metadata[unit-router.cell]=rz03")
                .run();
    }

    private HttpResponse<String> transfer(int port, String user) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/accounts/" + user
                        + "/transfers?note=rent"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("250")).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void forwardsARequestForAnotherCellsKeyOnceToTheOwner() throws Exception {
        HttpResponse<String> response = transfer(rz01, "1225");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("transferred 250 from 1225 in rz02");
    }

    @Test
    void servesItsOwnKeysWithoutForwarding() throws Exception {
        assertThat(transfer(rz02, "1225").body()).isEqualTo("transferred 250 from 1225 in rz02");
    }

    @Test
    void refusesToForwardAgainWhenTheHopLimitIsReached() throws Exception {
        // rz03's stale rules say rz01 owns shard 25, so rz03 forwards there (hop 1). rz01 knows rz02 owns it,
        // but one hop is the limit: it answers 421 with the owner instead of forwarding again.
        HttpResponse<String> response = transfer(rz03, "1225");

        assertThat(response.statusCode()).isEqualTo(421);
        assertThat(response.headers().firstValue("X-Unit-Cell")).hasValue("rz02");
        assertThat(response.body()).contains("not forwarded again after 1 hop(s)");
    }

    @Test
    void failedForwardIsAnswered421AndCountedAsMisdirectedNotForwarded() throws Exception {
        // 1265 is in shard 65, owned by rz04, which has no instance here.
        MeterRegistry meters = CELLS.get(0).getBean(MeterRegistry.class);
        double forwarded = count(meters, "forwarded");
        double misdirected = count(meters, "misdirected");

        HttpResponse<String> response = transfer(rz01, "1265");

        assertThat(response.statusCode()).isEqualTo(421);
        assertThat(response.headers().firstValue("X-Unit-Cell")).hasValue("rz04");
        assertThat(response.body()).contains("could be reached to forward to");
        assertThat(count(meters, "misdirected")).isEqualTo(misdirected + 1);
        assertThat(count(meters, "forwarded")).isEqualTo(forwarded);
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

    private static String text(String resource) throws IOException {
        try (InputStream in = ForwardModeTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Path write(String yaml) throws IOException {
        Path file = Files.createTempDirectory("unit-router-forward").resolve("rules.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
