package io.unitrouter.boot.reactive;

import io.unitrouter.boot.context.RoutingContextHolder;
import io.unitrouter.boot.web.EndpointScope;
import io.unitrouter.boot.web.InboundGuard;
import io.unitrouter.boot.web.InboundRequest;
import io.unitrouter.boot.web.Outcome;
import io.unitrouter.boot.web.RoutingKeyResolver;
import io.unitrouter.boot.web.Verdict;
import io.unitrouter.core.context.RoutingContext;
import io.unitrouter.spring.web.ExchangeRequestView;
import java.net.URI;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The WebFlux inbound side: rebuilds the routing context, finds the handler's declared scope, asks the
 * {@link InboundGuard}, and either refuses the request with a problem body or passes it on with the context
 * in the Reactor context under {@link RoutingContextHolder#CONTEXT_KEY}.
 *
 * <p>Thread-safe.
 */
public class RoutingContextWebFilter implements WebFilter, Ordered {

    /** Early, so that everything after it sees the context; after Spring Security's web filter chain is fine. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    private final RoutingKeyResolver resolver;
    private final InboundGuard guard;
    private final RequestMappingHandlerMapping handlers;
    private final ServerCodecConfigurer codecs;
    private final ReactiveCellForwarder forwarder;

    /**
     * @param resolver rebuilds the context
     * @param guard judges requests
     * @param handlers finds the annotated controller method of a request, for its scope
     * @param codecs the application's codecs, for problem bodies
     * @param forwarder forwards requests in {@code FORWARD} mode; {@code null} in other modes
     */
    public RoutingContextWebFilter(RoutingKeyResolver resolver, InboundGuard guard,
            RequestMappingHandlerMapping handlers, ServerCodecConfigurer codecs, ReactiveCellForwarder forwarder) {
        this.resolver = resolver;
        this.guard = guard;
        this.handlers = handlers;
        this.codecs = codecs;
        this.forwarder = forwarder;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return handlers.getHandler(exchange)
                .map(handler -> handler instanceof HandlerMethod method
                        ? EndpointScope.of(method.getMethod(), method.getBeanType())
                        : EndpointScope.NORMAL)
                .defaultIfEmpty(EndpointScope.UNDECLARED)
                .flatMap(scope -> {
                    ExchangeRequestView view = new ExchangeRequestView(exchange, exchange.getRequest().getPath().value(),
                            HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
                    RoutingKeyResolver.Resolution resolution = resolver.resolve(view::header, view);
                    Verdict verdict = guard.check(new InboundRequest(resolution.context(), resolution.problem(),
                            scope, exchange.getRequest().getMethod().name()));
                    if (verdict.refused()) {
                        return writeProblem(exchange, verdict);
                    }
                    if (verdict.outcome() == Outcome.FORWARDED) {
                        return forward(exchange, verdict, resolution.context());
                    }
                    if (resolution.context() == null) {
                        return chain.filter(exchange);
                    }
                    return chain.filter(exchange)
                            .contextWrite(context -> context.put(RoutingContextHolder.CONTEXT_KEY,
                                    resolution.context()));
                });
    }

    private Mono<Void> forward(ServerWebExchange exchange, Verdict verdict, RoutingContext context) {
        Verdict unreachable = verdict.notForwarded();
        if (forwarder == null) {
            guard.report(unreachable);
            return writeProblem(exchange, unreachable);
        }
        return forwarder.forward(exchange, verdict.decision(), context == null ? RoutingContext.EMPTY : context)
                .flatMap(sent -> {
                    guard.report(sent ? verdict : unreachable);
                    return sent ? Mono.<Void>empty() : writeProblem(exchange, unreachable);
                });
    }

    @SuppressWarnings("unchecked")
    private Mono<Void> writeProblem(ServerWebExchange exchange, Verdict verdict) {
        ServerHttpResponse response = exchange.getResponse();
        response.setRawStatusCode(verdict.outcome().status());
        verdict.headers().forEach((name, value) -> response.getHeaders().set(name, value));
        ProblemDetail problem = verdict.problem();
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        ResolvableType type = ResolvableType.forClass(ProblemDetail.class);
        for (HttpMessageWriter<?> writer : codecs.getWriters()) {
            if (writer.canWrite(type, MediaType.APPLICATION_PROBLEM_JSON)) {
                return ((HttpMessageWriter<ProblemDetail>) writer).write(Mono.just(problem), type,
                        MediaType.APPLICATION_PROBLEM_JSON, response, Map.of());
            }
        }
        return response.setComplete();
    }
}
