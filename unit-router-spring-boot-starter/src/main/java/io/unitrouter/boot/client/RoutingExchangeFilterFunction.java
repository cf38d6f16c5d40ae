package io.unitrouter.boot.client;

import io.unitrouter.boot.context.RoutingContextHolder;
import io.unitrouter.core.context.RoutingContext;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;

/**
 * Adds routing headers to {@code WebClient} calls. The context comes from the Reactor context (set by the
 * WebFlux inbound filter), or else from the calling thread. Must run before the load-balancer filter;
 * unit-router puts it first.
 *
 * <p>Thread-safe.
 */
public class RoutingExchangeFilterFunction implements ExchangeFilterFunction {

    private final OutboundRouting routing;

    /**
     * @param routing decides the headers
     */
    public RoutingExchangeFilterFunction(OutboundRouting routing) {
        this.routing = routing;
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        RoutingContext callingThread = RoutingContextHolder.get();
        return Mono.deferContextual(reactorContext -> {
            RoutingContext current = reactorContext.<RoutingContext>getOrEmpty(RoutingContextHolder.CONTEXT_KEY)
                    .orElse(callingThread);
            ClientRequest routed = ClientRequest.from(request).headers(headers -> apply(current, request, headers))
                    .build();
            return next.exchange(routed);
        });
    }

    private void apply(RoutingContext current, ClientRequest request, HttpHeaders headers) {
        routing.apply(current, request.method().name(), request.url().getRawPath(), headers::getFirst,
                headers::remove, headers::set);
    }
}
