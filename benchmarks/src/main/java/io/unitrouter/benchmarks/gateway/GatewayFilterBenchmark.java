package io.unitrouter.benchmarks.gateway;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.unitrouter.benchmarks.BenchmarkRules;
import io.unitrouter.core.Access;
import io.unitrouter.core.RouteDecision;
import io.unitrouter.core.context.RoutingHeaderCodec;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.gateway.ForgedHeaderPolicy;
import io.unitrouter.gateway.GatewayRouting;
import io.unitrouter.gateway.MicrometerGatewayMetrics;
import io.unitrouter.gateway.RoutingHeaderStripWebFilter;
import io.unitrouter.gateway.UnitRouteGatewayFilterFactory;
import io.unitrouter.gateway.UnitRoutePolicies;
import io.unitrouter.gateway.UnitRouterGatewayProperties;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.reactivestreams.Subscription;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.adapter.DefaultServerWebExchange;
import org.springframework.web.server.i18n.AcceptHeaderLocaleContextResolver;
import org.springframework.web.server.i18n.LocaleContextResolver;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionManager;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;

/**
 * The gateway filter's own work per request, on an exchange as the gateway builds it (a
 * {@link DefaultServerWebExchange} over a request Reactor Netty received, see {@link NettyRequests}, and a
 * response that discards its body, see {@link DiscardingResponse}): header strip, key extraction, decision,
 * header signing, pointing the route at the cell, metrics. Every chain ends with Spring Cloud Gateway's
 * {@code RouteToRequestUrlFilter}, which builds the request URL for any route. Compare {@code unitRoute*} with
 * {@code baseline}, which builds the same exchange and runs only that filter: the difference is what unit routing
 * adds to a request.
 *
 * <p>Run with {@code -prof gc} for bytes per operation ({@code gc.alloc.rate.norm}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@State(Scope.Thread)
public class GatewayFilterBenchmark {

    private static final String SECRET = "benchmark-secret-0123456789abcdefghij";
    private static final int KEYS = 1024;

    private UnitRouter router;
    private RoutingHeaderStripWebFilter strip;
    private GatewayFilter signed;
    private GatewayFilter unsigned;
    private String[] keys;
    private NettyRequests requests;
    private int next;

    private final RouteToRequestUrlFilter urls = new RouteToRequestUrlFilter();
    private final GatewayFilterChain routeChain = exchange -> urls.filter(exchange, built -> Mono.empty());
    /** A plain route to one upstream, as the baseline's: Spring Cloud Gateway builds its URL as for a cell's. */
    private final Route plainRoute = route("http://accounts.bank.internal:8080");
    /** A unit route's own {@code uri}, which the filter replaces with the cell's. */
    private final Route unitRoute = route("no://op");
    private final Route loadBalancedRoute = route("lb://accounts");
    private final ServerCodecConfigurer codecs = ServerCodecConfigurer.create();
    private final WebSessionManager sessions = new DefaultWebSessionManager();
    private final LocaleContextResolver locales = new AcceptHeaderLocaleContextResolver();
    private final Completion completion = new Completion();

    @Setup(Level.Trial)
    public void setUp() {
        router = UnitRouter.builder().rules(BenchmarkRules.document()).build();
        UnitRouterGatewayProperties properties = new UnitRouterGatewayProperties();
        for (String cell : List.of("rz01", "rz02", "rz03", "rz04", "rz05", "gz01", "czhz")) {
            UnitRouterGatewayProperties.CellUpstream upstream = new UnitRouterGatewayProperties.CellUpstream();
            upstream.setUri(URI.create("http://" + cell + ".bank.internal:8080"));
            properties.getCells().put(cell, upstream);
        }
        MicrometerGatewayMetrics metrics = new MicrometerGatewayMetrics(new SimpleMeterRegistry());
        UnitRoutePolicies policies = new UnitRoutePolicies(properties, List.of("header:X-User-Id"), Map.of(), router);
        RoutingHeaderCodec codec = RoutingHeaderCodec.signed(SECRET);
        strip = new RoutingHeaderStripWebFilter(codec, metrics, ForgedHeaderPolicy.STRIP);
        signed = filter(new GatewayRouting(router, codec, metrics, properties), policies);
        unsigned = filter(new GatewayRouting(router, RoutingHeaderCodec.unsigned(), metrics, properties), policies);
        SplittableRandom random = new SplittableRandom(42);
        keys = new String[KEYS];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = Long.toString(2_088_000_000_000L + random.nextLong(1_000_000_000L));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "gateway.bank.example");
        headers.put("User-Agent", "bank-app/7.3 (Android 14)");
        headers.put("Accept", "application/json");
        headers.put("Accept-Encoding", "gzip");
        headers.put("Content-Type", "application/json");
        headers.put("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln");
        headers.put("X-Request-Id", "f4b1c9d2-7a1e-4c55-9b0e-3d2f6a8e1c07");
        List<String> paths = new ArrayList<>(KEYS);
        for (String key : keys) {
            paths.add("/api/accounts/" + key + "/transfers?currency=CNY&amount=10");
        }
        requests = NettyRequests.capture(paths, headers, "X-User-Id", List.of(keys));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        router.close();
    }

    private static GatewayFilter filter(GatewayRouting routing, UnitRoutePolicies policies) {
        UnitRouteGatewayFilterFactory.Config config = new UnitRouteGatewayFilterFactory.Config();
        config.setRouteId("bench");
        return new UnitRouteGatewayFilterFactory(routing, policies).apply(config);
    }

    private static Route route(String uri) {
        return Route.async().id("bench").uri(uri).predicate(exchange -> true).build();
    }

    /**
     * A request as a browser or app sends it, received by Reactor Netty as in the gateway, and already matched
     * to a route.
     */
    private ServerWebExchange exchange(Route route) {
        int i = next++ & (KEYS - 1);
        ServerWebExchange exchange = new DefaultServerWebExchange(requests.request(i), new DiscardingResponse(),
                sessions, codecs, locales);
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, route);
        return exchange;
    }

    /** Builds the exchange and builds its request URL, as for a plain route: the cost to subtract. */
    @Benchmark
    public Object baseline() {
        ServerWebExchange exchange = exchange(plainRoute);
        WebFilterChain chain = e -> routeChain.filter(e);
        chain.filter(exchange).subscribe(completion);
        return exchange;
    }

    /** The full gateway work for a base-URL route, signed headers: strip, extract, decide, sign, rewrite. */
    @Benchmark
    public Object unitRouteSigned() {
        ServerWebExchange exchange = exchange(unitRoute);
        strip.filter(exchange, e -> signed.filter(e, routeChain)).subscribe(completion);
        return exchange;
    }

    /** The same without a secret: no HMAC. */
    @Benchmark
    public Object unitRouteUnsigned() {
        ServerWebExchange exchange = exchange(unitRoute);
        strip.filter(exchange, e -> unsigned.filter(e, routeChain)).subscribe(completion);
        return exchange;
    }

    /** An {@code lb://} route: headers only, the URL stays for the load balancer. */
    @Benchmark
    public Object unitRouteLoadBalanced() {
        ServerWebExchange exchange = exchange(loadBalancedRoute);
        strip.filter(exchange, e -> signed.filter(e, routeChain)).subscribe(completion);
        return exchange;
    }

    /** The routing decision alone, for scale. */
    @Benchmark
    public RouteDecision decisionOnly() {
        return router.route(keys[next++ & (KEYS - 1)], Access.WRITE);
    }

    /** Requests nothing but completion; shared and stateless. */
    private static final class Completion implements CoreSubscriber<Void> {
        @Override
        public void onSubscribe(Subscription s) {
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(Void unused) {
        }

        @Override
        public void onError(Throwable t) {
            throw new IllegalStateException(t);
        }

        @Override
        public void onComplete() {
        }
    }
}
