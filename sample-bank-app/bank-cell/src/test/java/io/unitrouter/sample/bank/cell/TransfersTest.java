package io.unitrouter.sample.bank.cell;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.unitrouter.sample.bank.support.BankSchema;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real RZone (rz01, shards 0-19) over HTTP on in-memory databases, with a WireMock server standing in for
 * rz02's instance: local transfers, the saga across cells (credit applied, refused, or unanswered and then
 * finished by the outbox relay), idempotency by transfer id, and the starter's refusal of another cell's user.
 */
@SpringBootTest(classes = BankCellApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TransfersTest {

    static final BankDatabases DATABASES = new BankDatabases("transfers_test");
    static final WireMockServer RZ02 = startRz02();

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private static WireMockServer startRz02() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path rules = Files.writeString(Files.createTempDirectory("bank-cell-test").resolve("rules.yaml"),
                BankSchema.rules());
        registry.add("unit-router.local-cell", () -> "rz01");
        registry.add("unit-router.rules.location", () -> "file:" + rules);
        registry.add("bank.zone", () -> "rzone");
        registry.add("bank.relay-delay", () -> "100ms");
        // The first credit call also starts the load balancer's context; on a loaded machine that alone took
        // longer than the default 2 s, and the transfer answered "pending" instead of "completed".
        registry.add("bank.credit-timeout", () -> "20s");
        registry.add("bank.relay-interval", () -> "100ms");
        for (int g = 0; g < BankSchema.SHARD_GROUPS; g++) {
            int group = g;
            registry.add("bank.shard-databases[" + g + "]", () -> DATABASES.shardUrls().get(group));
        }
        registry.add("spring.cloud.discovery.client.simple.instances.bank[0].uri", () -> RZ02.baseUrl());
        registry.add("spring.cloud.discovery.client.simple.instances.bank[0].metadata[unit-router.cell]",
                () -> "rz02");
    }

    @AfterAll
    static void stopRz02() {
        RZ02.stop();
    }

    @BeforeEach
    void creditsSucceed() {
        RZ02.resetAll();
        RZ02.stubFor(post(urlEqualTo("/internal/credits")).willReturn(aResponse().withStatus(200)));
    }

    private HttpResponse<String> transfer(long payer, long transferId, long to, long amount) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/transfers"))
                .header("X-User-Id", Long.toString(payer)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"transferId\":" + transferId + ",\"to\":" + to
                        + ",\"amount\":" + amount + "}"))
                .timeout(Duration.ofSeconds(20)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aTransferInsideTheCellMovesTheMoneyInOneTransactionAndOnlyOnce() throws Exception {
        HttpResponse<String> first = transfer(10001, 1, 10002, 30);
        HttpResponse<String> again = transfer(10001, 1, 10002, 30);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"state\":\"COMPLETED\"");
        assertThat(again.body()).contains("\"state\":\"COMPLETED\"");
        assertThat(DATABASES.balance(10001)).isEqualTo(BankDatabases.BALANCE - 30);
        assertThat(DATABASES.balance(10002)).isEqualTo(BankDatabases.BALANCE + 30);
        assertThat(DATABASES.entries(1, 10001)).containsExactly("C:rz01", "D:rz01");
        assertThat(RZ02.getAllServeEvents()).isEmpty();
    }

    @Test
    void aTransferOfMoreThanTheBalanceFailsAndChangesNothing() throws Exception {
        HttpResponse<String> response = transfer(10003, 2, 10004, BankDatabases.BALANCE + 1);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"state\":\"FAILED\"");
        assertThat(DATABASES.balance(10003)).isEqualTo(BankDatabases.BALANCE);
        assertThat(DATABASES.balance(10004)).isEqualTo(BankDatabases.BALANCE);
        assertThat(DATABASES.entries(2, 10003)).isEmpty();
    }

    @Test
    void aTransferToAnotherCellDebitsHereAndSendsTheCreditToThePayeesOwnerCell() throws Exception {
        HttpResponse<String> response = transfer(10005, 3, 10025, 40);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"state\":\"COMPLETED\"");
        assertThat(DATABASES.balance(10005)).isEqualTo(BankDatabases.BALANCE - 40);
        assertThat(DATABASES.entries(3, 10005)).containsExactly("D:rz01");
        // The outbox relay may send the same credit again meanwhile; the payee's cell applies it once.
        // The routing context travels in X-Unit-Context: "v2 ... c=<cell> ... k=<key> [sig=...]".
        RZ02.verify(moreThanOrExactly(1), postRequestedFor(urlEqualTo("/internal/credits"))
                .withHeader("X-Unit-Context", matching("v2 .* c=rz02 .* k=10025( .*)?")));
        assertThat(outboxStatus(3, 10005)).isEqualTo(BankSchema.SENT);
    }

    @Test
    void aCreditThePayeesCellRefusesIsCompensated() throws Exception {
        RZ02.stubFor(post(urlEqualTo("/internal/credits")).willReturn(aResponse().withStatus(404)));

        HttpResponse<String> response = transfer(10006, 4, 10026, 50);

        assertThat(response.body()).contains("\"state\":\"FAILED\"");
        assertThat(DATABASES.balance(10006)).isEqualTo(BankDatabases.BALANCE);
        assertThat(DATABASES.entries(4, 10006)).containsExactly("D:rz01", "R:rz01");
        assertThat(outboxStatus(4, 10006)).isEqualTo(BankSchema.COMPENSATED);
    }

    @Test
    void aCreditWithoutADefiniteAnswerStaysPendingUntilTheRelayDeliversIt() throws Exception {
        RZ02.stubFor(post(urlEqualTo("/internal/credits")).willReturn(aResponse().withStatus(503)));

        HttpResponse<String> response = transfer(10007, 5, 10027, 60);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("\"state\":\"PENDING\"");
        assertThat(DATABASES.balance(10007)).isEqualTo(BankDatabases.BALANCE - 60);

        RZ02.stubFor(post(urlEqualTo("/internal/credits")).willReturn(aResponse().withStatus(200)));
        await().atMost(Duration.ofSeconds(30)).until(() -> BankSchema.SENT.equals(outboxStatus(5, 10007)));
        assertThat(DATABASES.balance(10007)).isEqualTo(BankDatabases.BALANCE - 60);
        assertThat(DATABASES.entries(5, 10007)).containsExactly("D:rz01");
    }

    @Test
    void aUserOfAnotherCellIsRefusedWithItsOwner() throws Exception {
        HttpResponse<String> response = transfer(10030, 6, 10001, 10);

        assertThat(response.statusCode()).isEqualTo(421);
        assertThat(response.headers().firstValue("X-Unit-Cell")).contains("rz02");
        assertThat(DATABASES.balance(10030)).isEqualTo(BankDatabases.BALANCE);
    }

    @Test
    void aRepeatedCreditIsAppliedOnce() throws Exception {
        for (int i = 0; i < 2; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/internal/credits"))
                    .header("X-User-Id", "10008").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"transferId\":7,\"from\":10045,\"to\":10008,"
                            + "\"amount\":70}")).build();
            assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }

        assertThat(DATABASES.balance(10008)).isEqualTo(BankDatabases.BALANCE + 70);
        assertThat(DATABASES.entries(7, 10008)).containsExactly("C:rz01");
    }

    private static String outboxStatus(long transferId, long payer) {
        return DATABASES.shard((int) (payer % 100)).queryForObject("SELECT status FROM t_outbox WHERE transfer_id = ?",
                String.class, transferId);
    }
}
