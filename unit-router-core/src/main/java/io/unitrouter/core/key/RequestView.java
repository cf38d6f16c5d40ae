package io.unitrouter.core.key;

/**
 * The parts of an incoming request that a routing key can come from. Web integrations (servlet, WebFlux,
 * Spring Cloud Gateway) adapt their request types to this.
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

    /** The request path without the query string, e.g. {@code /api/users/42/orders}. */
    String path();

    /**
     * A URI template variable resolved by the web framework (e.g. {@code {userId}} in a controller mapping),
     * or {@code null} when the framework has not resolved one by that name. The default returns {@code null}.
     */
    default String pathVariable(String name) {
        return null;
    }
}
