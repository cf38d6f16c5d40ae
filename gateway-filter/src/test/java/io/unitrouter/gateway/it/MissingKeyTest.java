package io.unitrouter.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class MissingKeyTest extends GatewayIntegrationTest {

    @Test
    void aRequestWithoutAKeyIsAnswered400WithAProblemNamingTheExpectedSource() {
        double missing = count("unitrouter.gateway.requests", "outcome", "missing-key", "cell", "none");

        HttpResponse<String> response = send(request("/api/orders").header("X-Other", "1005"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("X-Unit-Epoch")).hasValue(Long.toString(router.table().epoch()));
        assertThat(response.body()).contains("\"type\":\"https://unit-router.io/problems/missing-key\"", "\"status\":400",
                "\"detail\":\"this route needs a routing key from header:X-User-Id\"",
                "\"expectedSources\":[\"header:X-User-Id\"]", "\"instance\":\"/api/orders\"");
        assertThat(Cells.reached()).isEmpty();
        assertThat(count("unitrouter.gateway.requests", "outcome", "missing-key", "cell", "none"))
                .isEqualTo(missing + 1);
    }

    @Test
    void theProblemListsEverySourceOfARouteWithSeveral() {
        HttpResponse<String> response = send(request("/by-query/balance"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"expectedSources\":[\"query:userId\",\"cookie:uid\"]");
    }

    @Test
    void underTheDefaultCellPolicyAKeylessRequestGoesToTheDefaultCellWithoutAKey() {
        double defaulted = count("unitrouter.gateway.requests", "outcome", "missing-key", "cell", "rz03");

        HttpResponse<String> response = send(request("/default/catalogue?page=2"));

        assertThat(response.headers().firstValue(Cells.SERVED_BY)).hasValue("rz03");
        assertThat(Cells.reached()).containsExactly("rz03");
        var arrived = Cells.requests("rz03").get(0);
        assertThat(arrived.getUrl()).isEqualTo("/default/catalogue?page=2");
        assertThat(Arrived.context(arrived).cell()).isEqualTo("rz03");
        assertThat(Arrived.context(arrived).hasKey()).isFalse();
        assertThat(count("unitrouter.gateway.requests", "outcome", "missing-key", "cell", "rz03"))
                .isEqualTo(defaulted + 1);
    }

    @Test
    void underTheDefaultCellPolicyARequestWithAKeyStillGoesToItsOwner() {
        assertThat(send(request("/default/catalogue").header("X-User-Id", "99")).headers()
                .firstValue(Cells.SERVED_BY)).hasValue("rz05");
    }

    @Test
    void aMalformedKeyIsAnswered400AndReachesNoCellWhateverThePolicy() {
        double malformed = count("unitrouter.gateway.requests", "outcome", "malformed-key", "cell", "none");

        HttpResponse<String> strict = send(request("/api/orders").header("X-User-Id", "12ab")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        HttpResponse<String> lenient = send(request("/default/orders").header("X-User-Id", "-7"));

        assertThat(strict.statusCode()).isEqualTo(400);
        assertThat(strict.body()).contains("\"type\":\"https://unit-router.io/problems/malformed-key\"",
                "routing key '12ab' from header:X-User-Id", "\"source\":\"header:X-User-Id\"");
        assertThat(lenient.statusCode()).isEqualTo(400);
        assertThat(Cells.reached()).isEmpty();
        assertThat(count("unitrouter.gateway.requests", "outcome", "malformed-key", "cell", "none"))
                .isEqualTo(malformed + 2);
    }

    @Test
    void aKeyWithCharactersOutsideVisibleAsciiIsRefusedAndQuotedSafely() {
        HttpResponse<String> response = send(request("/by-query/balance?userId=10%0A05%22"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("from query:userId").doesNotContain("\n");
        assertThat(Cells.reached()).isEmpty();
    }
}
