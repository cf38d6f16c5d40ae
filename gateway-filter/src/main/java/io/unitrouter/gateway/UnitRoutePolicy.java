package io.unitrouter.gateway;

import io.unitrouter.core.Scope;
import io.unitrouter.core.key.KeyChain;
import io.unitrouter.core.request.AccessMode;
import java.time.Duration;
import java.util.List;

/**
 * The compiled settings of one unit route: where its key comes from, which kind of cell it targets, how it
 * treats keyless requests and frozen writes, and where each cell is reached. Built by {@link UnitRoutePolicies}
 * from a {@link UnitRouteGatewayFilterFactory.Config} and the gateway-wide properties.
 *
 * <p>Immutable and thread-safe.
 */
public final class UnitRoutePolicy {

    private final String routeId;
    private final boolean enabled;
    private final KeyChain keys;
    private final Scope scope;
    private final AccessMode access;
    private final String city;
    private final KeyChain citySource;
    private final MissingKeyPolicy missingKey;
    private final String defaultCell;
    private final Duration holdTimeout;
    private final CellUpstreams upstreams;

    UnitRoutePolicy(String routeId, boolean enabled, KeyChain keys, Scope scope, AccessMode access,
            String city, KeyChain citySource, MissingKeyPolicy missingKey, String defaultCell,
            Duration holdTimeout, CellUpstreams upstreams) {
        this.routeId = routeId;
        this.enabled = enabled;
        this.keys = keys;
        this.scope = scope;
        this.access = access;
        this.city = city;
        this.citySource = citySource;
        this.missingKey = missingKey;
        this.defaultCell = defaultCell;
        this.holdTimeout = holdTimeout;
        this.upstreams = upstreams;
    }

    /** The route this policy belongs to, or {@code null} for the global filter. */
    public String routeId() {
        return routeId;
    }

    /** Whether the route is unit-routed at all. */
    public boolean enabled() {
        return enabled;
    }

    /** The routing-key source names, in the order they are tried. */
    public List<String> keySources() {
        return keys.names();
    }

    KeyChain keys() {
        return keys;
    }

    /** Which kind of cell the route targets. */
    public Scope scope() {
        return scope;
    }

    /** How a request's access (read or write) is determined. */
    public AccessMode access() {
        return access;
    }

    /** The city for city-scoped reads when the request names none; may be {@code null}. */
    public String city() {
        return city;
    }

    KeyChain citySource() {
        return citySource;
    }

    /** What happens to keyless requests. */
    public MissingKeyPolicy missingKey() {
        return missingKey;
    }

    /** The cell keyless requests go to under {@link MissingKeyPolicy#DEFAULT_CELL}; may be {@code null}. */
    public String defaultCell() {
        return defaultCell;
    }

    /** The longest a write to a frozen shard is held. */
    public Duration holdTimeout() {
        return holdTimeout;
    }

    CellUpstreams upstreams() {
        return upstreams;
    }

    @Override
    public String toString() {
        return "UnitRoutePolicy[route=" + routeId + ", enabled=" + enabled + ", scope=" + scope + ", keys=" + keys
                + ", access=" + access + ", missingKey=" + missingKey
                + (defaultCell == null ? "" : ", defaultCell=" + defaultCell) + ", holdTimeout=" + holdTimeout + "]";
    }
}
