package io.unitrouter.sample.bank.cell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import io.unitrouter.sample.bank.support.BankSchema;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A cell that owns two shard groups (rz01 with shards 0-39, as after taking over rz02's group) makes a transfer
 * between them: it must take its locks in one order whatever the direction, lower shard group first.
 *
 * <p>Regression: each local transfer wrote its payer first. Under the demo's switch-back, transfers in both
 * directions between the two groups of one cell each held one group's fence row lock (exclusive on H2) and
 * waited for the other's until H2's lock timeout, and the coordinator's fence bump queued behind them.
 */
@SpringBootTest(classes = BankCellApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LocalTransferLockOrderTest {

    static final String RULES = BankSchema.rules()
            .replace("  - { shards: \"0-19\",  cell: rz01 }\n  - { shards: \"20-39\", cell: rz02 }\n",
                    "  - { shards: \"0-39\",  cell: rz01 }\n");
    static final BankDatabases DATABASES = new BankDatabases("lock_order_test", RULES);

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        assertThat(RULES).as("rz01 owns groups 0 and 1").contains("\"0-39\",  cell: rz01");
        Path rules = Files.writeString(Files.createTempDirectory("bank-lock-order").resolve("rules.yaml"), RULES);
        registry.add("unit-router.local-cell", () -> "rz01");
        registry.add("unit-router.rules.location", () -> "file:" + rules);
        registry.add("bank.zone", () -> "rzone");
        for (int g = 0; g < BankSchema.SHARD_GROUPS; g++) {
            int group = g;
            registry.add("bank.shard-databases[" + g + "]", () -> DATABASES.shardUrls().get(group));
        }
    }

    @Test
    void aTransferFromTheHigherGroupToTheLowerLocksTheLowerGroupFirst() throws Exception {
        long payer = 10025; // shard 25, group 1
        long payee = 10005; // shard 5, group 0
        try (Connection holder = DriverManager.getConnection(DATABASES.shardUrls().get(0), "sa", "")) {
            holder.setAutoCommit(false);
            lockFenceRow(holder, 0);

            CompletableFuture<HttpResponse<String>> transfer = http.sendAsync(transferRequest(payer, 71, payee, 40),
                    HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(30)).until(() -> waitingForALock(holder));

            // The transfer waits for group 0 and holds nothing in group 1: the payer's group is still free.
            try (Connection probe = DriverManager.getConnection(DATABASES.shardUrls().get(1), "sa", "")) {
                probe.setAutoCommit(false);
                try (Statement s = probe.createStatement()) {
                    s.execute("SET LOCK_TIMEOUT 2000");
                }
                assertThatCode(() -> lockFenceRow(probe, 1)).as("group 1's fence row is not held by the transfer")
                        .doesNotThrowAnyException();
                assertThatCode(() -> lockAccount(probe, payer)).as("the payer's row is not held by the transfer")
                        .doesNotThrowAnyException();
                probe.rollback();
            }
            holder.rollback();

            HttpResponse<String> response = transfer.get();
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"state\":\"COMPLETED\"");
        }
        assertThat(DATABASES.balance(payer)).isEqualTo(BankDatabases.BALANCE - 40);
        assertThat(DATABASES.balance(payee)).isEqualTo(BankDatabases.BALANCE + 40);
    }

    @Test
    void transfersInBothDirectionsBetweenTheTwoGroupsBothComplete() throws Exception {
        long low = 10006;
        long high = 10026;

        CompletableFuture<HttpResponse<String>> up = http.sendAsync(transferRequest(low, 81, high, 7),
                HttpResponse.BodyHandlers.ofString());
        CompletableFuture<HttpResponse<String>> down = http.sendAsync(transferRequest(high, 82, low, 3),
                HttpResponse.BodyHandlers.ofString());

        assertThat(up.get().body()).contains("\"state\":\"COMPLETED\"");
        assertThat(down.get().body()).contains("\"state\":\"COMPLETED\"");
        assertThat(DATABASES.balance(low)).isEqualTo(BankDatabases.BALANCE - 7 + 3);
        assertThat(DATABASES.balance(high)).isEqualTo(BankDatabases.BALANCE + 7 - 3);
    }

    private HttpRequest transferRequest(long payer, long transferId, long to, long amount) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/transfers"))
                .header("X-User-Id", Long.toString(payer)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"transferId\":" + transferId + ",\"to\":" + to
                        + ",\"amount\":" + amount + "}"))
                .timeout(Duration.ofSeconds(60)).build();
    }

    private static void lockFenceRow(Connection connection, int group) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rows = s.executeQuery("SELECT owner_cell FROM unit_fence WHERE shard_group = '" + group
                        + "' FOR UPDATE")) {
            assertThat(rows.next()).as("fence row of group %d", group).isTrue();
        }
    }

    private static void lockAccount(Connection connection, long user) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rows = s.executeQuery("SELECT balance FROM t_account WHERE user_id = " + user
                        + " FOR UPDATE")) {
            assertThat(rows.next()).as("account %d", user).isTrue();
        }
    }

    /** Whether another session of the holder's database waits for a lock the holder has. */
    private static boolean waitingForALock(Connection holder) throws SQLException {
        try (Statement s = holder.createStatement();
                ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS"
                        + " WHERE BLOCKER_ID = SESSION_ID()")) {
            rows.next();
            return rows.getInt(1) > 0;
        }
    }
}
