package io.unitrouter.gateway;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.cloud.gateway.route.Route;

/**
 * Copies of a route pointed at one cell: the same id, order, predicate, filters and metadata, with the cell's
 * scheme, host and port as its {@code uri}. A unit route puts the copy in the exchange before Spring Cloud
 * Gateway's {@code RouteToRequestUrlFilter}, which then builds the request URL for the cell as it builds any
 * route's. The URL is so built once per request, as for a plain route, instead of built for the route's own
 * {@code uri} and then once more for the cell.
 *
 * <p>Copies are kept per route id and base URL, and made again when the route itself is replaced (a refresh
 * of the routes); at most one per route id and cell.
 *
 * <p>Thread-safe.
 */
final class CellRoutes {

    private final Map<String, Map<String, Copy>> byRoute = new ConcurrentHashMap<>();

    /**
     * The route pointed at a cell.
     *
     * @param route the route the exchange matched, or a copy this object made of it (a later pass of the chain)
     * @param base the cell's base URL from {@link CellUpstreams#baseOf}: absolute, without query or trailing
     *     slash
     * @return the copy, and the base URL's path, which the request's path must be prefixed with
     */
    CellRoute to(Route route, String base) {
        Map<String, Copy> copies = byRoute.get(route.getId());
        if (copies == null) {
            copies = byRoute.computeIfAbsent(route.getId(), id -> new ConcurrentHashMap<>());
        }
        Copy copy = copies.get(base);
        if (copy == null || copy.source() != route && copy.target().route() != route) {
            copy = new Copy(route, copy(route, base));
            copies.put(base, copy);
        }
        return copy.target();
    }

    private static CellRoute copy(Route route, String base) {
        URI parsed = URI.create(base);
        URI origin = URI.create(parsed.getScheme() + "://" + parsed.getRawAuthority());
        Route copy = Route.async().id(route.getId()).uri(origin).order(route.getOrder())
                .asyncPredicate(route.getPredicate()).replaceFilters(route.getFilters())
                .replaceMetadata(route.getMetadata()).build();
        String path = parsed.getRawPath();
        return new CellRoute(copy, path == null ? "" : path);
    }

    /**
     * A route pointed at a cell.
     *
     * @param route the copy, whose {@code uri} is the cell's scheme, host and port
     * @param pathPrefix the base URL's raw path, such as {@code /rz01}; empty when the base URL has none
     */
    record CellRoute(Route route, String pathPrefix) {
    }

    /** A copy, and the route it was made from. */
    private record Copy(Route source, CellRoute target) {
    }
}
