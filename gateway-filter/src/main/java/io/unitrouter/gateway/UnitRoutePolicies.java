package io.unitrouter.gateway;

import io.unitrouter.core.Cell;
import io.unitrouter.core.City;
import io.unitrouter.core.Scope;
import io.unitrouter.core.Topology;
import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.key.KeyChain;
import io.unitrouter.core.key.KeyExtractor;
import io.unitrouter.core.key.KeySources;
import io.unitrouter.core.request.AccessMode;
import io.unitrouter.core.routing.UnitRouter;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles route settings into {@link UnitRoutePolicy} objects, filling what a route leaves out from the
 * gateway-wide {@link UnitRouterGatewayProperties}, and checking everything once, at route definition time.
 *
 * <p>Thread-safe after construction.
 */
public final class UnitRoutePolicies {

    private final UnitRouterGatewayProperties gateway;
    private final Map<String, KeyExtractor> extractorBeans;
    private final UnitRouter router;
    private final KeyChain defaultKeys;

    /**
     * @param gateway the gateway-wide settings
     * @param fallbackSources the key sources to use when {@code unit-router.gateway.key-sources} is empty,
     *     normally {@code unit-router.key.sources}
     * @param extractorBeans the application's {@link KeyExtractor} beans by bean name, in order of precedence;
     *     tried before {@code fallbackSources} by default, and named by {@code bean:NAME} sources
     * @param router the router, to check cells and cities named in settings against the rules in force
     * @throws UnitRouterException naming the property when a gateway-wide setting is invalid
     */
    public UnitRoutePolicies(UnitRouterGatewayProperties gateway, List<String> fallbackSources,
            Map<String, KeyExtractor> extractorBeans, UnitRouter router) {
        this.gateway = gateway;
        this.extractorBeans = Map.copyOf(extractorBeans);
        this.router = router;
        this.defaultKeys = defaultKeys(gateway.getKeySources(), fallbackSources, extractorBeans);
        new CellUpstreams(Map.of(), null, gatewayUris(), gateway.getCellUriTemplate());
    }

    private static KeyChain defaultKeys(List<String> gatewaySources, List<String> fallbackSources,
            Map<String, KeyExtractor> beans) {
        if (gatewaySources != null && !gatewaySources.isEmpty()) {
            try {
                return KeyChain.parse(gatewaySources, beans);
            } catch (UnitRouterException e) {
                throw new UnitRouterException("unit-router.gateway.key-sources: " + e.getMessage(), e);
            }
        }
        Map<String, KeyExtractor> named = new LinkedHashMap<>();
        beans.forEach((name, extractor) -> named.put(KeyChain.BEAN_PREFIX + name, extractor));
        for (String source : fallbackSources == null ? List.<String>of() : fallbackSources) {
            try {
                named.put(source.trim(), KeySources.parse(source));
            } catch (UnitRouterException e) {
                throw new UnitRouterException("unit-router.key.sources: " + e.getMessage(), e);
            }
        }
        if (named.isEmpty()) {
            throw new UnitRouterException("unit-router.gateway.key-sources and unit-router.key.sources are empty and"
                    + " no KeyExtractor bean is declared; configure at least one source, e.g. header:X-User-Id");
        }
        return KeyChain.of(named);
    }

    /**
     * The policy of a route's {@code UnitRoute} filter.
     *
     * @param config the filter's settings
     * @return the policy
     * @throws IllegalArgumentException naming the route and the setting when a setting is invalid
     */
    public UnitRoutePolicy forRoute(UnitRouteGatewayFilterFactory.Config config) {
        String route = config.getRouteId();
        try {
            KeyChain keys = config.getKeySources() == null || config.getKeySources().isEmpty() ? defaultKeys
                    : KeyChain.parse(config.getKeySources(), extractorBeans);
            CellUpstreams upstreams = new CellUpstreams(config.getCellUris(), config.getCellUriTemplate(),
                    gatewayUris(), gateway.getCellUriTemplate());
            return build(route, config.isEnabled(), keys, config.getScope(), config.getAccess(),
                    firstNonBlank(config.getCity(), gateway.getCity()),
                    firstNonBlank(config.getCitySource(), gateway.getCitySource()),
                    config.getMissingKey() != null ? config.getMissingKey() : gateway.getMissingKey(),
                    firstNonBlank(config.getDefaultCell(), gateway.getDefaultCell()),
                    config.getHoldTimeout() != null ? config.getHoldTimeout() : gateway.getHoldTimeout(), upstreams);
        } catch (UnitRouterException e) {
            throw new IllegalArgumentException("UnitRoute filter of route '" + route + "': " + e.getMessage(), e);
        }
    }

