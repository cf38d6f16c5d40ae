package io.unitrouter.boot.client;

import io.unitrouter.boot.web.AccessMode;
import io.unitrouter.core.Access;
import io.unitrouter.core.Cell;
import io.unitrouter.core.RouteDecision;
import io.unitrouter.core.Scope;
import io.unitrouter.core.context.RoutingContext;
import io.unitrouter.core.context.RoutingHeaderCodec;
import io.unitrouter.core.context.RoutingHeaders;
import io.unitrouter.core.request.ScopeDispatch;
import io.unitrouter.core.routing.UnitRouter;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Decides the routing headers of an outgoing call, whatever the HTTP client: it routes the current context's
 * key afresh against the rules in force, so a call made just after an epoch change goes to the new owner.
 *
 * <ul>
 *   <li>A call made while handling a keyed request targets the key's owner cell.</li>
 *   <li>A call with header {@value #SCOPE_HEADER}{@code : global} targets the active GZone, and with
 *       {@code city} the CZone of this instance's city.</li>
 *   <li>Reads and writes follow the HTTP method: GET, HEAD, OPTIONS and TRACE read.</li>
 *   <li>Any {@code X-Unit-*} header the caller set is replaced; a call with no context and no scope carries
 *       none.</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class OutboundRouting {

    /** Set on an outgoing request to ask for {@code global} or {@code city} routing instead of the key's owner. */
    public static final String SCOPE_HEADER = "X-Unit-Scope";

    private final UnitRouter router;
    private final RoutingHeaderCodec codec;
    private final List<OutboundListener> listeners;

    /**
     * @param router the rules in force
     * @param codec writes (and signs) the headers
     * @param listeners told about the decision of every routed call (metrics)
     */
    public OutboundRouting(UnitRouter router, RoutingHeaderCodec codec, List<OutboundListener> listeners) {
        this.router = router;
        this.codec = codec;
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Computes and writes the routing headers of one outgoing request.
     *
     * @param current the routing context of the work in progress, or {@code null}
     * @param httpMethod the request's method
     * @param path the request's raw path as it will be sent, e.g. {@code /accounts/1205}
     * @param header reads a header the caller already set
     * @param remove removes a header
     * @param set sets a header
     * @return the decision, or {@code null} when the call carries no routing
     */
    public RouteDecision apply(RoutingContext current, String httpMethod, String path,
            Function<String, String> header, Consumer<String> remove, BiConsumer<String, String> set) {
        String scope = header.apply(SCOPE_HEADER);
        for (String name : RoutingHeaders.ALL) {
            remove.accept(name);
        }
        remove.accept(SCOPE_HEADER);
        Access access = AccessMode.ofMethod(httpMethod);
        String key = current == null ? null : current.key();
        RouteDecision decision = decide(scope, key, access);
        if (decision == null) {
            return null;
        }
        codec.encode(new RoutingContext(key, decision.shard(), decision.epoch(), decision.cell(), 0), httpMethod, path,
                set);
        for (OutboundListener listener : listeners) {
            listener.onCall(decision);
        }
        return decision;
    }

    private RouteDecision decide(String scope, String key, Access access) {
        Scope target = key == null ? null : Scope.UNIT;
        if (scope != null) {
            target = switch (scope.trim().toLowerCase(Locale.ROOT)) {
                case "global" -> Scope.GLOBAL;
                case "city" -> Scope.CITY;
                case "unit" -> target;
                default -> throw new IllegalArgumentException(SCOPE_HEADER + " must be global, city or unit, was '"
                        + scope + "'");
            };
        }
        String city = target != Scope.CITY ? null : router.localCell().map(Cell::city)
                .orElseThrow(() -> new IllegalStateException("a city-scoped call needs unit-router.local-cell"));
        return ScopeDispatch.decide(router, target, key, city, access);
    }
}
