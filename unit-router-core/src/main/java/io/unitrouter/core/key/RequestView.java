package io.unitrouter.core.key;

import java.util.List;

/**
 * The one framework-neutral view of an incoming request that routing reads: the parts a routing key can come
 * from, plus the method and path that a signed routing context is bound to. Web integrations (servlet, WebFlux,
 * Spring Cloud Gateway) adapt their request types to this; nothing else in unit-router looks at a request.
 *
 * <p>Every carrier that HTTP lets a client repeat (headers, cookies, query parameters) has a plural form, so that
 * {@link KeyChain} can refuse a request whose copies of the key disagree. The defaults build the plural from the
 * singular and so see only one copy: an adapter of a real request must override them.
 *
 * <p>Implementations are views of one request and need not be thread-safe.
 */
public interface RequestView {

    /** The first value of a header (name case-insensitive), or {@code null}. */
    String header(String name);

    /** The value of a cookie, or {@code null}. */
    String cookie(String name);

    /** The first value of a query parameter, already URL-decoded, or {@code null}. */
    String queryParameter(String name);

    /**
     * The request path as sent, without the query string and not decoded, e.g. {@code /api/users/42/orders}.
     * Dot-segments are left as they came: {@link RequestPaths} refuses a path that has them before a key is read
     * from it.
     */
    String path();

    /**
     * A URI template variable resolved by the web framework (e.g. {@code {userId}} in a controller mapping),
     * or {@code null} when the framework has not resolved one by that name. The default returns {@code null}.
     */
    default String pathVariable(String name) {
        return null;
    }

    /** Every value of a header, in the order received (name case-insensitive); empty when absent. */
    default List<String> headers(String name) {
        String value = header(name);
        return value == null ? List.of() : List.of(value);
    }

    /** Every value of a cookie, counting all {@code Cookie} headers; empty when absent. */
    default List<String> cookies(String name) {
        String value = cookie(name);
        return value == null ? List.of() : List.of(value);
    }

    /** Every value of a query parameter, URL-decoded; empty when absent. */
    default List<String> queryParameters(String name) {
        String value = queryParameter(name);
        return value == null ? List.of() : List.of(value);
    }

    /** The HTTP method, e.g. {@code GET}; the default, for views that do not know it, is {@code GET}. */
    default String method() {
        return "GET";
    }
}
