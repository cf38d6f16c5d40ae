package io.unitrouter.gateway;

import io.unitrouter.core.key.RequestView;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpCookie;
import org.springframework.web.server.ServerWebExchange;

/**
 * A gateway exchange seen as a {@link RequestView}. Headers, cookies and query parameters are read from the
 * request as it reaches the unit route (incoming {@code X-Unit-*} headers already removed); the path is the one
 * the client sent, before {@code StripPrefix} or {@code RewritePath}; path variables are those of the route's
 * {@code Path} predicate.
 *
 * <p>A view of one request; not thread-safe.
 */
final class GatewayRequestView implements RequestView {

    private final ServerWebExchange exchange;

    GatewayRequestView(ServerWebExchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public String header(String name) {
        return exchange.getRequest().getHeaders().getFirst(name);
    }

    @Override
    public String cookie(String name) {
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(name);
        return cookie == null ? null : cookie.getValue();
    }

    @Override
    public String queryParameter(String name) {
        return exchange.getRequest().getQueryParams().getFirst(name);
    }

    @Override
    public List<String> headers(String name) {
        List<String> values = exchange.getRequest().getHeaders().get(name);
        return values == null ? List.of() : values;
    }

    @Override
    public List<String> cookies(String name) {
        List<HttpCookie> cookies = exchange.getRequest().getCookies().get(name);
        if (cookies == null || cookies.isEmpty()) {
            return List.of();
        }
        List<String> values = new ArrayList<>(cookies.size());
        cookies.forEach(cookie -> values.add(cookie.getValue()));
        return values;
    }

    @Override
    public List<String> queryParameters(String name) {
        List<String> values = exchange.getRequest().getQueryParams().get(name);
        return values == null ? List.of() : values;
    }

    @Override
    public String method() {
        return exchange.getRequest().getMethod().name();
    }

    @Override
    public String path() {
        Set<URI> originals = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ORIGINAL_REQUEST_URL_ATTR);
        if (originals != null && !originals.isEmpty()) {
            return originals.iterator().next().getRawPath();
        }
        return exchange.getRequest().getPath().value();
    }

    @Override
    public String pathVariable(String name) {
        Map<String, String> variables = exchange.getAttribute(ServerWebExchangeUtils.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return variables == null ? null : variables.get(name);
    }
}
