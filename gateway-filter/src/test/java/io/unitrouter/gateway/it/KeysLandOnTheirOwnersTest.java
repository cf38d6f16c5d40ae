package io.unitrouter.gateway.it;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeysLandOnTheirOwnersTest extends GatewayIntegrationTest {

    /** The owner of a key in the reference rules, computed independently of the router: mod 100, 20 per cell. */
    private static String ownerOf(String key) {
        int shard = (int) (Long.parseLong(key) % 100);
        return Cells.RZONES.get(shard / 20);
    }

    @Test
    void keysSpreadOverAllFiveCellsLandOnTheirOwnersWithQueryStringAndBodyIntact() {
        String query = "?note=a%20b%2Bc&tag=x&tag=y&empty=";
        String body = "{\"amount\":\"1.50\",\"memo\":\"caf\u00e9 & \\\"quotes\\\"\"}";
        Set<String> owners = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            String key = Long.toString(7_000_000_000L + i * 7L);
            String owner = ownerOf(key);
            owners.add(owner);
            HttpResponse<String> response = send(request("/api/orders/" + key + query)
                    .header("X-User-Id", key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));

            assertThat(response.statusCode()).as("key %s", key).isEqualTo(200);
            assertThat(response.headers().firstValue(Cells.SERVED_BY)).as("key %s", key).hasValue(owner);
            List<LoggedRequest> arrived = Cells.server(owner)
                    .findAll(anyRequestedFor(urlPathEqualTo("/api/orders/" + key)));
            assertThat(arrived).as("requests for key %s at %s", key, owner).hasSize(1);
            LoggedRequest at = arrived.get(0);
            assertThat(at.getUrl()).isEqualTo("/api/orders/" + key + query);
            assertThat(at.getBodyAsString()).isEqualTo(body);
            assertThat(at.getMethod().getName()).isEqualTo("POST");
            assertThat(Arrived.context(at).cell()).isEqualTo(owner);
            assertThat(Arrived.context(at).key()).isEqualTo(key);
            assertThat(Arrived.context(at).shard()).isEqualTo((int) (Long.parseLong(key) % 100));
        }
        assertThat(owners).containsExactlyInAnyOrderElementsOf(Cells.RZONES);
        for (String cell : Cells.RZONES) {
            assertThat(Cells.requests(cell)).allSatisfy(r -> assertThat(Arrived.context(r).cell()).isEqualTo(cell));
        }
        assertThat(Cells.requests("gz01")).isEmpty();
        assertThat(Cells.requests("czhz")).isEmpty();
    }

    @Test
    void theRoutingKeyIsFoundInAQueryParameterOrACookie() {
        for (String key : KEY_PER_CELL) {
            assertThat(send(request("/by-query/balance?userId=" + key)).headers().firstValue(Cells.SERVED_BY))
                    .hasValue(ownerOf(key));
            assertThat(send(request("/by-query/balance").header("Cookie", "theme=dark; uid=" + key)).headers()
                    .firstValue(Cells.SERVED_BY)).hasValue(ownerOf(key));
        }
    }

    @Test
    void aPathSegmentCountsSegmentsOfThePathTheClientSentBeforeStripPrefix() {
        for (String key : KEY_PER_CELL) {
            HttpResponse<String> response = send(request("/prefix/users/" + key + "/cards"));
            assertThat(response.headers().firstValue(Cells.SERVED_BY)).hasValue(ownerOf(key));
            assertThat(Cells.requests(ownerOf(key))).singleElement()
                    .satisfies(r -> assertThat(r.getUrl()).isEqualTo("/users/" + key + "/cards"));
            Cells.resetRequests();
        }
    }

    @Test
    void aPathVariableOfTheRoutePredicateCarriesTheKey() {
        for (String key : KEY_PER_CELL) {
            assertThat(send(request("/members/" + key + "/profile")).headers().firstValue(Cells.SERVED_BY))
                    .hasValue(ownerOf(key));
        }
    }

    @Test
    void aJwtClaimCarriesTheKey() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        for (String key : KEY_PER_CELL) {
            String token = base64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                    + base64.encodeToString(("{\"sub\":\"" + key + "\",\"scope\":\"pay\"}")
                            .getBytes(StandardCharsets.UTF_8)) + ".c2ln";
            assertThat(send(request("/jwt/payments").header("Authorization", "Bearer " + token)).headers()
                    .firstValue(Cells.SERVED_BY)).hasValue(ownerOf(key));
        }
    }

    @Test
    void aKeyExtractorBeanNamedByTheRouteFindsTheKey() {
        for (String key : KEY_PER_CELL) {
            assertThat(send(request("/bean/statements").header("X-Account-No", "acct-" + key)).headers()
                    .firstValue(Cells.SERVED_BY)).hasValue(ownerOf(key));
        }
    }

    @Test
    void theGlobalFilterRoutesRoutesWithoutAUnitRouteFilterByTheGatewayDefaults() {
        for (String key : KEY_PER_CELL) {
            assertThat(send(request("/gf/orders").header("X-User-Id", key)).headers().firstValue(Cells.SERVED_BY))
                    .hasValue(ownerOf(key));
        }
        assertThat(send(request("/gf/config/currencies")).headers().firstValue(Cells.SERVED_BY)).hasValue("gz01");
        assertThat(send(request("/gf/orders")).statusCode()).isEqualTo(400);
    }

    @Test
    void aRouteWhoseUnitRouteFilterIsDisabledGoesToItsOwnUri() {
        HttpResponse<String> response = send(request("/plain/news").header("X-User-Id", "1005"));

        assertThat(response.headers().firstValue(Cells.SERVED_BY)).hasValue(Cells.PLAIN);
        assertThat(Cells.reached()).containsExactly(Cells.PLAIN);
    }
}
