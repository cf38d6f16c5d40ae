package io.unitrouter.gateway;

import io.unitrouter.core.context.ContextVerificationException;
import io.unitrouter.core.context.RoutingHeaderCodec;
import io.unitrouter.core.context.RoutingHeaders;
import io.unitrouter.core.request.Refusal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.ClassUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The gateway's trust boundary: removes every routing header ({@code X-Unit-*}, any case) that arrives from
 * outside, before route predicates, security filters or any gateway filter can read it. Unit routes then write
 * fresh ones, so a client can never choose its cell by sending headers.
 *
 * <p>It also takes routing-header names out of {@code Connection}: listed there, they would make the gateway's
 * hop-by-hop filter delete the headers a unit route writes.
 *
 * <p>When a secret is configured, the removed headers are verified first, only to tell genuine ones (a cell
 * calling through the gateway) from forged ones: {@link ForgedHeaderPolicy#REJECT} answers forged ones with
 * {@code 400}; {@link ForgedHeaderPolicy#STRIP} routes the request as if they had not been sent.
 *
 * <p>Runs at {@link #ORDER}, the highest web filter precedence. Immutable and thread-safe. Requests without
 * routing headers pass through without being copied.
 */
public class RoutingHeaderStripWebFilter implements WebFilter, Ordered {

    /** Before every other web filter. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

    private static final String PREFIX = RoutingHeaders.PREFIX;

    private static final boolean NETTY = ClassUtils.isPresent("reactor.netty.http.server.HttpServerRequest",
            RoutingHeaderStripWebFilter.class.getClassLoader());

    private final RoutingHeaderCodec codec;
    private final GatewayMetrics metrics;
    private final ForgedHeaderPolicy forged;

    /**
     * @param codec verifies incoming headers when it has a secret
     * @param metrics counts removals and refusals
     * @param forged what to do with headers that fail verification
     */
    public RoutingHeaderStripWebFilter(RoutingHeaderCodec codec, GatewayMetrics metrics, ForgedHeaderPolicy forged) {
        this.codec = codec;
        this.metrics = metrics;
        this.forged = forged;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (NETTY && NettyRequestHeaders.hasRoutingHeader(request) == Boolean.FALSE) {
            return chain.filter(exchange);
        }
        HttpHeaders headers = request.getHeaders();
        List<String> found = new ArrayList<>(4);
        headers.forEach((name, values) -> {
            if (RoutingHeaders.isRoutingHeader(name)) {
                found.add(name);
            }
        });
        List<String> connection = headers.getConnection();
        boolean hopByHop = connection.stream().anyMatch(RoutingHeaders::namesRoutingHeader);
        if (found.isEmpty() && !hopByHop) {
            return chain.filter(exchange);
        }
        if (!found.isEmpty()) {
            String verdict = verdict(request);
            metrics.routingHeadersRemoved(verdict);
            if ("forged".equals(verdict) && forged == ForgedHeaderPolicy.REJECT) {
                metrics.request(GatewayOutcome.BAD_SIGNATURE, null);
                return ProblemResponses.write(exchange, Refusal.BAD_SIGNATURE, "the request carries " + PREFIX
                        + "* headers that are not validly signed; clients must not send routing headers", Map.of());
            }
        }
        HttpHeaders remaining = RoutedRequest.copyHeaders(request);
        found.forEach(remaining::remove);
        if (hopByHop) {
            // Spring Cloud Gateway deletes every header that Connection names, so a client could make it delete
            // the routing headers a unit route writes; the tokens go, the rest of Connection stays.
            remaining.remove(HttpHeaders.CONNECTION);
            connection.stream().map(RoutingHeaders::withoutRoutingTokens).filter(Objects::nonNull)
                    .forEach(kept -> remaining.add(HttpHeaders.CONNECTION, kept));
        }
        ServerHttpRequest stripped = new RoutedRequest(request, remaining);
        return chain.filter(exchange.mutate().request(stripped).build());
    }

    private String verdict(ServerHttpRequest request) {
        if (!codec.isSigning()) {
            return "unverified";
        }
        try {
            return codec.decode(request.getHeaders()::getFirst, request.getMethod().name(),
                    request.getURI().getRawPath()).isPresent() ? "genuine" : "unverified";
        } catch (ContextVerificationException e) {
            return "forged";
        }
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
