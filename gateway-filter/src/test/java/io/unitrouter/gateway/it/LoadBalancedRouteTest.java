package io.unitrouter.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Service "accounts" has one instance per RZone, "ledger" only in rz01 and rz02 (discovery metadata
 * {@code unit-router.cell}); both are reached through {@code lb://} routes.
 */
class LoadBalancedRouteTest extends GatewayIntegrationTest {

    @Test
    void anLbRouteReachesOnlyTheInstancesOfTheOwningCell() {
        for (int i = 0; i < KEY_PER_CELL.size(); i++) {
            String key = KEY_PER_CELL.get(i);
            String owner = Cells.RZONES.get(i);
            Cells.resetRequests();

            for (int round = 0; round < 3; round++) {
                HttpResponse<String> response = send(request("/lb/accounts/" + key + "?round=" + round)
                        .header("X-User-Id", key).POST(HttpRequest.BodyPublishers.ofString("deposit")));
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue(Cells.SERVED_BY)).hasValue(owner);
            }

            assertThat(Cells.reached()).containsExactly(owner);
            assertThat(Cells.requests(owner)).hasSize(3).allSatisfy(r -> {
                assertThat(Arrived.context(r).cell()).isEqualTo(owner);
                assertThat(r.getBodyAsString()).isEqualTo("deposit");
            });
        }
    }

    @Test
    void aWriteForACellWithoutAnInstanceFailsClosedWith503AndReachesNoOtherCell() {
        double noInstance = count("unitrouter.gateway.requests", "outcome", "no-instance", "cell", "rz03");

        HttpResponse<String> response = send(request("/lb/ledger/entries").header("X-User-Id", "47")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"type\":\"https://unit-router.io/problems/no-instance\"", "\"cell\":\"rz03\"",
                "\"service\":\"ledger\"");
        assertThat(Cells.reached()).isEmpty();
        assertThat(count("unitrouter.gateway.requests", "outcome", "no-instance", "cell", "rz03"))
                .isEqualTo(noInstance + 1);
    }

    @Test
    void aServiceWithInstancesInTheOwningCellIsReachedThere() {
        HttpResponse<String> response = send(request("/lb/ledger/entries").header("X-User-Id", "2088123456725"));

        assertThat(response.headers().firstValue(Cells.SERVED_BY)).hasValue("rz02");
        assertThat(Cells.reached()).containsExactly("rz02");
    }
}
