package io.unitrouter.boot.client;

import feign.RequestInterceptor;
import feign.RequestTemplate;
import io.unitrouter.boot.context.RoutingContextHolder;
import java.net.URI;
import java.util.Collection;
import java.util.List;

/**
 * Adds routing headers to OpenFeign calls. Feign runs request interceptors before its load-balancing client,
 * so the cell-aware load balancer sees {@code X-Unit-Cell}.
 *
 * <p>Thread-safe.
 */
public class RoutingFeignRequestInterceptor implements RequestInterceptor {

    private final OutboundRouting routing;

    /**
     * @param routing decides the headers
     */
    public RoutingFeignRequestInterceptor(OutboundRouting routing) {
        this.routing = routing;
    }

    @Override
    public void apply(RequestTemplate template) {
        routing.apply(RoutingContextHolder.get(), template.method(), path(template), name -> first(template, name),
                name -> template.removeHeader(name), (name, value) -> template.header(name, List.of(value)));
    }

    /**
     * The path the call will be sent with: interceptors run before Feign puts the target's URL in front, so the
     * target's own path (e.g. {@code http://ledger/api}) is added here.
     */
    private static String path(RequestTemplate template) {
        String base = "";
        if (template.feignTarget() != null && template.feignTarget().url() != null) {
            String raw = URI.create(template.feignTarget().url()).getRawPath();
            base = raw == null ? "" : raw.replaceAll("/+$", "");
        }
        return base + template.path();
    }

    private static String first(RequestTemplate template, String name) {
        for (var entry : template.headers().entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                Collection<String> values = entry.getValue();
                return values.isEmpty() ? null : values.iterator().next();
            }
        }
        return null;
    }
}
