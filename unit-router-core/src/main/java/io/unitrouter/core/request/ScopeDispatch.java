package io.unitrouter.core.request;

import io.unitrouter.core.Access;
import io.unitrouter.core.MalformedKeyException;
import io.unitrouter.core.RouteDecision;
import io.unitrouter.core.RoutingKeys;
import io.unitrouter.core.Scope;
import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.routing.UnitRouter;
import java.util.Map;

/**
 * The one place that turns a scope into a target cell, for the gateway, a cell's inbound guard and its outbound
 * calls alike:
 *
 * <ul>
 *   <li>{@code UNIT}: the owner of the key's shard; a key is required;</li>
 *   <li>{@code GLOBAL}: the active GZone;</li>
 *   <li>{@code CITY}: the CZone of the given city for reads, the active GZone for writes; the city must be
 *       declared;</li>
 *   <li>none (normal): no target, any cell serves.</li>
 * </ul>
 *
 * <p>A key that comes with a {@code GLOBAL} or {@code CITY} request must still fit the shard function: it is
 * carried on to the cell, and a key that has no shard is refused wherever it appears.
 *
 * <p>Stateless and thread-safe.
 */
public final class ScopeDispatch {

    private ScopeDispatch() {
    }

    /**
     * Decides the target of a request.
     *
     * @param router the rules in force
     * @param scope the scope, or {@code null} for a normal request
     * @param key the routing key, or {@code null}
     * @param city for {@code CITY}: the caller's city, or {@code null} when unknown
     * @param access read or write
     * @return the decision, or {@code null} for a normal request
     * @throws RefusedRequestException {@link Refusal#MISSING_KEY} for a keyless {@code UNIT} request,
     *     {@link Refusal#UNKNOWN_CITY} for a {@code CITY} request without a declared city
     * @throws MalformedKeyException if the key is malformed or does not fit the shard function
     * @throws UnitRouterException if the rules cannot route the request (e.g. no active GZone)
     */
    public static RouteDecision decide(UnitRouter router, Scope scope, String key, String city, Access access) {
        if (scope == null) {
            return null;
        }
        return switch (scope) {
            case UNIT -> {
                if (key == null) {
                    throw new RefusedRequestException(Refusal.MISSING_KEY, "this request needs a routing key",
                            Map.of());
                }
                yield router.route(key, access);
            }
            case GLOBAL -> {
                requireShard(router, key);
                yield router.routeGlobal(access);
            }
            case CITY -> {
                if (city == null) {
                    throw new RefusedRequestException(Refusal.UNKNOWN_CITY, "this request needs the caller's city",
                            Map.of());
                }
                if (router.table().topology().city(city).isEmpty()) {
                    throw new RefusedRequestException(Refusal.UNKNOWN_CITY, "city " + RoutingKeys.quote(city)
                            + " is not declared in the rules", Map.of("city", RoutingKeys.quote(city)));
                }
                requireShard(router, key);
                yield router.routeCity(city, access);
            }
        };
    }

    private static void requireShard(UnitRouter router, String key) {
        if (key != null) {
            router.table().shardOf(key);
        }
    }
}
