package io.unitrouter.sample.bank.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.unitrouter.sample.bank.support.BankSchema;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The bank's gateway, started for real with its own routes, in front of WireMock servers standing in for every
 * cell of the bank's rules: transfers go to the payer's owner, account reads to the owner of the user in the
 * path, rate reads to the caller's city CZone and rate writes to the active GZone, and a client's own routing
 * headers never choose the cell.
 */
@SpringBootTest(classes = BankGatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BankGatewayTest {

    static final List<String> CELLS = List.of("rz01", "rz02", "rz03", "rz04", "rz05", "gz01", "gz02", "czhz",
            "czsh", "czsz");
    static final Map<String, WireMockServer> SERVERS = CELLS.stream().collect(Collectors.toMap(Function.identity(),
            cell -> start()));

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path rules = Files.writeString(Files.createTempDirectory("bank-gateway-test").resolve("rules.yaml"),
                BankSchema.rules());
        registry.add("unit-router.rules.location", () -> "file:" + rules);
        SERVERS.forEach((cell, server) -> registry.add("unit-router.gateway.cells." + cell + ".uri", server::baseUrl));
    }

    @AfterAll
    static void stop() {
        SERVERS.values().forEach(WireMockServer::stop);
    }

    @BeforeEach
    void everyCellAnswers() {
        SERVERS.values().forEach(server -> {
            server.resetAll();
            server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        });
    }

    private int send(String method, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}"));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static List<String> cellsThatWereCalled() {
        return CELLS.stream().filter(cell -> !SERVERS.get(cell).getAllServeEvents().isEmpty()).toList();
    }

    @Test
    void aTransferGoesToThePayersOwnerCellWithSignedRoutingHeaders() throws Exception {
        assertThat(send("POST", "/api/transfers", Map.of("X-User-Id", "10045", "Content-Type", "application/json")))
                .isEqualTo(200);

        assertThat(cellsThatWereCalled()).containsExactly("rz03");
        // The routing context travels in X-Unit-Context: "v2 ... c=<cell> ... k=<key> [sig=...]".
        SERVERS.get("rz03").verify(anyRequestedFor(anyUrl())
                .withHeader("X-Unit-Context", matching("v2 .* c=rz03 .* k=10045( .*)?")));
    }

    @Test
    void anAccountReadGoesToTheOwnerOfTheUserInThePath() throws Exception {
        assertThat(send("GET", "/api/accounts/10099", Map.of())).isEqualTo(200);

        assertThat(cellsThatWereCalled()).containsExactly("rz05");
    }

    @Test
    void rateReadsGoToTheCallersCityAndRateWritesToTheActiveGZone() throws Exception {
        assertThat(send("GET", "/api/rates", Map.of("X-Client-City", "sh"))).isEqualTo(200);
        assertThat(send("GET", "/api/rates", Map.of())).isEqualTo(200);
        assertThat(send("PUT", "/api/rates/EUR", Map.of("Content-Type", "application/json"))).isEqualTo(200);

        assertThat(cellsThatWereCalled()).containsExactlyInAnyOrder("czsh", "czhz", "gz01");
    }

    @Test
    void aClientsOwnRoutingHeadersDoNotChooseTheCell() throws Exception {
        assertThat(send("POST", "/api/transfers", Map.of("X-User-Id", "10001", "X-Unit-Cell", "rz04",
                "X-Unit-Key", "10061"))).isEqualTo(200);

        assertThat(cellsThatWereCalled()).containsExactly("rz01");
    }

    @Test
    void aTransferWithoutAPayerIsRefused() throws Exception {
        assertThat(send("POST", "/api/transfers", Map.of())).isEqualTo(400);

        assertThat(cellsThatWereCalled()).isEmpty();
    }
}