    /**
     * The policy the global filter applies to routes without a {@code UnitRoute} filter.
     *
     * @param scope the scope, chosen by path
     * @return the policy
     * @throws UnitRouterException naming the property when a gateway-wide setting is invalid
     */
    public UnitRoutePolicy gatewayDefault(Scope scope) {
        CellUpstreams upstreams = new CellUpstreams(Map.of(), null, gatewayUris(), gateway.getCellUriTemplate());
        try {
            return build(null, true, defaultKeys, scope, AccessMode.AUTO, blankToNull(gateway.getCity()),
                    blankToNull(gateway.getCitySource()), gateway.getMissingKey(),
                    blankToNull(gateway.getDefaultCell()), gateway.getHoldTimeout(), upstreams);
        } catch (UnitRouterException e) {
            throw new UnitRouterException("unit-router.gateway: " + e.getMessage(), e);
        }
    }

    private UnitRoutePolicy build(String route, boolean enabled, KeyChain keys, Scope scope,
            AccessMode access, String city, String citySource, MissingKeyPolicy missingKey, String defaultCell,
            Duration holdTimeout, CellUpstreams upstreams) {
        Scope checkedScope = scope == null ? Scope.UNIT : scope;
        Topology topology = router.table().topology();
        if (holdTimeout == null || holdTimeout.isNegative()) {
            throw new UnitRouterException("hold-timeout must be zero or positive, was " + holdTimeout);
        }
        if (missingKey == MissingKeyPolicy.DEFAULT_CELL && checkedScope == Scope.UNIT) {
            if (defaultCell == null) {
                throw new UnitRouterException("missing-key is DEFAULT_CELL but no default-cell is set");
            }
            if (topology.cell(defaultCell).isEmpty()) {
                throw new UnitRouterException("default-cell '" + defaultCell + "' is not declared in the rules"
                        + " (epoch " + router.table().epoch() + "); cells: "
                        + topology.cells().stream().map(Cell::id).toList());
            }
        }
        KeyChain cities = null;
        if (checkedScope == Scope.CITY) {
            if (city == null && citySource == null) {
                throw new UnitRouterException("scope CITY needs the caller's city: set city (e.g. the gateway's city)"
                        + " or city-source (e.g. header:X-Client-City)");
            }
            if (city != null && topology.city(city).isEmpty()) {
                throw new UnitRouterException("city '" + city + "' is not declared in the rules (epoch "
                        + router.table().epoch() + "); cities: " + topology.cities().stream().map(City::id).toList());
            }
            if (citySource != null) {
                cities = KeyChain.parse(List.of(citySource), extractorBeans);
            }
        }
        return new UnitRoutePolicy(route, enabled, keys, checkedScope, access == null ? AccessMode.AUTO : access,
                city, cities, missingKey == null ? MissingKeyPolicy.REJECT : missingKey, defaultCell, holdTimeout,
                upstreams);
    }

    private Map<String, URI> gatewayUris() {
        Map<String, URI> uris = new LinkedHashMap<>();
        gateway.getCells().forEach((cell, upstream) -> uris.put(cell, upstream.getUri()));
        return uris;
    }

    private static String firstNonBlank(String first, String second) {
        String value = blankToNull(first);
        return value != null ? value : blankToNull(second);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
