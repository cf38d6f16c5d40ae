package io.unitrouter.gateway;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.GatewayToStringStyler;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The filter a {@code UnitRoute} definition creates: applies one route's {@link UnitRoutePolicy}.
 *
 * <p>Immutable and thread-safe.
 */
final class UnitRouteGatewayFilter implements GatewayFilter, Ordered {

    private final GatewayRouting routing;
    private final UnitRoutePolicy policy;
    private final int order;

    UnitRouteGatewayFilter(GatewayRouting routing, UnitRoutePolicy policy, int order) {
        this.routing = routing;
        this.policy = policy;
        this.order = order;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return routing.filter(exchange, chain, policy);
    }

    @Override
    public int getOrder() {
        return order;
    }

    @Override
    public String toString() {
        return GatewayToStringStyler.filterToStringCreator(this).append("enabled", policy.enabled())
                .append("scope", policy.scope()).append("keySources", policy.keySources())
                .append("missingKey", policy.missingKey()).append("holdTimeout", policy.holdTimeout()).toString();
    }
}
