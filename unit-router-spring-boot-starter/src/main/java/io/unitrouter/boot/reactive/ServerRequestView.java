package io.unitrouter.boot.reactive;

import io.unitrouter.core.key.RequestView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpCookie;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;

/** A WebFlux exchange seen as a {@link RequestView}. */
final class ServerRequestView implements RequestView {

    private final ServerWebExchange exchange;

    ServerRequestView(ServerWebExchange exchange) {
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
        if (cookies == null) {
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
        return exchange.getRequest().getPath().value();
    }

    @Override
    public String pathVariable(String name) {
        Object variables = exchange.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return variables instanceof Map<?, ?> map && map.get(name) instanceof String value ? value : null;
    }
}
