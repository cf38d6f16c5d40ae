package io.unitrouter.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.unitrouter.core.RouteDecision;
import io.unitrouter.core.context.RoutingContext;
import io.unitrouter.core.context.RoutingHeaderCodec;
import io.unitrouter.core.routing.UnitRouter;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/** The routing on mock exchanges: what reaches the rest of the chain, and what the gateway answers itself. */
class GatewayRoutingTest {

    private static final String SECRET = "unit-test-secret-0123456789abcdefgh";

    private final UnitRouter router = Rules.router();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final UnitRouterGatewayProperties properties = properties();
    private final GatewayRouting routing = new GatewayRouting(router, RoutingHeaderCodec.signed(SECRET),
            new MicrometerGatewayMetrics(registry), properties);
    private final UnitRoutePolicies policies = new UnitRoutePolicies(properties, List.of("header:X-User-Id"),
            Map.of(), router);
    private final UnitRouteGatewayFilterFactory factory = new UnitRouteGatewayFilterFactory(routing, policies);
    private final AtomicReference<ServerWebExchange> forwarded = new AtomicReference<>();
    /** The rest of the chain: Spring Cloud Gateway's own URL filter, then the request is taken as sent. */
    private final GatewayFilterChain chain = exchange -> new RouteToRequestUrlFilter().filter(exchange, sent -> {
        forwarded.set(sent);
        return Mono.empty();
    });

    private static UnitRouterGatewayProperties properties() {
        UnitRouterGatewayProperties properties = new UnitRouterGatewayProperties();
        for (String cell : List.of("rz01", "rz02", "rz03", "rz04", "rz05", "gz01", "czhz")) {
            UnitRouterGatewayProperties.CellUpstream upstream = new UnitRouterGatewayProperties.CellUpstream();
            upstream.setUri(URI.create("http://" + cell + ".bank.internal:8080"));
            properties.getCells().put(cell, upstream);
        }
        return properties;
    }

    /** An exchange matched to a route whose own {@code uri} is {@code no://op}. */
    private static MockServerWebExchange exchange(MockServerHttpRequest.BaseBuilder<?> request) {
        return exchange(request, "no://op");
    }

