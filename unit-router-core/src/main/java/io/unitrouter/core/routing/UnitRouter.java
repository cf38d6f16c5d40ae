package io.unitrouter.core.routing;

import io.unitrouter.core.Access;
import io.unitrouter.core.Cell;
import io.unitrouter.core.City;
import io.unitrouter.core.MalformedKeyException;
import io.unitrouter.core.RouteDecision;
import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleRejection;
import io.unitrouter.core.rules.RuleValidationException;
import io.unitrouter.core.spi.RuleStore;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The entry point: route decisions against the rules in force, kept up to date from a {@link RuleStore}.
 *
 * <pre>{@code
 * UnitRouter router = UnitRouter.builder()
 *         .ruleStore(FileRuleStore.open(Path.of("rules.yaml")))
 *         .localCell("rz01")
 *         .build();
 * RouteDecision d = router.route("2088123456789", Access.WRITE);
 * if (!d.local()) { ... send it to d.target() ... }
 * }</pre>
 *
 * <p>Thread-safe. Route lookups read one volatile field and index arrays of decisions; they do not lock, and
 * allocate only the first decision of a shard in each epoch (and the {@code hash} shard function encodes the
 * key). Putting an epoch in force therefore costs no work per shard beyond compiling its table. New rules swap
 * in atomically: every decision is made entirely against one epoch.
 */
public interface UnitRouter extends AutoCloseable {

    /** How often a router on a rule store reports its applied epoch again, unless configured: 1 second. */
    Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(1);

    /** A builder; see {@link Builder} for the options. */
    static Builder builder() {
        return new Builder();
    }

    /** The rules in force. */
    RoutingTable table();

    /** The cell this instance runs in; empty for a gateway or a tool. */
    Optional<Cell> localCell();

    /**
     * The decision for a routing key: its shard's owner, or an override.
     *
     * @param key the routing key
     * @param access read or write
     * @return the decision; the same instance for every key of a shard without overrides
     * @throws MalformedKeyException if the key is missing or malformed; it is never routed
     */
    RouteDecision route(String key, Access access);

    /**
     * The decision for a numeric key, such as a user-id column value.
     *
     * @throws MalformedKeyException if the key does not fit the shard function
     */
    RouteDecision route(long key, Access access);

    /**
     * The decision for a shard (shard overrides apply, key overrides cannot).
     *
     * @throws UnitRouterException if the shard is outside {@code 0..shards-1}
     */
    RouteDecision routeShard(int shard, Access access);

    /**
     * The decision for global data: the active GZone.
     *
     * @throws UnitRouterException if the topology has no GZone
     */
    RouteDecision routeGlobal(Access access);

    /**
     * The decision for a city-scoped read: the city's CZone, or the active GZone when the city has none.
     * City-scoped writes go to the active GZone, which holds the only writable copy of global data.
     *
     * @param cityId the city, e.g. the caller's
     * @throws UnitRouterException if the city is unknown, or it has no CZone and there is no GZone
     */
    RouteDecision routeCity(String cityId, Access access);

    /**
     * Puts a document in force, as if the rule store had delivered it.
     *
     * <p>A router on a rule store then reports the new epoch to it, after the rules are in force and without
     * holding the lock that orders applies: a store that is slow to take the report holds up neither the next
     * apply nor routing. If another report is being written at that moment (by a heartbeat or a concurrent
     * apply), this call returns at once and that writer writes the newest epoch when it is done.
     *
     * @param document the new rules
     * @return {@code true} if it is now in force; {@code false} if the same content at the same epoch already was
     * @throws RuleValidationException if its epoch is not newer than the one in force, or it does not declare
     *     the local cell; the rules in force stay
     */
    boolean apply(RuleDocument document);

    /** The last document this router refused, if any, with the reasons. */
    Optional<RuleRejection> lastRejection();

    /**
     * Registers a listener for rule changes and rejections, called after the change is in force.
     *
     * @param listener the listener; must be thread-safe and quick
     */
    void addListener(Listener listener);

    /** Stops listening to the rule store and stops the heartbeat. Does not close the store. Idempotent. */
    @Override
    void close();

    /** Hears about rule changes seen by a router. */
    interface Listener {
        /**
         * New rules are in force.
         *
         * @param previous the table before, or {@code null} at start
         * @param current the table now
         */
        void onApplied(RoutingTable previous, RoutingTable current);

        /**
         * A document was refused; the rules in force did not change. Default: nothing.
         *
         * @param rejection what and why
         */
        default void onRejected(RuleRejection rejection) {
        }
    }

    /**
     * Options of a {@link UnitRouter}. Give either {@link #rules} or {@link #ruleStore}.
     *
     * <p>Not thread-safe.
     */
    final class Builder {

        private RuleDocument rules;
        private RuleStore ruleStore;
        private String localCell;
        private String instanceId;
        private Duration heartbeat = DEFAULT_HEARTBEAT;

        private Builder() {
        }

        /** Fixed rules; changes only through {@link UnitRouter#apply}. */
        public Builder rules(RuleDocument rules) {
            this.rules = Objects.requireNonNull(rules, "rules");
            return this;
        }

        /** A store to load rules from and follow. The router reports each applied epoch to it. */
        public Builder ruleStore(RuleStore ruleStore) {
            this.ruleStore = Objects.requireNonNull(ruleStore, "ruleStore");
            return this;
        }

        /** The id of the cell this instance runs in. Default: none (a gateway, or a tool). */
        public Builder localCell(String localCell) {
            this.localCell = localCell;
            return this;
        }

        /**
         * This instance's id in applied-epoch reports. Default: the local cell, host name and process id,
         * e.g. {@code rz01@host3#4711}.
         */
        public Builder instanceId(String instanceId) {
            this.instanceId = instanceId;
            return this;
        }

        /**
         * How often the router reports its applied epoch to the rule store again while it runs, so that a
         * coordinator can tell a live instance from one that stopped. The reports run on a daemon thread that
         * {@link UnitRouter#close()} stops. Keep the liveness time-to-live of the coordinator (default 5 s) at
         * three or more heartbeats.
         *
         * @param heartbeat 100 ms to 1 hour, or {@link Duration#ZERO} for no heartbeat (reports only when an
         *     epoch is applied); default 1 s. Ignored without a rule store.
         * @throws IllegalArgumentException outside that range
         */
        public Builder heartbeat(Duration heartbeat) {
            if (!heartbeat.isZero() && (heartbeat.compareTo(Duration.ofMillis(100)) < 0
                    || heartbeat.compareTo(Duration.ofHours(1)) > 0)) {
                throw new IllegalArgumentException("heartbeat must be 100ms..1h or zero, was " + heartbeat);
            }
            this.heartbeat = heartbeat;
            return this;
        }

        /**
         * Loads the rules and starts following the store.
         *
         * @return the router
         * @throws UnitRouterException if neither or both of rules and store are given, the store has no valid
         *     rules, or the local cell is not declared in them
         */
        public UnitRouter build() {
            if ((rules == null) == (ruleStore == null)) {
                throw new UnitRouterException("give the router either rules or a rule store, not "
                        + (rules == null ? "neither" : "both"));
            }
            return new DefaultUnitRouter(rules, ruleStore, localCell, instanceId, heartbeat);
        }
    }
}
