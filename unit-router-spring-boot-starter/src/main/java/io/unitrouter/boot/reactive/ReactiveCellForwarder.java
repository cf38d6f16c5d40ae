package io.unitrouter.boot.reactive;

import io.unitrouter.core.RouteDecision;
import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.context.RoutingContext;
import io.unitrouter.core.context.RoutingHeaderCodec;
import io.unitrouter.core.context.RoutingHeaders;
import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Set;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The WebFlux counterpart of {@code CellForwarder}: forwards a request once to an instance of the same service
 * in the target cell, chosen by the cell-aware load balancer, with the hop count raised by one.
 *
 * <p>Thread-safe.
 */
public class ReactiveCellForwarder {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length");

    private final ReactiveLoadBalancer.Factory<ServiceInstance> loadBalancers;
    private final String serviceId;
    private final RoutingHeaderCodec codec;
    private final WebClient client;

    /**
     * @param loadBalancers Spring Cloud's load balancers per service
     * @param serviceId this service's id in discovery ({@code spring.application.name})
     * @param codec writes the routing headers
     */
    public ReactiveCellForwarder(ReactiveLoadBalancer.Factory<ServiceInstance> loadBalancers, String serviceId,
            RoutingHeaderCodec codec) {
        this.loadBalancers = loadBalancers;
        this.serviceId = serviceId;
        this.codec = codec;
        // A client of its own, outside the application's filters, which would rewrite the routing headers.
        this.client = WebClient.builder().build();
    }

    /**
     * Forwards the request and relays the answer.
     *
     * @return {@code true} once the answer is relayed; {@code false} if no instance of the target cell could be
     *     chosen (nothing was sent)
     */
    public Mono<Boolean> forward(ServerWebExchange exchange, RouteDecision decision, RoutingContext context) {
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders headers = new HttpHeaders();
        request.getHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !RoutingHeaders.isRoutingHeader(name)) {
                headers.addAll(name, values);
            }
        });
        codec.encode(new RoutingContext(context.key(), decision.shard(), decision.epoch(), decision.cell(),
                context.hops() + 1), request.getMethod().name(), request.getURI().getRawPath(), headers::set);
        String pathAndQuery = request.getURI().getRawPath()
                + (request.getURI().getRawQuery() == null ? "" : "?" + request.getURI().getRawQuery());
        RequestData data = new RequestData(request.getMethod(), URI.create("http://" + serviceId + pathAndQuery),
                headers, new LinkedMultiValueMap<>(), new HashMap<>());
        return Mono.from(loadBalancers.getInstance(serviceId).choose(new DefaultRequest<>(new RequestDataContext(data))))
                .onErrorResume(UnitRouterException.class, e -> Mono.empty())
                .filter(Response::hasServer)
                .flatMap(chosen -> relay(exchange, chosen.getServer(), pathAndQuery, headers))
                .defaultIfEmpty(false);
    }

    private Mono<Boolean> relay(ServerWebExchange exchange, ServiceInstance instance, String pathAndQuery,
            HttpHeaders headers) {
        ServerHttpResponse response = exchange.getResponse();
        URI target = URI.create(instance.getUri().toString().replaceAll("/$", "") + pathAndQuery);
        return client.method(exchange.getRequest().getMethod()).uri(target).headers(h -> h.addAll(headers))
                .body(exchange.getRequest().getBody(), DataBuffer.class)
                .exchangeToMono(answer -> {
                    response.setStatusCode(answer.statusCode());
                    answer.headers().asHttpHeaders().forEach((name, values) -> {
                        if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                            response.getHeaders().put(name, values);
                        }
                    });
                    return response.writeWith(answer.bodyToFlux(DataBuffer.class)).thenReturn(true);
                });
    }
}
