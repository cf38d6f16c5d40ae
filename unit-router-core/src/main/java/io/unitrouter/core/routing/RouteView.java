package io.unitrouter.core.routing;

import io.unitrouter.core.Access;
import io.unitrouter.core.Cell;
import io.unitrouter.core.City;
import io.unitrouter.core.RouteDecision;
import io.unitrouter.core.Scope;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.HashMap;
import java.util.Map;

/**
 * Every decision a router can hand out for one table and one local cell, so that a lookup is an array read.
 * The decisions of shards are made on first use and kept, one instance per shard and access: a new epoch then
 * costs no allocation per shard (at 100,000 shards, 200,000 decisions that most epochs would never hand out,
 * made on every instance at the moment a publish arrives). The others are made when the table comes into
 * force.
 */
final class RouteView {

    private static final int ACCESS_KINDS = Access.values().length;
    /** Installs a shard's decision once, whichever thread makes it first; later lookups are plain reads. */
    private static final VarHandle UNIT = MethodHandles.arrayElementVarHandle(RouteDecision[].class);

    final RoutingTable table;
    final Cell local;
    private final RouteDecision[] unit;
    private final KeyTable<RouteDecision[]> keyOverrides;
    private final RouteDecision[] global;
    private final Map<String, RouteDecision[]> city;

    RouteView(RoutingTable table, Cell local) {
        this.table = table;
        this.local = local;
        int shards = table.shards();
        this.unit = new RouteDecision[shards * ACCESS_KINDS];
        Map<String, RouteDecision[]> overrides = new HashMap<>();
        for (var override : table.document().overrides()) {
            for (String key : override.keys()) {
                int shard = table.shardOf(key);
                Cell target = table.keyOverride(key);
                overrides.put(key, both(Scope.UNIT, shard, target, table.isFrozen(shard), true));
            }
        }
        this.keyOverrides = KeyTable.of(overrides);
        Cell gZone = table.activeGZone().orElse(null);
        this.global = gZone == null ? null : both(Scope.GLOBAL, -1, gZone, false, false);
        Map<String, RouteDecision[]> cities = new HashMap<>();
        for (City c : table.topology().cities()) {
            Cell reader = table.cityReadTarget(c.id()).orElse(null);
            RouteDecision[] decisions = new RouteDecision[ACCESS_KINDS];
            decisions[Access.READ.ordinal()] = reader == null ? null
                    : decision(Scope.CITY, Access.READ, -1, reader, false, false);
            decisions[Access.WRITE.ordinal()] = global == null ? null
                    : decision(Scope.CITY, Access.WRITE, -1, gZone, false, false);
            cities.put(c.id(), decisions);
        }
        this.city = Map.copyOf(cities);
    }

    private RouteDecision[] both(Scope scope, int shard, Cell target, boolean frozen, boolean overridden) {
        RouteDecision[] decisions = new RouteDecision[ACCESS_KINDS];
        for (Access access : Access.values()) {
            decisions[access.ordinal()] = decision(scope, access, shard, target, frozen, overridden);
        }
        return decisions;
    }

    private RouteDecision decision(Scope scope, Access access, int shard, Cell target, boolean frozen,
            boolean overridden) {
        return new RouteDecision(scope, access, shard, target, local != null && local.id().equals(target.id()),
                frozen, overridden, table.epoch());
    }

    private static int index(int shard, Access access) {
        return shard * ACCESS_KINDS + access.ordinal();
    }

    /**
     * The decision for a shard, made on its first use. A decision holds only final fields, so a thread that
     * reads one another thread made sees it whole even without a barrier; the compare-and-exchange makes every
     * thread hand out the same instance.
     */
    RouteDecision unit(int shard, Access access) {
        int index = index(shard, access);
        RouteDecision decision = unit[index];
        if (decision != null) {
            return decision;
        }
        Cell target = table.targetOfShard(shard);
        RouteDecision made = decision(Scope.UNIT, access, shard, target, table.isFrozen(shard),
                !target.equals(table.ownerOf(shard)));
        RouteDecision first = (RouteDecision) UNIT.compareAndExchange(unit, index, null, made);
        return first != null ? first : made;
    }

    /** The decision for an explicitly overridden key, or {@code null}. */
    RouteDecision keyOverride(String key, Access access) {
        if (keyOverrides.isEmpty()) {
            return null;
        }
        RouteDecision[] decisions = keyOverrides.get(key);
        return decisions == null ? null : decisions[access.ordinal()];
    }

    /** The active GZone decision, or {@code null} without a GZone. */
    RouteDecision global(Access access) {
        return global == null ? null : global[access.ordinal()];
    }

    /** The city decisions, or {@code null} for an unknown city. */
    RouteDecision[] city(String cityId) {
        return city.get(cityId);
    }
}
