package io.unitrouter.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.unitrouter.core.context.RoutingContext;
import io.unitrouter.core.context.RoutingHeaderCodec;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

class RoutingHeaderStripWebFilterTest {

    private static final RoutingHeaderCodec CODEC = RoutingHeaderCodec.signed("strip-test-secret-0123456789abcdefgh");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerGatewayMetrics metrics = new MicrometerGatewayMetrics(registry);
    private final AtomicReference<ServerWebExchange> passed = new AtomicReference<>();
    private final WebFilterChain chain = exchange -> {
        passed.set(exchange);
        return Mono.empty();
    };

    private double removed(String verdict) {
        var counter = registry.find("unitrouter.gateway.routing-headers.removed").tag("verdict", verdict).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void everyRoutingHeaderIsRemovedWhateverItsCaseAndOtherHeadersStay() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/x")
                .header("X-Unit-Cell", "rz05").header("x-unit-key", "1").header("X-UNIT-SIGNATURE", "v1:AAAA")
                .header("X-Unit-Custom", "y").header("X-Units", "3").header("X-User-Id", "7"));

        new RoutingHeaderStripWebFilter(CODEC, metrics, ForgedHeaderPolicy.STRIP).filter(exchange, chain).block();

        var headers = passed.get().getRequest().getHeaders();
        assertThat(headers.headerNames()).containsExactlyInAnyOrder("X-Units", "X-User-Id");
        assertThat(removed("forged")).isEqualTo(1);
    }

    @Test
    void aRequestWithoutRoutingHeadersIsPassedOnAsItIs() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/x")
                .header("X-User-Id", "7"));

        new RoutingHeaderStripWebFilter(CODEC, metrics, ForgedHeaderPolicy.REJECT).filter(exchange, chain).block();

        assertThat(passed.get()).isSameAs(exchange);
        assertThat(registry.find("unitrouter.gateway.routing-headers.removed").counters()).isEmpty();
    }

    @Test
    void underTheRejectPolicyForgedHeadersAreAnswered403AsAtACell() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/x")
                .header("X-Unit-Cell", "rz05"));

        new RoutingHeaderStripWebFilter(CODEC, metrics, ForgedHeaderPolicy.REJECT).filter(exchange, chain).block();

        assertThat(passed.get()).isNull();
        // A forged signature used to get 400 here and 403 at a cell: one refusal vocabulary now, 403 at both.
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(exchange.getResponse().getBodyAsString().block())
                .contains("\"type\":\"https://unit-router.io/problems/bad-signature\"", "\"status\":403");
        assertThat(registry.get("unitrouter.gateway.requests").tags("outcome", "bad-signature").counter().count())
                .isEqualTo(1);
    }

    @Test
    void underTheRejectPolicyGenuineHeadersAreRemovedButNotRefused() {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/x");
        CODEC.encode(new RoutingContext("99", 99, 42, "rz05", 0), "GET", "/x", request::header);

        new RoutingHeaderStripWebFilter(CODEC, metrics, ForgedHeaderPolicy.REJECT)
                .filter(MockServerWebExchange.from(request), chain).block();

        assertThat(passed.get().getRequest().getHeaders().headerNames()).isEmpty();
        assertThat(removed("genuine")).isEqualTo(1);
    }

    @Test
    void withoutASecretRoutingHeadersAreRemovedUnverified() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/x")
                .header("X-Unit-Cell", "rz05"));

        new RoutingHeaderStripWebFilter(RoutingHeaderCodec.unsigned(), metrics, ForgedHeaderPolicy.REJECT)
                .filter(exchange, chain).block();

        assertThat(passed.get().getRequest().getHeaders().headerNames()).isEmpty();
        assertThat(removed("unverified")).isEqualTo(1);
    }
}