    private static MockServerWebExchange exchange(MockServerHttpRequest.BaseBuilder<?> request, String routeUri) {
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR,
                Route.async().id("test").uri(routeUri).predicate(e -> true).build());
        return exchange;
    }

    /** The request URL Spring Cloud Gateway's own filter builds for a plain route to {@code routeUri}. */
    private static URI plainRouteUrl(String routeUri, URI request) {
        MockServerWebExchange plain = exchange(MockServerHttpRequest.method(HttpMethod.GET, request), routeUri);
        AtomicReference<URI> url = new AtomicReference<>();
        new RouteToRequestUrlFilter().filter(plain, e -> {
            url.set(e.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR));
            return Mono.empty();
        }).block();
        return url.get();
    }

    private GatewayFilter filter(UnitRouteGatewayFilterFactory.Config config) {
        return factory.apply(routeId(config, "test"));
    }

    @Test
    void aRoutedRequestGetsTheOwnersUrlAndFreshSignedHeaders() {
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.method(HttpMethod.POST,
                URI.create("/api/pay?to=a%20b")).header("X-User-Id", "2088123456789"));

        filter(new UnitRouteGatewayFilterFactory.Config()).filter(exchange, chain).block();

        ServerWebExchange out = forwarded.get();
        assertThat((URI) out.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR))
                .hasToString("http://rz05.bank.internal:8080/api/pay?to=a%20b");
        RoutingContext context = context(out);
        assertThat(context).isEqualTo(new RoutingContext("2088123456789", 89, 42, "rz05", 0));
        assertThat((RouteDecision) out.getAttribute(GatewayRouting.DECISION_ATTR)).satisfies(
                d -> assertThat(d.cell()).isEqualTo("rz05"));
        exchange.getResponse().setComplete().block();
        assertThat(exchange.getResponse().getHeaders().getFirst("X-Unit-Epoch")).isEqualTo("42");
    }

    @Test
    void theRequestUrlIsWhatParsingItsWholeTextGivesForEveryShapeOfBaseAndPath() {
        List<String> bases = List.of("http://rz01.internal:8080", "https://edge.bank.example/cells/rz01",
                "http://[::1]:8080", "ws://rz01.internal", "http://rz01.internal:1/a/b");
        List<String> requests = List.of("/api/users/a%2Fb/%E2%82%AC?q=a%20b%2Bc&x=1&x=2&empty=",
                "//evil.example/steal", "///x", "", "?x=1", "/", "/a;v=1/d?", "/%2e%2e/x", "/a/../b/./c", "/a:b/c",
                "/\u20ac/\u00fc?\u00e4=1", "/a?b?c=/d");
        for (String base : bases) {
            UnitRouterGatewayProperties settings = new UnitRouterGatewayProperties();
            UnitRouterGatewayProperties.CellUpstream upstream = new UnitRouterGatewayProperties.CellUpstream();
            upstream.setUri(URI.create(base));
            settings.getCells().put("rz01", upstream);
            UnitRoutePolicies toBasePolicies = new UnitRoutePolicies(settings, List.of("header:X-User-Id"), Map.of(),
                    router);
            GatewayFilter toBase = new UnitRouteGatewayFilterFactory(routing, toBasePolicies)
                    .apply(routeId(new UnitRouteGatewayFilterFactory.Config(), "r"));
            URI parsedBase = URI.create(base);
            String origin = parsedBase.getScheme() + "://" + parsedBase.getRawAuthority();
            for (String text : requests) {
                URI request = URI.create("http://gateway.bank.example" + text);
                // The reference: what a plain route to the cell's host gives, with a PrefixPath filter for the
                // base URL's path.
                URI expected = plainRouteUrl(origin, URI.create("http://gateway.bank.example" + parsedBase.getRawPath()
                        + text));

                toBase.filter(exchange(MockServerHttpRequest.method(HttpMethod.GET, request)
                        .header("X-User-Id", "3")), chain).block();

                URI sent = forwarded.get().getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
                assertThat(sent.toString()).as("%s + %s", base, text).isEqualTo(expected.toString());
                assertThat(sent.getHost()).as("%s + %s", base, text).isEqualTo(URI.create(base).getHost());
                assertThat(sent.getRawPath()).as("%s + %s", base, text).isEqualTo(expected.getRawPath());
                assertThat(sent.getRawQuery()).as("%s + %s", base, text).isEqualTo(expected.getRawQuery());
                assertThat(context(forwarded.get()).cell()).as("signed for the path sent").isEqualTo("rz01");
            }
        }
    }

    @Test
    void anLbRouteKeepsItsUrlForTheCellAwareLoadBalancer() {
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/accounts/1").header("X-User-Id", "47"),
                "lb://accounts");

        filter(new UnitRouteGatewayFilterFactory.Config()).filter(exchange, chain).block();

        assertThat((URI) forwarded.get().getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR))
                .hasToString("lb://accounts/accounts/1");
        assertThat(context(forwarded.get()).cell()).isEqualTo("rz03");
    }

    @Test
    void aHeldWriteIsForwardedOnTheEpochThatUnfreezesIt() throws Exception {
        router.apply(Rules.reference().toBuilder().epoch(43).freeze("80-99").build());
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.post("/api/pay").header("X-User-Id", "99"));

        CompletableFuture<Void> done = filter(new UnitRouteGatewayFilterFactory.Config()
                .setHoldTimeout(Duration.ofMinutes(5))).filter(exchange, chain).toFuture();
        assertThat(registry.get("unitrouter.gateway.holds.active").gauge().value()).isEqualTo(1);
        router.apply(Rules.reference().toBuilder().epoch(44).freeze("95-99").build());
        assertThat(done).isNotDone();
        String[] owners = Rules.reference().owners().clone();
        Arrays.fill(owners, 80, 100, "rz01");
        router.apply(Rules.reference().toBuilder().epoch(45).owners(owners).build());

        done.get(30, TimeUnit.SECONDS);
        assertThat(context(forwarded.get()).cell()).isEqualTo("rz01");
        assertThat(context(forwarded.get()).epoch()).isEqualTo(45);
        assertThat(registry.get("unitrouter.gateway.holds.active").gauge().value()).isZero();
        assertThat(registry.get("unitrouter.gateway.hold").tag("result", "forwarded").timer().count()).isEqualTo(1);
    }

    @Test
    void aClientThatGoesAwayDuringAHoldEndsItAsCancelled() {
        router.apply(Rules.reference().toBuilder().epoch(43).freeze("0-19").build());
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.delete("/api/card").header("X-User-Id", "3"));

        Disposable held = filter(new UnitRouteGatewayFilterFactory.Config().setHoldTimeout(Duration.ofMinutes(5)))
                .filter(exchange, chain).subscribe();
        held.dispose();

        assertThat(registry.get("unitrouter.gateway.holds.active").gauge().value()).isZero();
        assertThat(registry.get("unitrouter.gateway.hold").tag("result", "cancelled").timer().count()).isEqualTo(1);
        router.apply(Rules.reference().toBuilder().epoch(44).build());
        assertThat(forwarded.get()).isNull();
    }

    @Test
    void aZeroHoldTimeoutRefusesFrozenWritesAtOnce() {
        router.apply(Rules.reference().toBuilder().epoch(43).freeze("0-19").build());
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.post("/api/pay").header("X-User-Id", "3"));

        filter(new UnitRouteGatewayFilterFactory.Config().setHoldTimeout(Duration.ZERO)).filter(exchange, chain)
                .block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(forwarded.get()).isNull();
    }

    @Test
    void aHoldEndsInA503AfterItsTimeout() {
        router.apply(Rules.reference().toBuilder().epoch(43).freeze("0-19").build());
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.post("/api/pay").header("X-User-Id", "3"));

        filter(new UnitRouteGatewayFilterFactory.Config().setHoldTimeout(Duration.ofMillis(50)))
                .filter(exchange, chain).block(Duration.ofSeconds(30));

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"shard\":3", "\"epoch\":43");
        assertThat(registry.get("unitrouter.gateway.hold").tag("result", "expired").timer().count()).isEqualTo(1);
    }

    @Test
    void aKeySourceThatFailsIsAnswered400AndNotRouted() {
        UnitRoutePolicies withBean = new UnitRoutePolicies(properties, List.of("header:X-User-Id"),
                Map.of("broken", request -> {
                    throw new IllegalStateException("boom");
                }), router);
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/api/x"));

        new UnitRouteGatewayFilterFactory(routing, withBean)
                .apply(routeId(new UnitRouteGatewayFilterFactory.Config().setKeySources(List.of("bean:broken")), "r"))
                .filter(exchange, chain).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("from bean:broken could not be read");
        assertThat(forwarded.get()).isNull();
    }

    @Test
    void aCellWithoutAnAddressIsAnswered502() {
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/api/x").header("X-User-Id", "3"));

        UnitRoutePolicies bare = new UnitRoutePolicies(new UnitRouterGatewayProperties(), List.of("header:X-User-Id"),
                Map.of(), router);
        new UnitRouteGatewayFilterFactory(routing, bare).apply(routeId(new UnitRouteGatewayFilterFactory.Config(), "r"))
                .filter(exchange, chain).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("no address for cell rz01");
        assertThat(registry.get("unitrouter.gateway.requests").tags("outcome", "no-upstream", "cell", "rz01")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void theEpochResponseHeaderCanBeRenamedOrTurnedOff() {
        UnitRouterGatewayProperties renamed = properties();
        renamed.setEpochHeader("X-Routing-Epoch");
        UnitRouterGatewayProperties off = properties();
        off.setEpochHeader("");
        for (UnitRouterGatewayProperties settings : List.of(renamed, off)) {
            GatewayRouting custom = new GatewayRouting(router, RoutingHeaderCodec.unsigned(), GatewayMetrics.NONE,
                    settings);
            MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/api/x").header("X-User-Id", "3"));
            new UnitRouteGatewayFilterFactory(custom, new UnitRoutePolicies(settings, List.of("header:X-User-Id"),
                    Map.of(), router)).apply(routeId(new UnitRouteGatewayFilterFactory.Config(), "r"))
                    .filter(exchange, chain).block();
            exchange.getResponse().setComplete().block();

            assertThat(exchange.getResponse().getHeaders().getFirst("X-Unit-Epoch")).isNull();
            assertThat(exchange.getResponse().getHeaders().getFirst("X-Routing-Epoch"))
                    .isEqualTo(settings == renamed ? "42" : null);
        }
    }

    @Test
    void withoutASecretTheHeadersAreWrittenUnsigned() {
        GatewayRouting unsigned = new GatewayRouting(router, RoutingHeaderCodec.unsigned(), GatewayMetrics.NONE,
                properties);
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/api/x").header("X-User-Id", "3"));

        new UnitRouteGatewayFilterFactory(unsigned, policies)
                .apply(routeId(new UnitRouteGatewayFilterFactory.Config(), "r")).filter(exchange, chain).block();

        assertThat(RoutingHeaderCodec.unsigned().decode(forwarded.get().getRequest().getHeaders()::getFirst, "GET",
                "/api/x")).hasValueSatisfying(context -> assertThat(context.cell()).isEqualTo("rz01"));
        assertThat(forwarded.get().getRequest().getHeaders().getFirst("X-Unit-Context")).doesNotContain("sig=");
    }

    @Test
    void aDisabledRouteIsPassedThroughUntouched() {
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/api/x").header("X-User-Id", "3"));

        filter(new UnitRouteGatewayFilterFactory.Config().setEnabled(false)).filter(exchange, chain).block();

        assertThat(forwarded.get()).isSameAs(exchange);
        assertThat((URI) exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR))
                .hasToString("no://op/api/x");
        assertThat(registry.find("unitrouter.gateway.requests").counters()).isEmpty();
    }

    @Test
    void theGlobalFilterLeavesARequestThatARouteFilterRoutedOrDisabledInThisPass() {
        UnitRouteGlobalFilter global = new UnitRouteGlobalFilter(routing, policies, List.of(), List.of());
        MockServerWebExchange routed = exchange(MockServerHttpRequest.get("/api/x").header("X-User-Id", "3"));
        MockServerWebExchange disabled = exchange(MockServerHttpRequest.get("/api/x").header("X-User-Id", "3"));

        filter(new UnitRouteGatewayFilterFactory.Config()).filter(routed, e -> global.filter(e, chain)).block();
        URI routedUrl = forwarded.get().getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
        filter(new UnitRouteGatewayFilterFactory.Config().setEnabled(false))
                .filter(disabled, e -> global.filter(e, chain)).block();

        assertThat(routedUrl).hasToString("http://rz01.bank.internal:8080/api/x");
        assertThat((URI) disabled.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR))
                .hasToString("no://op/api/x");
        assertThat(registry.find("unitrouter.gateway.requests").counters())
                .singleElement().satisfies(counter -> assertThat(counter.count()).isEqualTo(1.0));
    }

    @Test
    void aSecondPassOfTheChainWithANewRequestUrlIsRoutedAgain() {
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/api/x").header("X-User-Id", "3"));
        GatewayFilter filter = filter(new UnitRouteGatewayFilterFactory.Config());
        filter.filter(exchange, chain).block();

        // What a Retry filter's second pass does: the same exchange through the rest of the chain again.
        filter.filter(exchange, chain).block();

        assertThat((URI) forwarded.get().getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR))
                .hasToString("http://rz01.bank.internal:8080/api/x");
        assertThat(context(forwarded.get()).cell()).isEqualTo("rz01");
        assertThat(registry.find("unitrouter.gateway.requests").counters())
                .singleElement().satisfies(counter -> assertThat(counter.count()).isEqualTo(2.0));
    }

    @Test
    void aRetryAfterTheOwnerDiedAndItsShardsMovedGoesToTheNewOwnerNotBackToTheDeadOne() {
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/api/x").header("X-User-Id", "3"));
        GatewayFilter filter = filter(new UnitRouteGatewayFilterFactory.Config());
        filter.filter(exchange, chain).block();
        assertThat(context(forwarded.get()).cell()).isEqualTo("rz01");
        // rz01 is gone: a failover gives its shards to rz02 before the Retry filter's second attempt.
        String[] owners = Rules.reference().owners().clone();
        Arrays.fill(owners, 0, 20, "rz02");
        router.apply(Rules.reference().toBuilder().epoch(43).owners(owners).build());

        filter.filter(exchange, chain).block();

        assertThat((URI) forwarded.get().getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR))
                .hasToString("http://rz02.bank.internal:8080/api/x");
        assertThat(context(forwarded.get()).cell()).isEqualTo("rz02");
        assertThat(context(forwarded.get()).epoch()).isEqualTo(43);
    }

    private static UnitRouteGatewayFilterFactory.Config routeId(UnitRouteGatewayFilterFactory.Config config,
            String routeId) {
        config.setRouteId(routeId);
        return config;
    }

    /** The routing context a forwarded exchange carries, verified for the request the cell will receive. */
    private static RoutingContext context(ServerWebExchange out) {
        URI sent = out.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
        return RoutingHeaderCodec.signed(SECRET).decode(out.getRequest().getHeaders()::getFirst,
                out.getRequest().getMethod().name(), sent.getRawPath()).orElseThrow();
    }
}
