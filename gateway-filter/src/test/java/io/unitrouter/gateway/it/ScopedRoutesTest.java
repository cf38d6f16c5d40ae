package io.unitrouter.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class ScopedRoutesTest extends GatewayIntegrationTest {

    @Test
    void globalScopedPathsGoToTheActiveGZoneForReadsAndWrites() {
        assertThat(send(request("/global/fx-rates")).headers().firstValue(Cells.SERVED_BY)).hasValue("gz01");
        assertThat(send(request("/global/fx-rates").POST(HttpRequest.BodyPublishers.ofString("{}"))).headers()
                .firstValue(Cells.SERVED_BY)).hasValue("gz01");

        assertThat(Cells.requests("gz01")).hasSize(2)
                .allSatisfy(r -> assertThat(Arrived.context(r).cell()).isEqualTo("gz01"));
    }

    @Test
    void aGlobalScopedRequestCarriesItsKeyAlongWhenItHasOne() {
        send(request("/global/limits").header("X-User-Id", "1005"));

        assertThat(Cells.requests("gz01")).singleElement()
                .satisfies(r -> assertThat(Arrived.context(r).key()).isEqualTo("1005"));
    }

    @Test
    void whenTheStandbyGZoneBecomesActiveGlobalRequestsFollowIt() {
        publish(rules -> rules.activeGZone("gz02"));

        HttpResponse<String> response = send(request("/global/fx-rates"));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).contains("\"type\":\"https://unit-router.io/problems/no-upstream\"", "\"cell\":\"gz02\"");
        assertThat(Cells.reached()).isEmpty();
    }

    @Test
    void cityScopedReadsGoToTheCallersCityCZone() {
        HttpResponse<String> named = send(request("/city/branches").header("X-Client-City", "hz"));
        HttpResponse<String> gatewayCity = send(request("/city/branches"));

        assertThat(named.headers().firstValue(Cells.SERVED_BY)).hasValue("czhz");
        assertThat(gatewayCity.headers().firstValue(Cells.SERVED_BY)).hasValue("czhz");
    }

    @Test
    void cityScopedReadsOfACityWithoutCZoneAndCityScopedWritesGoToTheActiveGZone() {
        HttpResponse<String> read = send(request("/city/branches").header("X-Client-City", "sh"));
        HttpResponse<String> write = send(request("/city/branches").header("X-Client-City", "hz")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(read.headers().firstValue(Cells.SERVED_BY)).hasValue("gz01");
        assertThat(write.headers().firstValue(Cells.SERVED_BY)).hasValue("gz01");
    }

    @Test
    void anUnknownCallerCityFallsBackToTheGatewaysCity() {
        HttpResponse<String> response = send(request("/city/branches").header("X-Client-City", "atlantis"));

        assertThat(response.headers().firstValue(Cells.SERVED_BY)).hasValue("czhz");
    }
}
