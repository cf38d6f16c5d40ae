package io.unitrouter.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import io.unitrouter.core.store.FileRuleStore;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LiveRulesTest extends GatewayIntegrationTest {

    @Test
    void aRuleChangePublishedThroughTheRuleStoreTakesEffectForTheNextRequest() {
        assertThat(send(request("/api/orders").header("X-User-Id", "1005")).headers().firstValue(Cells.SERVED_BY))
                .hasValue("rz01");

        RuleDocument moved = publish(rules -> rules.overrideShards("0-19", "rz04"));

        HttpResponse<String> response = send(request("/api/orders").header("X-User-Id", "1005"));
        assertThat(response.headers().firstValue(Cells.SERVED_BY)).hasValue("rz04");
        assertThat(response.headers().firstValue("X-Unit-Epoch")).hasValue(Long.toString(moved.epoch()));
        assertThat(Arrived.context(Cells.requests("rz04").get(0)).epoch()).isEqualTo(moved.epoch());
    }

    @Test
    void aRuleFileEditedInPlaceIsPickedUpWithoutARestart() throws Exception {
        RuleDocument current = router.table().document();
        RuleDocument next = current.toBuilder().epoch(current.epoch() + 1).overrideKeys(java.util.List.of("47"), "rz05")
                .build();
        var file = ((FileRuleStore) store).file();
        var temporary = file.resolveSibling("rules.yaml.edit");
        Files.writeString(temporary, RuleDocuments.toYaml(next));
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                send(request("/api/orders").header("X-User-Id", "47")).headers().firstValue(Cells.SERVED_BY))
                .hasValue("rz05"));
        assertThat(send(request("/api/orders").header("X-User-Id", "48")).headers().firstValue(Cells.SERVED_BY))
                .hasValue("rz03");
    }

    @Test
    void everyRoutedResponseCarriesTheEpochItWasRoutedWith() {
        HttpResponse<String> response = send(request("/members/99/profile"));

        assertThat(response.headers().allValues("X-Unit-Epoch")).containsExactly(Long.toString(router.table().epoch()));
    }

    @Test
    void theActuatorEndpointShowsTheEpochInForce() {
        RuleDocument published = publish(rules -> rules.freeze("5"));

        HttpResponse<String> response = send(request("/actuator/unitrouter"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"epoch\":" + published.epoch(), "\"frozen\":[\"5\"]");
    }
}
