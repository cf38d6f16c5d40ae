package io.unitrouter.boot.servlet;

import io.unitrouter.core.key.RequestView;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/** A servlet request seen as a {@link RequestView}. Reads the query string only, never a form body. */
final class ServletRequestView implements RequestView {

    private final HttpServletRequest request;

    ServletRequestView(HttpServletRequest request) {
        this.request = request;
    }

    @Override
    public String header(String name) {
        return request.getHeader(name);
    }

    @Override
    public String cookie(String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (cookie.getName().equals(name)) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    @Override
    public List<String> cookies(String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>(1);
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(name)) {
                values.add(cookie.getValue());
            }
        }
        return values;
    }

    @Override
    public List<String> headers(String name) {
        // Asked on every request by each header key source; nearly always one value, so no list is grown.
        Enumeration<String> values = request.getHeaders(name);
        if (values == null || !values.hasMoreElements()) {
            return List.of();
        }
        String first = values.nextElement();
        if (!values.hasMoreElements()) {
            return first == null ? Collections.singletonList(null) : List.of(first);
        }
        List<String> all = new ArrayList<>(2);
        all.add(first);
        while (values.hasMoreElements()) {
            all.add(values.nextElement());
        }
        return all;
    }

    @Override
    public String queryParameter(String name) {
        List<String> values = queryParameters(name);
        return values.isEmpty() ? null : values.get(0);
    }

    @Override
    public List<String> queryParameters(String name) {
        String query = request.getQueryString();
        if (query == null) {
            return List.of();
        }
        List<String> raw = UriComponentsBuilder.newInstance().query(query).build().getQueryParams().get(name);
        if (raw == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>(raw.size());
        raw.forEach(value -> values.add(value == null ? "" : UriUtils.decode(value, StandardCharsets.UTF_8)));
        return values;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String path() {
        return request.getRequestURI();
    }

    @Override
    public String pathVariable(String name) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return variables instanceof Map<?, ?> map && map.get(name) instanceof String value ? value : null;
    }
}
