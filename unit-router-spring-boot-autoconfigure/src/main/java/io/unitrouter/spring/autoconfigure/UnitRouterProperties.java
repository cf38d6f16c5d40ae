package io.unitrouter.spring.autoconfigure;

import io.unitrouter.core.context.RoutingHeaderCodec;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.spring.loadbalancer.ReadFallback;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of unit-router, under the prefix {@code unit-router}.
 *
 * <p>Bound once at start-up; not thread-safe to mutate afterwards.
 */
@ConfigurationProperties("unit-router")
public class UnitRouterProperties {

    /** Whether unit-router is active at all. */
    private boolean enabled = true;

    /**
     * The cell this instance runs in, e.g. rz01. Must be declared in the rules. Leave it empty on a gateway
     * or a tool: inbound protection is then off.
     */
    private String localCell;

    /** The id this instance reports its applied epoch under. Default: cell@host#pid. */
    private String instanceId;

    /**
     * How often this instance reports its applied epoch again, so that a failover coordinator can tell it is
     * alive (keep the coordinator's liveness TTL, default 5s, at three or more heartbeats). 0 turns it off.
     */
    private Duration heartbeat = UnitRouter.DEFAULT_HEARTBEAT;

    private final Rules rules = new Rules();

    private final Key key = new Key();

    private final Protection protection = new Protection();

    private final Security security = new Security();

    private final LoadBalancer loadbalancer = new LoadBalancer();

    private final CircuitBreaker circuitbreaker = new CircuitBreaker();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getLocalCell() {
        return localCell;
    }

    public void setLocalCell(String localCell) {
        this.localCell = localCell;
    }

