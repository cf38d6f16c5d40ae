package io.unitrouter.console.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.unitrouter.console.ConsoleClient;
import io.unitrouter.console.ConsoleFixture;
import io.unitrouter.core.TestRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** A console started on a rule file that does not exist yet: it starts, and every answer says what is wrong. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmptyStoreTest {

    private static final Path RULES = missingFile();

    private static Path missingFile() {
        try {
            return Files.createTempDirectory("console-empty").resolve("rules.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ConsoleFixture.properties(registry, RULES);
    }

    @LocalServerPort
    int port;

    @Test
    void anEmptyOrBrokenStoreIsNamedWithItsReasonUntilAValidDocumentArrives() throws IOException {
        ConsoleClient client = new ConsoleClient(port);

        JsonNode status = client.get("/api/status").json();
        ConsoleClient.Answer shards = client.get("/api/shards");
        JsonNode rules = client.get("/api/rules").json();

        assertThat(status.path("ok").asBoolean()).isFalse();
        assertThat(status.path("problem").asString()).contains("holds no valid rule document")
                .contains("the rule file does not exist");
        assertThat(shards.status()).isEqualTo(503);
        assertThat(shards.json().path("detail").asString()).contains("holds no valid rule document");
        assertThat(rules.path("problem").asString()).contains("the rule file does not exist");
        assertThat(client.get("/index.html").status()).isEqualTo(200);

        Files.writeString(RULES, "epoch: 7\nshards: [\n");
        await().atMost(Duration.ofSeconds(20)).until(() -> client.get("/api/rules").json().path("lastRejection")
                .path("errors").toString().contains("not valid YAML or JSON"));

        Files.writeString(RULES, TestRules.text("three-cities.yaml"));
        await().atMost(Duration.ofSeconds(20)).until(() -> client.get("/api/status").json().path("epoch").asLong() == 42);
        assertThat(client.get("/api/shards").status()).isEqualTo(200);
        assertThat(client.get("/api/status").json().path("lastRejection").isNull()).isTrue();

        Files.writeString(RULES, "epoch: 43\n");
        await().atMost(Duration.ofSeconds(20)).until(() -> client.get("/api/status").json().path("lastRejection")
                .asString("").contains("cities is missing"));
        assertThat(client.get("/api/status").json().path("epoch").asLong()).isEqualTo(42);
    }
}
