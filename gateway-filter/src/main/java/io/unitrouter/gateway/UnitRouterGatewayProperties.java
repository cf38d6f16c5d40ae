package io.unitrouter.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Gateway-wide settings of unit-router, under the prefix {@code unit-router.gateway}. Each {@code UnitRoute}
 * filter may override the per-route ones (key sources, city, missing-key policy, hold timeout, cell URLs).
 *
 * <p>Bound once at start-up; not thread-safe to mutate afterwards.
 */
@ConfigurationProperties("unit-router.gateway")
public class UnitRouterGatewayProperties {

    /** Whether the gateway integration is active: header stripping, the UnitRoute filter and the global filter. */
    private boolean enabled = true;

    /**
     * Default routing-key sources of unit routes, tried in order: header:NAME, cookie:NAME, query:NAME,
     * path-segment:INDEX (0-based, of the path the client sent), path-variable:NAME (from the route's Path
     * predicate), jwt:CLAIM, bean:NAME (a KeyExtractor bean). Empty: KeyExtractor beans, then
     * unit-router.key.sources.
     */
    private List<String> keySources = new ArrayList<>();

    /** Base URL of each cell, by cell id, for routes whose uri is not lb://. */
    private Map<String, CellUpstream> cells = new LinkedHashMap<>();

    /**
     * Base URL of cells without an entry in unit-router.gateway.cells, derived from the cell as the rules
     * declare it, e.g. http://{cell}.bank.internal:8080. Placeholders: {cell}, {kind} (lower case),
     * {dataCenter}, {city}. A cell added to the rules is then reachable without a gateway restart.
     */
    private String cellUriTemplate;

    /**
     * The city whose CZone serves city-scoped reads when the request does not name the caller's city (see
     * city-source). Usually the city the gateway runs in.
     */
    private String city;

    /** Where city-scoped routes find the caller's city, in key-source syntax, e.g. header:X-Client-City. */
    private String citySource;

    /** What unit routes do with a request that has no routing key: REJECT (400) or DEFAULT_CELL. */
    private MissingKeyPolicy missingKey = MissingKeyPolicy.REJECT;

    /** The cell that keyless requests go to under the DEFAULT_CELL policy. */
    private String defaultCell;

    /**
     * The longest a write to a frozen shard is held, waiting for a new epoch that unfreezes it, before it is
     * answered 503. Zero answers 503 at once. Reads are never held.
     */
    private Duration holdTimeout = Duration.ofSeconds(2);

    /** The Retry-After sent with 503 answers (rounded up to whole seconds). */
    private Duration retryAfter = Duration.ofSeconds(1);

    /**
     * The response header that carries the epoch a request was routed with. Empty: no header.
     */
    private String epochHeader = "X-Unit-Epoch";

    /**
     * What to do with a request whose incoming X-Unit-* headers fail signature verification (only when
     * unit-router.security.secret is set): STRIP removes them and routes the request by its key; REJECT answers
     * 400. Incoming routing headers are removed in either case.
     */
    private ForgedHeaderPolicy forgedHeaders = ForgedHeaderPolicy.STRIP;

    private final Global global = new Global();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getKeySources() {
        return keySources;
    }

    public void setKeySources(List<String> keySources) {
        this.keySources = keySources;
    }

    public Map<String, CellUpstream> getCells() {
        return cells;
    }

    public void setCells(Map<String, CellUpstream> cells) {
        this.cells = cells;
    }

    public String getCellUriTemplate() {
        return cellUriTemplate;
    }

    public void setCellUriTemplate(String cellUriTemplate) {
        this.cellUriTemplate = cellUriTemplate;
    }

    public String getCity() {
        return city;
    }

    public void setCity(String city) {
        this.city = city;
    }

    public String getCitySource() {
        return citySource;
    }

    public void setCitySource(String citySource) {
        this.citySource = citySource;
    }

    public MissingKeyPolicy getMissingKey() {
        return missingKey;
    }

    public void setMissingKey(MissingKeyPolicy missingKey) {
        this.missingKey = missingKey;
    }

    public String getDefaultCell() {
        return defaultCell;
    }

    public void setDefaultCell(String defaultCell) {
        this.defaultCell = defaultCell;
    }

    public Duration getHoldTimeout() {
        return holdTimeout;
    }

    public void setHoldTimeout(Duration holdTimeout) {
        this.holdTimeout = holdTimeout;
    }

    public Duration getRetryAfter() {
        return retryAfter;
    }

    public void setRetryAfter(Duration retryAfter) {
        this.retryAfter = retryAfter;
    }

    public String getEpochHeader() {
        return epochHeader;
    }

    public void setEpochHeader(String epochHeader) {
        this.epochHeader = epochHeader;
    }

    public ForgedHeaderPolicy getForgedHeaders() {
        return forgedHeaders;
    }

    public void setForgedHeaders(ForgedHeaderPolicy forgedHeaders) {
        this.forgedHeaders = forgedHeaders;
    }

    public Global getGlobal() {
        return global;
    }

    /** Where one cell is reached. */
    public static class CellUpstream {

        /** Base URL of the cell, e.g. http://rz01.bank.internal:8080; the request path is appended. */
        private URI uri;

        public URI getUri() {
            return uri;
        }

        public void setUri(URI uri) {
            this.uri = uri;
        }
    }

    /** The global filter, which applies unit routing to every route. */
    public static class Global {

        /**
         * Whether every route is unit-routed with the gateway-wide settings. A route opts out with a UnitRoute
         * filter whose enabled flag is false, and routes with their own UnitRoute filter use that.
         */
        private boolean enabled = false;

        /** Path patterns (e.g. /api/config/**) routed to the active GZone instead of the key's owner. */
        private List<String> globalPaths = new ArrayList<>();

        /** Path patterns routed to the caller's city CZone (reads) or the active GZone (writes). */
        private List<String> cityPaths = new ArrayList<>();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public List<String> getGlobalPaths() {
            return globalPaths;
        }

        public void setGlobalPaths(List<String> globalPaths) {
            this.globalPaths = globalPaths;
        }

        public List<String> getCityPaths() {
            return cityPaths;
        }

        public void setCityPaths(List<String> cityPaths) {
            this.cityPaths = cityPaths;
        }
    }
}
