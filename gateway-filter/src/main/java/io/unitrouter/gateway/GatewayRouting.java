package io.unitrouter.gateway;

import io.unitrouter.core.Access;
import io.unitrouter.core.Cell;
import io.unitrouter.core.MalformedKeyException;
import io.unitrouter.core.RouteDecision;
import io.unitrouter.core.RoutingKeys;
import io.unitrouter.core.Scope;
import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.context.RoutingContext;
import io.unitrouter.core.context.RoutingHeaderCodec;
import io.unitrouter.core.key.FoundKey;
import io.unitrouter.core.request.Refusal;
import io.unitrouter.core.request.RefusedRequestException;
import io.unitrouter.core.request.ScopeDispatch;
import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.spring.loadbalancer.NoCellInstanceException;
import io.unitrouter.spring.web.ExchangeRequestView;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * What a unit route does to a request, shared by {@link UnitRouteGatewayFilterFactory} and
 * {@link UnitRouteGlobalFilter}:
 *
 * <ol>
 *   <li>find the routing key ({@link UnitRoutePolicy#keySources()}); refuse a malformed one with {@code 400};
 *       treat a missing one by {@link MissingKeyPolicy};</li>
 *   <li>decide the target cell with the {@link UnitRouter}: the key's owner, the active GZone, or the caller's
 *       city CZone, per {@link Scope};</li>
 *   <li>hold a write to a frozen shard until an epoch unfreezes it, at most
 *       {@link UnitRoutePolicy#holdTimeout()}, then decide again; answer {@code 503} with {@code Retry-After}
 *       when the hold expires;</li>
 *   <li>write fresh routing headers (signed when a secret is configured) and point the request at the cell:
 *       put in the exchange a copy of the route whose {@code uri} is the cell's base URL, from which
 *       {@code RouteToRequestUrlFilter} then builds the request URL; or, for an {@code lb://} route, leave the
 *       route to the cell-aware load balancer, which reads the routing decision.</li>
 * </ol>
 *
 * <p>It must run after the route's own filters that rewrite the path and before {@code RouteToRequestUrlFilter}
 * (order 10000); see {@link UnitRouteGatewayFilterFactory#ORDER}.
 *
 * <p>Thread-safe. Never blocks: a hold is a subscription to the router's next epoch, bounded by a Reactor
 * timeout.
 */
public final class GatewayRouting {

    /** Exchange attribute holding the {@link RouteDecision} a request was forwarded with. */
    public static final String DECISION_ATTR = GatewayRouting.class.getName() + ".decision";

    /**
     * Exchange attribute set once a unit route (or a disabled one) has handled the request in this pass of the
     * filter chain: the request URL in force when it did, so that a later pass (see {@link #handled}) is told
     * apart.
     */
    static final String HANDLED_ATTR = GatewayRouting.class.getName() + ".handled";

    private static final System.Logger LOG = System.getLogger(GatewayRouting.class.getName());

    private final UnitRouter router;
    private final RoutingHeaderCodec codec;
    private final GatewayMetrics metrics;
    private final EpochWatcher epochs;
    private final String epochHeader;
    private final String retryAfterSeconds;
    private final Scheduler scheduler;
    private final CellRoutes cellRoutes = new CellRoutes();
    private volatile EpochText epochText = new EpochText(-1, "-1");

    /**
     * Creates the routing and starts following the router's epochs.
     *
     * @param router decides target cells
     * @param codec writes the routing headers, signed when it has a secret
     * @param metrics receives outcomes and hold times
     * @param properties the gateway-wide settings (epoch header, Retry-After)
     */
    public GatewayRouting(UnitRouter router, RoutingHeaderCodec codec, GatewayMetrics metrics,
            UnitRouterGatewayProperties properties) {
        this.router = router;
        this.codec = codec;
        this.metrics = metrics;
        this.epochs = EpochWatcher.watching(router);
        String header = properties.getEpochHeader();
        this.epochHeader = header == null || header.isBlank() ? null : header.trim();
        Duration retryAfter = properties.getRetryAfter() == null ? Duration.ofSeconds(1) : properties.getRetryAfter();
        this.retryAfterSeconds = Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000));
        this.scheduler = Schedulers.parallel();
    }

    /** The router that decides target cells. */
    public UnitRouter router() {
        return router;
    }

    /**
     * Routes one request by a policy, then continues the chain; or answers it when it cannot be routed.
     *
     * @param exchange the exchange, before {@code RouteToRequestUrlFilter}
     * @param chain the rest of the gateway filter chain
     * @param policy the route's policy
     * @return completes when the exchange is done
     */
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain, UnitRoutePolicy policy) {
        if (handled(exchange)) {
            return chain.filter(exchange);
        }
        if (!policy.enabled()) {
            markHandled(exchange);
            return chain.filter(exchange);
        }
        Access access = policy.access().resolve(exchange.getRequest().getMethod().name());
        ExchangeRequestView view = new ExchangeRequestView(exchange, pathAsSent(exchange),
                ServerWebExchangeUtils.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        FoundKey found;
        try {
            found = policy.keys().find(view);
        } catch (UnitRouterException e) {
            return refused(exchange, Refusal.of(e), e.getMessage(), e.context());
        }
        if (found == null && policy.scope() == Scope.UNIT) {
            return missingKey(exchange, chain, policy, access);
        }
        String key = found == null ? null : found.key();
        try {
            String city = policy.scope() == Scope.CITY ? city(policy, view) : null;
            RouteDecision decision = ScopeDispatch.decide(router, policy.scope(), key, city, access);
            if (decision.writeBlocked()) {
                return hold(exchange, chain, policy, key, access, decision);
            }
            return forward(exchange, chain, policy, decision, key, GatewayOutcome.ROUTED);
        } catch (MalformedKeyException e) {
            return refused(exchange, Refusal.MALFORMED_KEY, "routing key " + RoutingKeys.quote(key) + " from "
                    + found.source() + " " + e.reason(), Map.of("source", found.source()));
        } catch (RefusedRequestException e) {
            return refused(exchange, e.refusal(), e.getMessage() + (e.refusal() == Refusal.UNKNOWN_CITY
                    && policy.citySource() != null ? "; looked in " + policy.citySource() : ""), e.context());
        } catch (UnitRouterException e) {
            return refused(exchange, Refusal.UNROUTABLE, e.getMessage(), Map.of());
        }
    }

    /**
     * Whether a unit route has handled this pass of the filter chain already: a route's {@code UnitRoute} filter
     * comes before {@link UnitRouteGlobalFilter}, and the request must be routed once. A {@code Retry} filter
     * runs the chain again; each pass ends with {@code RouteToRequestUrlFilter} setting a new request URL, so a
     * mark made in this pass is one that saw the request URL as it is now. A later pass is routed afresh, to the
     * owner in force by then.
     */
    static boolean handled(ServerWebExchange exchange) {
        return exchange.getAttribute(HANDLED_ATTR) instanceof Handled mark
                && mark.requestUrl() == exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
    }

    private static void markHandled(ServerWebExchange exchange) {
        URI url = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
        exchange.getAttributes().put(HANDLED_ATTR, url == null ? Handled.FIRST_PASS : new Handled(url));
    }

    /** The mark of a pass: the request URL when it was made, {@code null} in the first pass. */
    private record Handled(URI requestUrl) {

        /** The mark of every first pass, made once. */
        static final Handled FIRST_PASS = new Handled(null);
    }

    /**
     * The raw path the client sent, before {@code StripPrefix} or {@code RewritePath}: what key sources read and
     * what the cell sees signed.
     */
    private static String pathAsSent(ServerWebExchange exchange) {
        Set<URI> originals = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ORIGINAL_REQUEST_URL_ATTR);
        if (originals != null && !originals.isEmpty()) {
            return originals.iterator().next().getRawPath();
        }
        // The URI's raw path is the same text as getPath().value(), without parsing the path into segments when
        // no route predicate has done so already.
        return exchange.getRequest().getURI().getRawPath();
    }

    /** The caller's city: from the route's city source when it names a declared city, else the route's default. */
    private String city(UnitRoutePolicy policy, ExchangeRequestView view) {
        if (policy.citySource() == null) {
            return policy.city();
        }
        FoundKey named;
        try {
            named = policy.citySource().find(view);
        } catch (UnitRouterException e) {
            throw new RefusedRequestException(Refusal.UNKNOWN_CITY, e.getMessage(), Map.of());
        }
        if (named == null || policy.city() != null && router.table().topology().city(named.key()).isEmpty()) {
            return policy.city();
        }
        return named.key();
    }

    private Mono<Void> missingKey(ServerWebExchange exchange, GatewayFilterChain chain, UnitRoutePolicy policy,
            Access access) {
        if (policy.missingKey() == MissingKeyPolicy.DEFAULT_CELL) {
            RoutingTable table = router.table();
            Optional<Cell> cell = table.topology().cell(policy.defaultCell());
            if (cell.isEmpty()) {
                return refused(exchange, Refusal.UNROUTABLE, "the default cell " + policy.defaultCell()
                        + " is not declared in epoch " + table.epoch(), Map.of());
            }
            RouteDecision decision = new RouteDecision(Scope.UNIT, access, -1, cell.get(), false, false, false,
                    table.epoch());
            return forward(exchange, chain, policy, decision, null, GatewayOutcome.MISSING_KEY);
        }
        return refused(exchange, Refusal.MISSING_KEY, "this route needs a routing key from "
                + String.join(" or ", policy.keySources()), Map.of("expectedSources", policy.keySources()));
    }

    /** Answers a request the gateway refuses, counted under the outcome of its refusal. */
    private Mono<Void> refused(ServerWebExchange exchange, Refusal refusal, String detail,
            Map<String, ?> extensions) {
        if (refusal == Refusal.UNROUTABLE) {
            LOG.log(Level.WARNING, () -> "unit-router gateway: cannot route " + exchange.getRequest().getPath()
                    + ": " + detail);
        }
        metrics.request(GatewayOutcome.of(refusal), null);
        return problem(exchange, refusal, detail, extensions);
    }

    /**
     * Holds a write to a frozen shard until a new epoch lets it through, then forwards it to the owner in force;
     * or answers 503 when the hold times out.
     */
    private Mono<Void> hold(ServerWebExchange exchange, GatewayFilterChain chain, UnitRoutePolicy policy, String key,
            Access access, RouteDecision frozen) {
        Duration timeout = policy.holdTimeout();
        if (timeout.isZero()) {
            return rejectFrozen(exchange, frozen, timeout);
        }
        return Mono.defer(() -> {
            Hold held = new Hold(metrics);
            return awaitWritable(key, access)
                    .timeout(timeout, scheduler)
                    .map(Optional::of)
                    .onErrorResume(TimeoutException.class, e -> Mono.just(Optional.empty()))
                    .doOnCancel(() -> held.end(Hold.CANCELLED))
                    .flatMap(writable -> {
                        if (writable.isPresent()) {
                            held.end(Hold.FORWARDED);
                            return forward(exchange, chain, policy, writable.get(), key, GatewayOutcome.HELD);
                        }
                        held.end(Hold.EXPIRED);
                        return rejectFrozen(exchange, frozen, timeout);
                    });
        });
    }

    /** The decision for a key once its write is no longer blocked; re-decided after every new epoch. */
    private Mono<RouteDecision> awaitWritable(String key, Access access) {
        return Mono.defer(() -> {
            Mono<Long> nextEpoch = epochs.next();
            RouteDecision decision = router.route(key, access);
            if (!decision.writeBlocked()) {
                return Mono.just(decision);
            }
            return nextEpoch.publishOn(scheduler).then(awaitWritable(key, access));
        });
    }

    private Mono<Void> rejectFrozen(ServerWebExchange exchange, RouteDecision decision, Duration held) {
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("shard", decision.shard());
        extensions.put("epoch", decision.epoch());
        return refused(exchange, Refusal.FROZEN, "shard " + decision.shard() + " is frozen for writes while it moves between cells, and no new epoch"
                        + " unfroze it within " + held.toMillis() + " ms; retry after " + retryAfterSeconds + " s",
                extensions);
    }

    private Mono<Void> forward(ServerWebExchange exchange, GatewayFilterChain chain, UnitRoutePolicy policy,
            RouteDecision decision, String key, GatewayOutcome outcome) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null) {
            return refused(exchange, Refusal.UNROUTABLE, "the request has no route; a unit route runs in the filter"
                    + " chain of a matched route, before RouteToRequestUrlFilter", Map.of());
        }
        ServerHttpRequest request = exchange.getRequest();
        // Signed for the request as the cell will receive it: the method, and the path after this route's
        // rewrites, behind the path of the cell's base URL if it has one.
        String rawPath = request.getURI().getRawPath();
        String path = rawPath == null ? "" : rawPath;
        String prefix = "";
        if (!loadBalanced(route)) {
            String base;
            try {
                base = policy.upstreams().baseOf(decision.target());
            } catch (UnitRouterException e) {
                base = null;
                LOG.log(Level.ERROR, "unit-router gateway: " + e.getMessage());
            }
            if (base == null) {
                return noUpstream(exchange, decision.cell());
            }
            CellRoutes.CellRoute cellRoute = cellRoutes.to(route, base);
            // RouteToRequestUrlFilter, next, builds the request URL from this route's uri.
            exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, cellRoute.route());
            prefix = cellRoute.pathPrefix();
            if (!prefix.isEmpty()) {
                // Not concatenated when empty: "" + path makes a copy of the path.
                path = prefix + path;
            }
        }
        if (path.contains("//")) {
            path = singleSlashes(path);
        }
        // Refused requests are answered here and go no further, so only a forward (and a disabled route) marks.
        markHandled(exchange);
        RoutingContext context = new RoutingContext(key, decision.shard(), decision.epoch(), decision.cell(), 0);
        String method = request.getMethod().name();
        ServerWebExchange routed = exchange;
        BiConsumer<String, String> inPlace = prefix.isEmpty() ? RoutedRequest.inPlaceSetter(request) : null;
        if (inPlace != null) {
            // The common case, a request as Reactor Netty received it: one header written into its own map costs
            // a fraction of copying every header (and of a new request and exchange around the copy).
            codec.encode(context, method, path, inPlace);
        } else if (prefix.isEmpty()) {
            HttpHeaders headers = RoutedRequest.copyHeaders(request);
            codec.encode(context, method, path, headers::set);
            routed = exchange.mutate().request(new RoutedRequest(request, headers)).build();
        } else {
            // A base URL with a path: the request's path goes behind it, as a PrefixPath filter would put it.
            String signedPath = path;
            routed = exchange.mutate().request(request.mutate().path(signedPath)
                    .headers(headers -> codec.encode(context, method, signedPath, headers::set)).build()).build();
        }
        exchange.getAttributes().put(DECISION_ATTR, decision);
        stampEpoch(exchange.getResponse(), decision.epoch());
        metrics.request(outcome, decision.cell());
        // One operator for both failures that get an answer: each operator is an object per request.
        ServerWebExchange forwarded = routed;
        return chain.filter(forwarded).onErrorResume(e -> failed(forwarded, decision.cell(), e));
    }

    /**
     * A path with each run of slashes made one: what the cell receives, since Spring's {@code UriComponentsBuilder},
     * with which {@code RouteToRequestUrlFilter} builds the request URL, merges them for every route.
     */
    static String singleSlashes(String path) {
        StringBuilder merged = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c != '/' || merged.isEmpty() || merged.charAt(merged.length() - 1) != '/') {
                merged.append(c);
            }
        }
        return merged.toString();
    }

    /**
     * Whether a route's {@code uri} is {@code lb://service}: the cell-aware load balancer then picks an instance
     * in the target cell. A {@code uri} with a scheme behind {@code lb:} ({@code lb:ws://service}) is not: its
     * requests go to the cells' base URLs, as for any other {@code uri}.
     */
    private static boolean loadBalanced(Route route) {
        URI uri = route.getUri();
        return "lb".equalsIgnoreCase(uri.getScheme()) && !uri.isOpaque();
    }

    /** Answers a failure of the rest of the chain when it means no instance or no answer; passes others on. */
    private Mono<Void> failed(ServerWebExchange exchange, String cell, Throwable failure) {
        if (failure instanceof NoCellInstanceException noInstance) {
            return noInstance(exchange, noInstance);
        }
        if (unanswered(failure)) {
            return cellUnavailable(exchange, cell, failure);
        }
        return Mono.error(failure);
    }

    /** Whether a failure means the cell did not answer: refused, reset or closed connections, and timeouts. */
    private static boolean unanswered(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException || cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Answers {@code 502} when the target cell did not answer, with one log line and no stack trace: a cell being
     * down is an operational fact, not a bug in the gateway. Nothing is retried on another cell.
     */
    private Mono<Void> cellUnavailable(ServerWebExchange exchange, String cell, Throwable failure) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        LOG.log(Level.WARNING, () -> "unit-router gateway: cell " + cell + " did not answer "
                + exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath() + ": " + failure);
        metrics.request(GatewayOutcome.CELL_UNAVAILABLE, cell);
        return problem(exchange, Refusal.CELL_UNAVAILABLE, "cell " + cell + " did not answer; the request was not"
                + " sent to any other cell", Map.of("cell", cell));
    }

    private Mono<Void> noUpstream(ServerWebExchange exchange, String cell) {
        LOG.log(Level.ERROR, () -> "unit-router gateway: no base URL for cell " + cell + "; set"
                + " unit-router.gateway.cells." + cell + ".uri or a cell-uri-template");
        metrics.request(GatewayOutcome.NO_UPSTREAM, cell);
        return problem(exchange, Refusal.NO_UPSTREAM, "the gateway has no address for cell " + cell,
                Map.of("cell", cell));
    }

    private Mono<Void> noInstance(ServerWebExchange exchange, NoCellInstanceException e) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(e);
        }
        metrics.request(GatewayOutcome.NO_INSTANCE, e.cell());
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("service", e.serviceId());
        extensions.put("cell", e.cell());
        return problem(exchange, Refusal.NO_INSTANCE, e.getMessage(), extensions);
    }

    private Mono<Void> problem(ServerWebExchange exchange, Refusal refusal, String detail, Map<String, ?> extensions) {
        if (epochHeader != null) {
            exchange.getResponse().getHeaders().set(epochHeader, Long.toString(router.table().epoch()));
        }
        return ProblemResponses.write(exchange, refusal, detail, extensions);
    }

    private void stampEpoch(ServerHttpResponse response, long epoch) {
        if (epochHeader == null) {
            return;
        }
        EpochText text = epochText;
        if (text.epoch() != epoch) {
            // Epochs change rarely, so the text is made once per epoch rather than once per request.
            text = new EpochText(epoch, Long.toString(epoch));
            epochText = text;
        }
        String value = text.value();
        response.beforeCommit(() -> {
            response.getHeaders().set(epochHeader, value);
            return Mono.empty();
        });
    }

    /** An epoch and its decimal text. */
    private record EpochText(long epoch, String value) {
    }

    @Override
    public String toString() {
        return "GatewayRouting[codec=" + codec + ", metrics=" + metrics + ", epochHeader=" + epochHeader + "]";
    }
}
