package io.unitrouter.boot.client;

import io.unitrouter.boot.context.RoutingContextHolder;
import java.io.IOException;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Adds routing headers to {@code RestClient} and {@code RestTemplate} calls. It must run before the
 * load-balancer interceptor, which reads {@code X-Unit-Cell}; unit-router puts it first.
 *
 * <p>Thread-safe.
 */
public class RoutingClientHttpRequestInterceptor implements ClientHttpRequestInterceptor {

    private final OutboundRouting routing;

    /**
     * @param routing decides the headers
     */
    public RoutingClientHttpRequestInterceptor(OutboundRouting routing) {
        this.routing = routing;
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        routing.apply(RoutingContextHolder.get(), request.getMethod().name(), request.getURI().getRawPath(),
                request.getHeaders()::getFirst, request.getHeaders()::remove, request.getHeaders()::set);
        return execution.execute(request, body);
    }
}