    public String getInstanceId() {
        return instanceId;
    }

    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }

    public Duration getHeartbeat() {
        return heartbeat;
    }

    public void setHeartbeat(Duration heartbeat) {
        this.heartbeat = heartbeat;
    }

    public Rules getRules() {
        return rules;
    }

    public Key getKey() {
        return key;
    }

    public Protection getProtection() {
        return protection;
    }

    public Security getSecurity() {
        return security;
    }

    public LoadBalancer getLoadbalancer() {
        return loadbalancer;
    }

    public CircuitBreaker getCircuitbreaker() {
        return circuitbreaker;
    }

    /** Where the rule document comes from. */
    public static class Rules {

        /**
         * The rule document: "classpath:path" (read once, never changes), "file:path" (watched; the embedded
         * default for live changes), or "nacos:data-id" (see unit-router.rules.nacos.*).
         */
        private String location = "classpath:unit-router/rules.yaml";

        /** How often the file store checks the file when no file-system event arrives. */
        private Duration pollInterval = Duration.ofSeconds(1);

        private final Nacos nacos = new Nacos();

        public String getLocation() {
            return location;
        }

        public void setLocation(String location) {
            this.location = location;
        }

        public Duration getPollInterval() {
            return pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        public Nacos getNacos() {
            return nacos;
        }
    }

    /** The Nacos rule store, used when the location is "nacos:data-id". */
    public static class Nacos {

        /** Nacos server addresses, e.g. 10.0.0.1:8848,10.0.0.2:8848. */
        private String serverAddr = "127.0.0.1:8848";

        /** Nacos namespace id; empty for the public namespace. */
        private String namespace = "";

        /** Nacos group of the rule document. */
        private String group = "UNIT_ROUTER";

        /** User name, when the server requires authentication. */
        private String username;

        /** Password, when the server requires authentication. */
        private String password;

        /** How long to wait for the server when reading or publishing. */
        private Duration timeout = Duration.ofSeconds(3);

        /**
         * Directory for the local last-good copy, used when the server is unreachable at start. Default:
         * unit-router-nacos under the system temporary directory.
         */
        private String snapshotDir;

        public String getServerAddr() {
            return serverAddr;
        }

        public void setServerAddr(String serverAddr) {
            this.serverAddr = serverAddr;
        }

        public String getNamespace() {
            return namespace;
        }

        public void setNamespace(String namespace) {
            this.namespace = namespace;
        }

        public String getGroup() {
            return group;
        }

        public void setGroup(String group) {
            this.group = group;
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public String getSnapshotDir() {
            return snapshotDir;
        }

        public void setSnapshotDir(String snapshotDir) {
            this.snapshotDir = snapshotDir;
        }
    }

    /** Where a request's routing key comes from when no routing headers carry it. */
    public static class Key {

        /**
         * Sources tried in order: header:NAME, cookie:NAME, query:NAME, path-segment:INDEX (0-based),
         * path-variable:NAME, jwt:CLAIM. A KeyExtractor bean, if declared, is tried first.
         */
        private List<String> sources = new ArrayList<>(List.of("header:X-User-Id"));

        public List<String> getSources() {
            return sources;
        }

        public void setSources(List<String> sources) {
            this.sources = sources;
        }
    }

    /** What a cell does with requests it must not serve. */
    public static class Protection {

        /**
         * REJECT answers 421 Misdirected Request with the owner in X-Unit-Cell; FORWARD forwards the request
         * once to the owner cell; OBSERVE serves it anyway, but logs and counts it (for migrations only).
         */
        private ProtectionMode mode = ProtectionMode.REJECT;

        /**
         * How endpoints without a scope annotation are treated: KEYED guards them like @UnitScoped when the
         * request carries a routing key and serves them anywhere otherwise; NORMAL serves them anywhere.
         */
        private DefaultScope defaultScope = DefaultScope.KEYED;

        /** The most times a request may be forwarded between cells before it is refused. */
        private int maxHops = 1;

        /** The Retry-After sent with 503 answers to writes on frozen shards. */
        private Duration retryAfter = Duration.ofSeconds(1);

        public ProtectionMode getMode() {
            return mode;
        }

        public void setMode(ProtectionMode mode) {
            this.mode = mode;
        }

        public DefaultScope getDefaultScope() {
            return defaultScope;
        }

        public void setDefaultScope(DefaultScope defaultScope) {
            this.defaultScope = defaultScope;
        }

        public int getMaxHops() {
            return maxHops;
        }

        public void setMaxHops(int maxHops) {
            this.maxHops = maxHops;
        }

        public Duration getRetryAfter() {
            return retryAfter;
        }

        public void setRetryAfter(Duration retryAfter) {
            this.retryAfter = retryAfter;
        }
    }

    /** How endpoints without a scope annotation are treated. */
    public enum DefaultScope {
        /** Guarded like unit-scoped endpoints when the request carries a key; served anywhere otherwise. */
        KEYED,
        /** Served by any cell. */
        NORMAL
    }

    /** Signing of the routing headers. */
    public static class Security {

        /**
         * Shared HMAC-SHA256 secret, at least 32 bytes. With it, outgoing routing headers are signed and
         * incoming ones must carry a valid signature. Without it, headers are neither signed nor checked.
         */
        private String secret;

        /** Older secrets still accepted on incoming requests while a new secret rolls out. */
        private List<String> previousSecrets = new ArrayList<>();

        /**
         * How far a signed routing context's time of issue may be from this server's clock, 1s to 1h. A context
         * outside it is refused (403): a replay, or clocks out of step. Default 60s.
         */
        private Duration maxSkew = RoutingHeaderCodec.DEFAULT_MAX_SKEW;

        /**
         * Whether the six routing headers of release 0.1 ({@code X-Unit-Key} ... {@code X-Unit-Signature}) are
         * still accepted, for a rolling upgrade. Their signature binds neither the request nor a time: set this
         * to false once every gateway and cell writes {@code X-Unit-Context}. Default true.
         */
        private boolean acceptLegacyHeaders = true;

        public Duration getMaxSkew() {
            return maxSkew;
        }

        public void setMaxSkew(Duration maxSkew) {
            this.maxSkew = maxSkew;
        }

        public boolean isAcceptLegacyHeaders() {
            return acceptLegacyHeaders;
        }

        public void setAcceptLegacyHeaders(boolean acceptLegacyHeaders) {
            this.acceptLegacyHeaders = acceptLegacyHeaders;
        }

        public String getSecret() {
            return secret;
        }

        public void setSecret(String secret) {
            this.secret = secret;
        }

        public List<String> getPreviousSecrets() {
            return previousSecrets;
        }

        public void setPreviousSecrets(List<String> previousSecrets) {
            this.previousSecrets = previousSecrets;
        }
    }

    /** The cell-aware Spring Cloud LoadBalancer. */
    public static class LoadBalancer {

        /** Whether calls are narrowed to the instances of their target cell. */
        private boolean enabled = true;

        /**
         * Where a read goes when its target cell has no instance: NONE fails like a write, SAME_CITY uses
         * instances of other cells in the target's city, ANY uses every instance. Writes never fall back.
         */
        private ReadFallback readFallback = ReadFallback.NONE;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public ReadFallback getReadFallback() {
            return readFallback;
        }

        public void setReadFallback(ReadFallback readFallback) {
            this.readFallback = readFallback;
        }
    }

    /** Circuit breakers per target cell. */
    public static class CircuitBreaker {

        /** Whether outbound calls go through one Resilience4j circuit breaker per target cell. */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
