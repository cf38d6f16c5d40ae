package io.unitrouter.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.unitrouter.core.context.RoutingContext;
import io.unitrouter.core.context.RoutingHeaderCodec;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrustBoundaryTest extends GatewayIntegrationTest {

    private final RoutingHeaderCodec cellsCodec = RoutingHeaderCodec.signed(SECRET);

    @Test
    void forgedRoutingHeadersFromTheClientAreNotWhatArrivesAtTheCell() {
        double forged = count("unitrouter.gateway.routing-headers.removed", "verdict", "forged");

        HttpResponse<String> response = send(request("/api/orders").header("X-User-Id", "1005")
                .header("X-Unit-Cell", "rz05").header("x-unit-key", "99").header("X-UNIT-SHARD", "99")
                .header("X-Unit-Epoch", "999999").header("X-Unit-Hops", "7")
                .header("X-Unit-Signature", "v1:Zm9yZ2Vk").header("X-Unit-Anything", "else"));

        assertThat(response.headers().firstValue(Cells.SERVED_BY)).hasValue("rz01");
        assertThat(Cells.reached()).containsExactly("rz01");
        LoggedRequest arrived = Cells.requests("rz01").get(0);
        assertThat(arrived.getHeaders().getHeader("X-Unit-Context").values()).hasSize(1);
        assertThat(arrived.getHeaders().all()).noneMatch(h -> h.key().equalsIgnoreCase("X-Unit-Cell")
                || h.key().equalsIgnoreCase("X-Unit-Key") || h.key().equalsIgnoreCase("X-Unit-Anything"));
        RoutingContext context = Arrived.context(arrived);
        assertThat(context).isEqualTo(new RoutingContext("1005", 5, router.table().epoch(), "rz01", 0));
        assertThat(count("unitrouter.gateway.routing-headers.removed", "verdict", "forged")).isEqualTo(forged + 1);
    }

    @Test
    void aGenuineSignedHeaderSetReplayedByAClientStillCannotChooseTheCell() {
        Map<String, String> genuineForRz05 = cellsCodec.encode(
                new RoutingContext("99", 99, router.table().epoch(), "rz05", 0), "GET", "/api/orders");
        var request = request("/api/orders").header("X-User-Id", "47");
        genuineForRz05.forEach(request::header);

        HttpResponse<String> response = send(request);

        assertThat(response.headers().firstValue(Cells.SERVED_BY)).hasValue("rz03");
        assertThat(Cells.reached()).containsExactly("rz03");
        RoutingContext context = Arrived.context(Cells.requests("rz03").get(0));
        assertThat(context.key()).isEqualTo("47");
        assertThat(context.cell()).isEqualTo("rz03");
    }

    @Test
    void theRoutingHeadersWrittenByTheGatewayVerifyWithTheSharedSecretOnEveryCell() {
        for (String key : KEY_PER_CELL) {
            send(request("/api/profile").header("X-User-Id", key));
        }
        for (String cell : Cells.RZONES) {
            assertThat(Cells.requests(cell)).singleElement().satisfies(arrived -> {
                assertThat(arrived.getHeader("X-Unit-Context")).startsWith("v2 ").contains(" sig=");
                assertThat(Arrived.context(arrived).cell()).isEqualTo(cell);
            });
        }
    }

    @Test
    void aRouteThatIsNotUnitRoutedForwardsNoRoutingHeadersAtAll() {
        send(request("/plain/news").header("X-Unit-Cell", "rz05").header("X-Unit-Key", "99"));

        LoggedRequest arrived = Cells.requests(Cells.PLAIN).get(0);
        assertThat(arrived.getHeaders().keys()).noneMatch(name -> name.toLowerCase().startsWith("x-unit-"));
    }

    @Test
    void aClientCannotSteerRoutePredicatesWithRoutingHeaders() {
        HttpResponse<String> response = send(request("/gf/orders").header("X-Unit-Key", "99"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Cells.reached()).isEmpty();
    }
}
