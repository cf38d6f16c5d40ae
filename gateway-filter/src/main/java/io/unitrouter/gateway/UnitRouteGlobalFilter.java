package io.unitrouter.gateway;

import io.unitrouter.core.Scope;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Unit routing for every route, with the gateway-wide settings ({@code unit-router.gateway.*}); enabled by
 * {@code unit-router.gateway.global.enabled=true}. Paths matching {@code global.global-paths} go to the active
 * GZone, paths matching {@code global.city-paths} to the caller's city CZone, all others to the key's owner.
 *
 * <p>A route with its own {@code UnitRoute} filter is routed by that filter only (it runs first, at
 * {@link UnitRouteGatewayFilterFactory#ORDER}); a route whose {@code UnitRoute} filter has
 * {@code enabled: false} is not unit-routed at all.
 *
 * <p>Immutable and thread-safe.
 */
public class UnitRouteGlobalFilter implements GlobalFilter, Ordered {

    /** Right after route-level {@code UnitRoute} filters, still before {@code RouteToRequestUrlFilter} (10000). */
    public static final int ORDER = UnitRouteGatewayFilterFactory.ORDER + 1;

    private final GatewayRouting routing;
    private final UnitRoutePolicy unit;
    private final UnitRoutePolicy global;
    private final UnitRoutePolicy city;
    private final List<PathPattern> globalPaths;
    private final List<PathPattern> cityPaths;

    /**
     * @param routing does the routing
     * @param policies provides the gateway-wide policies
     * @param globalPaths path patterns routed to the active GZone
     * @param cityPaths path patterns routed to the caller's city CZone
     * @throws io.unitrouter.core.UnitRouterException if the gateway-wide settings are invalid, e.g. city paths
     *     without a city
     */
    public UnitRouteGlobalFilter(GatewayRouting routing, UnitRoutePolicies policies, List<String> globalPaths,
            List<String> cityPaths) {
        this.routing = routing;
        this.unit = policies.gatewayDefault(Scope.UNIT);
        this.globalPaths = parse(globalPaths);
        this.cityPaths = parse(cityPaths);
        this.global = this.globalPaths.isEmpty() ? null : policies.gatewayDefault(Scope.GLOBAL);
        this.city = this.cityPaths.isEmpty() ? null : policies.gatewayDefault(Scope.CITY);
    }

    private static List<PathPattern> parse(List<String> patterns) {
        PathPatternParser parser = PathPatternParser.defaultInstance;
        return patterns == null ? List.of() : patterns.stream().map(String::trim).map(parser::parse).toList();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (GatewayRouting.handled(exchange)) {
            return chain.filter(exchange);
        }
        return routing.filter(exchange, chain, policyFor(exchange));
    }

    private UnitRoutePolicy policyFor(ServerWebExchange exchange) {
        if (global == null && city == null) {
            return unit;
        }
        PathContainer path = clientPath(exchange);
        for (PathPattern pattern : globalPaths) {
            if (pattern.matches(path)) {
                return global;
            }
        }
        for (PathPattern pattern : cityPaths) {
            if (pattern.matches(path)) {
                return city;
            }
        }
        return unit;
    }

    private static PathContainer clientPath(ServerWebExchange exchange) {
        Set<URI> originals = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ORIGINAL_REQUEST_URL_ATTR);
        if (originals != null && !originals.isEmpty()) {
            return PathContainer.parsePath(originals.iterator().next().getRawPath());
        }
        return exchange.getRequest().getPath().pathWithinApplication();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public String toString() {
        return "UnitRouteGlobalFilter[unit=" + unit + ", globalPaths=" + globalPaths + ", cityPaths=" + cityPaths + "]";
    }
}
