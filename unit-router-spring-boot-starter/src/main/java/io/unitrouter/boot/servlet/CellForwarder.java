package io.unitrouter.boot.servlet;

import io.unitrouter.core.RouteDecision;
import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.context.RoutingContext;
import io.unitrouter.core.context.RoutingHeaderCodec;
import io.unitrouter.core.context.RoutingHeaders;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.RestClient;

/**
 * Forwards a request this cell must not serve to an instance of the same service in the target cell, once,
 * and relays the answer. The forwarded request carries fresh routing headers (signed when a secret is set)
 * with the hop count raised by one, so the receiving cell refuses to forward it again.
 *
 * <p>The target instance is chosen by Spring Cloud LoadBalancer with the cell-aware supplier: with no
 * instance in the target cell, nothing is forwarded and the caller gets 421 with the owner instead.
 *
 * <p>Thread-safe.
 */
public class CellForwarder {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length");

    private final LoadBalancerClient loadBalancer;
    private final String serviceId;
    private final RoutingHeaderCodec codec;
    private final RestClient client;

    /**
     * @param loadBalancer chooses the target instance
     * @param serviceId this service's id in discovery ({@code spring.application.name})
     * @param codec writes the routing headers
     */
    public CellForwarder(LoadBalancerClient loadBalancer, String serviceId, RoutingHeaderCodec codec) {
        this.loadBalancer = loadBalancer;
        this.serviceId = serviceId;
        this.codec = codec;
        // A client of its own, outside the application's interceptors, which would rewrite the routing headers.
        this.client = RestClient.builder().build();
    }

    /**
     * Forwards the request and writes the target's answer to {@code response}.
     *
     * @param request the request to forward; its body is read
     * @param response where the answer goes
     * @param decision where the request belongs
     * @param context the request's routing context
     * @return {@code false} if no instance of the target cell could be chosen (nothing was sent)
     * @throws IOException if reading the request or writing the answer fails
     */
    public boolean forward(HttpServletRequest request, HttpServletResponse response, RouteDecision decision,
            RoutingContext context) throws IOException {
        HttpHeaders headers = new HttpHeaders();
        for (String name : Collections.list(request.getHeaderNames())) {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !RoutingHeaders.isRoutingHeader(name)) {
                headers.addAll(name, Collections.list(request.getHeaders(name)));
            }
        }
        codec.encode(new RoutingContext(context.key(), decision.shard(), decision.epoch(), decision.cell(),
                context.hops() + 1), request.getMethod(), request.getRequestURI(), headers::set);
        HttpMethod method = HttpMethod.valueOf(request.getMethod());
        String pathAndQuery = request.getRequestURI()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        ServiceInstance instance = choose(method, URI.create("http://" + serviceId + pathAndQuery), headers);
        if (instance == null) {
            return false;
        }
        byte[] body = StreamUtils.copyToByteArray(request.getInputStream());
        URI target = URI.create(instance.getUri().toString().replaceAll("/$", "") + pathAndQuery);
        client.method(method).uri(target).headers(h -> h.addAll(headers)).body(body).exchange((req, answer) -> {
            response.setStatus(answer.getStatusCode().value());
            answer.getHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> response.addHeader(name, value));
                }
            });
            try (InputStream in = answer.getBody()) {
                StreamUtils.copy(in, response.getOutputStream());
            }
            return null;
        }, false);
        return true;
    }

    private ServiceInstance choose(HttpMethod method, URI uri, HttpHeaders headers) {
        RequestData data = new RequestData(method, uri, headers, new LinkedMultiValueMap<>(), new java.util.HashMap<>());
        try {
            return loadBalancer.choose(serviceId, new DefaultRequest<>(new RequestDataContext(data)));
        } catch (UnitRouterException e) {
            return null;
        }
    }
}
