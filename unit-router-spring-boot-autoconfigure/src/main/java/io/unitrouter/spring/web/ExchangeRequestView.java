package io.unitrouter.spring.web;

import io.unitrouter.core.key.RequestView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.HttpCookie;
import org.springframework.web.server.ServerWebExchange;

/**
 * A reactive exchange seen as core's {@link RequestView}: the one adapter for a WebFlux cell and for Spring Cloud
 * Gateway. They differ only in where the path and the path variables come from, which the caller says: a cell
 * reads the request's own path and WebFlux's {@code HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE}; a gateway
 * the path the client sent (before {@code StripPrefix} or {@code RewritePath}) and the variables of the route's
 * {@code Path} predicate.
 *
 * <p>A view of one request; not thread-safe.
 */
public final class ExchangeRequestView implements RequestView {

    private final ServerWebExchange exchange;
    private final String path;
    private final String pathVariablesAttribute;

    /**
     * @param exchange the exchange
     * @param path the raw path as the client sent it
     * @param pathVariablesAttribute the exchange attribute holding the path variables as a
     *     {@code Map<String, String>}; the attribute may be absent
     */
    public ExchangeRequestView(ServerWebExchange exchange, String path, String pathVariablesAttribute) {
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.path = Objects.requireNonNull(path, "path");
        this.pathVariablesAttribute = Objects.requireNonNull(pathVariablesAttribute, "pathVariablesAttribute");
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
        return path;
    }

    @Override
    public String pathVariable(String name) {
        Object variables = exchange.getAttribute(pathVariablesAttribute);
        return variables instanceof Map<?, ?> map && map.get(name) instanceof String value ? value : null;
    }
}
