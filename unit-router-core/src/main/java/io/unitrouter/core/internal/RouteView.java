package io.unitrouter.core.internal;

import io.unitrouter.core.Access;
import io.unitrouter.core.Cell;
import io.unitrouter.core.City;
import io.unitrouter.core.RouteDecision;
import io.unitrouter.core.RoutingTable;
import io.unitrouter.core.Scope;
import java.util.HashMap;
import java.util.Map;

/**
 * Every decision a router can hand out for one table and one local cell, computed once when the table
 * comes into force, so that a lookup is an array read.
 */
final class RouteView {

    private static final int ACCESS_KINDS = Access.values().length;

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
        Access[] accesses = Access.values();
        for (int s = 0; s < shards; s++) {
            Cell target = table.targetOfShard(s);
            boolean overridden = !target.equals(table.ownerOf(s));
            boolean frozen = table.isFrozen(s);
            for (Access access : accesses) {
                unit[index(s, access)] = decision(Scope.UNIT, access, s, target, frozen, overridden);
            }
        }
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

    RouteDecision unit(int shard, Access access) {
        return unit[index(shard, access)];
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
