package io.unitrouter.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.unitrouter.core.rules.RuleDocument;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FrozenShardHoldTest extends GatewayIntegrationTest {

    /** Shard 25, owned by rz02 in the reference rules. */
    private static final String KEY = "2088123456725";

    private double activeHolds() {
        Gauge gauge = meters.find("unitrouter.gateway.holds.active").gauge();
        return gauge == null ? 0 : gauge.value();
    }

    private long holds(String result) {
        Timer timer = meters.find("unitrouter.gateway.hold").tag("result", result).timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void aWriteToAFrozenShardWaitsAndThenGoesToTheNewOwnerWhenTheEpochChangesDuringTheHold() throws Exception {
        publish(rules -> rules.freeze("20-39"));
        long forwarded = holds("forwarded");
        double held = count("unitrouter.gateway.requests", "outcome", "held", "cell", "rz03");

        CompletableFuture<HttpResponse<String>> response = sendAsync(request("/long-hold/transfers?id=t-1")
                .header("X-User-Id", KEY).POST(HttpRequest.BodyPublishers.ofString("{\"amount\":10}")));
        await().atMost(Duration.ofSeconds(30)).until(() -> activeHolds() == 1);
        assertThat(response).isNotDone();
        assertThat(Cells.reached()).isEmpty();

        RuleDocument moved = publish(rules -> rules.owners(owners(router.table().document(), 20, 39, "rz03"))
                .clearFrozen());

        HttpResponse<String> answer = response.get(60, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue(Cells.SERVED_BY)).hasValue("rz03");
        assertThat(answer.headers().firstValue("X-Unit-Epoch")).hasValue(Long.toString(moved.epoch()));
        assertThat(Cells.reached()).containsExactly("rz03");
        var arrived = Cells.requests("rz03").get(0);
        assertThat(arrived.getUrl()).isEqualTo("/long-hold/transfers?id=t-1");
        assertThat(arrived.getBodyAsString()).isEqualTo("{\"amount\":10}");
        assertThat(Arrived.context(arrived).epoch())
                .isEqualTo(moved.epoch());
        assertThat(activeHolds()).isZero();
        assertThat(holds("forwarded")).isEqualTo(forwarded + 1);
        assertThat(count("unitrouter.gateway.requests", "outcome", "held", "cell", "rz03")).isEqualTo(held + 1);
    }

    @Test
    void aHoldThatExpiresIsAnswered503WithRetryAfterAndReachesNoCell() {
        publish(rules -> rules.freeze("20-39"));
        long expired = holds("expired");
        double rejected = count("unitrouter.gateway.requests", "outcome", "rejected-frozen", "cell", "none");

        HttpResponse<String> response = send(request("/short-hold/transfers").header("X-User-Id", KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"type\":\"https://unit-router.io/problems/frozen\"", "\"status\":503",
                "\"shard\":25", "within 200 ms");
        assertThat(Cells.reached()).isEmpty();
        assertThat(holds("expired")).isEqualTo(expired + 1);
        assertThat(count("unitrouter.gateway.requests", "outcome", "rejected-frozen", "cell", "none"))
                .isEqualTo(rejected + 1);
        assertThat(activeHolds()).isZero();
    }

    @Test
    void aWriteStaysHeldWhileNewEpochsKeepTheShardFrozen() throws Exception {
        publish(rules -> rules.freeze("20-39"));
        CompletableFuture<HttpResponse<String>> response = sendAsync(request("/long-hold/transfers")
                .header("X-User-Id", KEY).PUT(HttpRequest.BodyPublishers.ofString("x")));
        await().atMost(Duration.ofSeconds(30)).until(() -> activeHolds() == 1);

        publish(rules -> rules.freeze("40-41"));
        await().atMost(Duration.ofSeconds(30)).until(() -> activeHolds() == 1);
        assertThat(response).isNotDone();
        publish(rules -> rules.clearFrozen());

        assertThat(response.get(60, TimeUnit.SECONDS).headers().firstValue(Cells.SERVED_BY)).hasValue("rz02");
        assertThat(Cells.reached()).containsExactly("rz02");
    }

    @Test
    void readsOfAFrozenShardGoThroughWithoutWaiting() {
        publish(rules -> rules.freeze("20-39"));

        HttpResponse<String> response = send(request("/short-hold/balance").header("X-User-Id", KEY));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue(Cells.SERVED_BY)).hasValue("rz02");
        assertThat(activeHolds()).isZero();
    }

    @Test
    void writesToShardsThatAreNotFrozenAreNotHeld() {
        publish(rules -> rules.freeze("20-39"));

        HttpResponse<String> response = send(request("/short-hold/transfers").header("X-User-Id", "47")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(response.headers().firstValue(Cells.SERVED_BY)).hasValue("rz03");
    }

    private static String[] owners(RuleDocument current, int from, int to, String cell) {
        String[] owners = current.owners().clone();
        for (int s = from; s <= to; s++) {
            owners[s] = cell;
        }
        return owners;
    }
}
