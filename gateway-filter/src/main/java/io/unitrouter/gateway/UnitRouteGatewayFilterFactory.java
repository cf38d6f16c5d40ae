package io.unitrouter.gateway;

import io.unitrouter.core.request.AccessMode;
import io.unitrouter.core.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.support.HasRouteId;

/**
 * The {@code UnitRoute} gateway filter: sends each request of a route to the cell that owns its routing key (or
 * the active GZone, or the caller's city CZone).
 *
 * <pre>{@code
 * spring.cloud.gateway.server.webflux.routes:
 *   - id: accounts
 *     uri: lb://accounts                # or any URL, with unit-router.gateway.cells.<id>.uri per cell
 *     predicates: [ Path=/api/accounts/** ]
 *     filters: [ UnitRoute=header:X-User-Id,jwt:sub ]
 * }</pre>
 *
 * <p>The shortcut form lists key sources. Every other setting goes in {@code args} (see {@link Config}); what a
 * route leaves out comes from {@code unit-router.gateway.*}. The filter runs at {@link #ORDER}, after the route's
 * other filters and before {@code RouteToRequestUrlFilter}; see {@link GatewayRouting} for what it does.
 *
 * <p>Thread-safe.
 */
public class UnitRouteGatewayFilterFactory extends AbstractGatewayFilterFactory<UnitRouteGatewayFilterFactory.Config> {

    /**
     * The order of unit routing in the gateway filter chain: after a route's filters that have no order of their
     * own (they are numbered 1, 2, ... as listed), such as {@code StripPrefix}, so that the path is signed as the
     * cell will receive it; before {@code RouteToRequestUrlFilter} (10000), which builds the request URL from the
     * route the unit route points at the target cell, and so before {@code ReactiveLoadBalancerClientFilter}
     * (10150), which reads the routing decision.
     */
    public static final int ORDER = 9_900;

    /** The most key sources the shortcut form takes. */
    public static final int MAX_SHORTCUT_SOURCES = 8;

    private static final List<String> SHORTCUT_FIELDS = java.util.stream.IntStream.range(0, MAX_SHORTCUT_SOURCES)
            .mapToObj(i -> "keySources[" + i + "]").toList();

    private final GatewayRouting routing;
    private final UnitRoutePolicies policies;

    /**
     * @param routing does the routing
     * @param policies compiles each route's {@link Config} with the gateway-wide defaults
     */
    public UnitRouteGatewayFilterFactory(GatewayRouting routing, UnitRoutePolicies policies) {
        super(Config.class);
        this.routing = routing;
        this.policies = policies;
    }

    @Override
    public String name() {
        return "UnitRoute";
    }

    /**
     * {@code UnitRoute=header:X-User-Id,jwt:sub}: the shortcut arguments are the key sources, up to
     * {@value #MAX_SHORTCUT_SOURCES}. (They are bound as indexed list elements, so that the named-argument form
     * keeps working too, which {@code GATHER_LIST} would not allow.)
     */
    @Override
    public List<String> shortcutFieldOrder() {
        return SHORTCUT_FIELDS;
    }

    /**
     * @throws IllegalArgumentException naming the route and the setting when the configuration is invalid
     */
    @Override
    public GatewayFilter apply(Config config) {
        return new UnitRouteGatewayFilter(routing, policies.forRoute(config), ORDER);
    }

    /**
     * The settings of one {@code UnitRoute} filter. Unset settings come from {@code unit-router.gateway.*}.
     *
     * <p>Mutable, for binding; not thread-safe. The filter copies it when created.
     */
    public static class Config implements HasRouteId {

        private String routeId;
        private boolean enabled = true;
        private List<String> keySources = new ArrayList<>();
        private Scope scope = Scope.UNIT;
        private AccessMode access = AccessMode.AUTO;
        private String city;
        private String citySource;
        private MissingKeyPolicy missingKey;
        private String defaultCell;
        private Duration holdTimeout;
        private Map<String, String> cellUris = new LinkedHashMap<>();
        private String cellUriTemplate;

        @Override
        public void setRouteId(String routeId) {
            this.routeId = routeId;
        }

        @Override
        public String getRouteId() {
            return routeId;
        }

        /**
         * Whether the route is unit-routed. {@code false} turns routing off for this route, including the global
         * filter's. Default {@code true}.
         */
        public boolean isEnabled() {
            return enabled;
        }

        public Config setEnabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** Where the key comes from, tried in order. Default: {@code unit-router.gateway.key-sources}. */
        public List<String> getKeySources() {
            return keySources;
        }

        public Config setKeySources(List<String> keySources) {
            this.keySources = keySources;
            return this;
        }

        /**
         * Which cell the route targets: {@code UNIT} (the key's owner; default), {@code GLOBAL} (the active
         * GZone), {@code CITY} (the caller's city CZone for reads, the active GZone for writes).
         */
        public Scope getScope() {
            return scope;
        }

        public Config setScope(Scope scope) {
            this.scope = scope;
            return this;
        }

        /**
         * How to tell reads from writes: {@code AUTO} (GET, HEAD, OPTIONS and TRACE read; default), {@code READ},
         * {@code WRITE}.
         */
        public AccessMode getAccess() {
            return access;
        }

        public Config setAccess(AccessMode access) {
            this.access = access;
            return this;
        }

        /** For {@code CITY} scope: the city when the request names none. Default: {@code unit-router.gateway.city}. */
        public String getCity() {
            return city;
        }

        public Config setCity(String city) {
            this.city = city;
            return this;
        }

        /** For {@code CITY} scope: where the caller's city is, e.g. {@code header:X-Client-City}. */
        public String getCitySource() {
            return citySource;
        }

        public Config setCitySource(String citySource) {
            this.citySource = citySource;
            return this;
        }

        /** What to do without a key: {@code REJECT} (400) or {@code DEFAULT_CELL}. */
        public MissingKeyPolicy getMissingKey() {
            return missingKey;
        }

        public Config setMissingKey(MissingKeyPolicy missingKey) {
            this.missingKey = missingKey;
            return this;
        }

        /** The cell for keyless requests under {@code DEFAULT_CELL}. */
        public String getDefaultCell() {
            return defaultCell;
        }

        public Config setDefaultCell(String defaultCell) {
            this.defaultCell = defaultCell;
            return this;
        }

        /**
         * The longest a write to a frozen shard is held before 503. Default:
         * {@code unit-router.gateway.hold-timeout} (2 s).
         */
        public Duration getHoldTimeout() {
            return holdTimeout;
        }

        public Config setHoldTimeout(Duration holdTimeout) {
            this.holdTimeout = holdTimeout;
            return this;
        }

        /** Base URL per cell id for this route, before {@code unit-router.gateway.cells}. */
        public Map<String, String> getCellUris() {
            return cellUris;
        }

        public Config setCellUris(Map<String, String> cellUris) {
            this.cellUris = cellUris;
            return this;
        }

        /** Base URL template for this route, e.g. {@code http://{cell}.accounts.internal}. */
        public String getCellUriTemplate() {
            return cellUriTemplate;
        }

        public Config setCellUriTemplate(String cellUriTemplate) {
            this.cellUriTemplate = cellUriTemplate;
            return this;
        }
    }
}
