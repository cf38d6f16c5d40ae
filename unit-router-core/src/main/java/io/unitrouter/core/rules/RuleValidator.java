package io.unitrouter.core.rules;

import io.unitrouter.core.Cell;
import io.unitrouter.core.CellKind;
import io.unitrouter.core.City;
import io.unitrouter.core.MalformedKeyException;
import io.unitrouter.core.RoutingKeys;
import io.unitrouter.core.ShardRange;
import io.unitrouter.core.Topology;
import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.shard.ShardFunction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a draft into a {@link RuleDocument}, collecting every problem before failing. Entries that are
 * themselves broken are remembered so that the entries referring to them do not repeat the complaint.
 */
final class RuleValidator {

    static final int MAX_SHARDS = 100_000;
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    static final String ID_RULE = "letters, digits, '.', '_' or '-', starting with a letter or digit, at most 64";

    private final RuleDraft draft;
    private final List<String> errors;
    private int shards;
    private ShardFunction function;

    private RuleValidator(RuleDraft draft) {
        this.draft = draft;
        this.errors = new ArrayList<>(draft.readErrors);
    }

    static RuleDocument validate(RuleDraft draft) {
        return new RuleValidator(draft).run();
    }

    private RuleDocument run() {
        if (draft.unreadable) {
            throw new RuleValidationException(draft.source, errors);
        }
        long epoch = checkEpoch();
        shards = checkShardCount();
        ShardFunctionSpec spec = draft.shardFunction == null ? ShardFunctionSpec.mod() : draft.shardFunction;
        function = checkShardFunction(spec);

        List<City> cities = checkCities();
        Set<String> declaredCellIds = new HashSet<>();
        Map<String, Cell> cells = checkCells(cities, declaredCellIds);
        checkStandbys(cells, declaredCellIds);
        checkCZones(cells);
        String activeGZone = resolveActiveGZone(cells, declaredCellIds);

        List<String> offline = checkOffline(cells, declaredCellIds);
        checkActiveGZoneOnline(activeGZone, offline);

        List<RuleDocument.Assignment> routing = new ArrayList<>();
        String[] owners = checkRouting(cells, declaredCellIds, routing);
        checkOfflineOwnNothing(owners, offline);
        List<ShardRange> frozen = checkFrozen();
        List<RuleDocument.RouteOverride> overrides = checkOverrides(cells, declaredCellIds, offline);
        String[] homes = checkHomes(cells, declaredCellIds, owners);

        if (!errors.isEmpty()) {
            throw new RuleValidationException(draft.source, errors);
        }
        Topology topology = Topology.of(cities, List.copyOf(cells.values()), activeGZone);
        return new RuleDocument(draft.copy(), epoch, shards, spec, function, topology, routing, owners, frozen,
                overrides, homes, offline);
    }

    private long checkEpoch() {
        if (draft.epoch == null) {
            missing("epoch", "epoch is missing");
            return 0;
        }
        if (draft.epoch < 0) {
            errors.add("epoch must be >= 0, was " + draft.epoch);
            return 0;
        }
        return draft.epoch;
    }

    private int checkShardCount() {
        int count = draft.shards == null ? RuleDocument.DEFAULT_SHARDS : draft.shards;
        if (count < 1 || count > MAX_SHARDS) {
            errors.add("shards must be 1.." + MAX_SHARDS + ", was " + count);
            return 0;
        }
        return count;
    }

    private ShardFunction checkShardFunction(ShardFunctionSpec spec) {
        try {
            ShardFunction function = spec.create();
            if (shards > 0) {
                String problem = function.checkShardCount(shards);
                if (problem != null) {
                    errors.add(problem);
                }
            }
            return function;
        } catch (UnitRouterException e) {
            errors.add(e.getMessage());
            return null;
        }
    }

    private List<City> checkCities() {
        List<City> cities = new ArrayList<>();
        Map<String, String> cityOfDataCenter = new HashMap<>();
        Set<String> ids = new HashSet<>();
        if (draft.cities.isEmpty()) {
            errors.add("cities is missing: declare at least one city with its data centers");
        }
        for (int i = 0; i < draft.cities.size(); i++) {
            RuleDraft.CityDraft city = draft.cities.get(i);
            String label = "cities[" + i + "]";
            if (!checkId(label, city.id())) {
                continue;
            }
            label += " " + city.id();
            if (!ids.add(city.id())) {
                errors.add("cities[" + i + "]: duplicate city id '" + city.id() + "'");
                continue;
            }
            if (city.dataCenters().isEmpty()) {
                errors.add(label + ": has no data centers");
            }
            List<String> dataCenters = new ArrayList<>();
            for (String dc : city.dataCenters()) {
                if (!checkId(label + " data center", dc)) {
                    continue;
                }
                String previous = cityOfDataCenter.putIfAbsent(dc, city.id());
                if (previous != null) {
                    errors.add(label + ": data center '" + dc + "' is already in city " + previous);
                } else {
                    dataCenters.add(dc);
                }
            }
            cities.add(new City(city.id(), dataCenters, List.of()));
        }
        return checkFailoverOrder(cities);
    }

    /**
     * Checks each city's {@code failover-to} list against the cities that were declared correctly, and
     * returns the cities with their order. A name that belongs to a city already reported as broken is not
     * reported again.
     */
    private List<City> checkFailoverOrder(List<City> cities) {
        Set<String> valid = cities.stream().map(City::id).collect(Collectors.toSet());
        Set<String> declared = draft.cities.stream().map(RuleDraft.CityDraft::id).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        Map<String, List<String>> orders = new HashMap<>();
        for (RuleDraft.CityDraft city : draft.cities) {
            if (city.id() == null || !valid.contains(city.id()) || orders.containsKey(city.id())) {
                continue;
            }
            String label = "city " + city.id() + ": failover-to";
            List<String> order = new ArrayList<>();
            for (String target : city.failoverTo()) {
                if (target.equals(city.id())) {
                    errors.add(label + " names the city itself; list the other cities that take its shards");
                } else if (!valid.contains(target)) {
                    if (!declared.contains(target)) {
                        errors.add(label + " '" + target + "' is not a defined city; known cities: "
                                + cities.stream().map(City::id).toList());
                    }
                } else if (order.contains(target)) {
                    errors.add(label + " lists " + target + " more than once");
                } else {
                    order.add(target);
                }
            }
            orders.put(city.id(), order);
        }
        List<City> result = new ArrayList<>();
        for (City city : cities) {
            result.add(new City(city.id(), city.dataCenters(), orders.getOrDefault(city.id(), List.of())));
        }
        return result;
    }

    private List<String> checkOffline(Map<String, Cell> cells, Set<String> declaredIds) {
        List<String> offline = new ArrayList<>();
        for (int i = 0; i < draft.offline.size(); i++) {
            String id = draft.offline.get(i);
            String label = "offline[" + i + "]";
            if (!cells.containsKey(id)) {
                if (!declaredIds.contains(id)) {
                    errors.add(label + ": cell '" + id + "' is not defined");
                }
            } else if (offline.contains(id)) {
                errors.add(label + ": cell " + id + " is listed more than once");
            } else {
                offline.add(id);
            }
        }
        return offline;
    }

    private void checkActiveGZoneOnline(String activeGZone, List<String> offline) {
        if (activeGZone != null && offline.contains(activeGZone)) {
            errors.add("active GZone " + activeGZone + " is offline; make a GZone that is online active"
                    + " (set active-gzone, usually to its standby)");
        }
    }

    private void checkOfflineOwnNothing(String[] owners, List<String> offline) {
        if (offline.isEmpty()) {
            return;
        }
        Set<String> down = Set.copyOf(offline);
        Map<String, List<Integer>> owned = new LinkedHashMap<>();
        for (int s = 0; s < owners.length; s++) {
            if (owners[s] != null && down.contains(owners[s])) {
                owned.computeIfAbsent(owners[s], c -> new ArrayList<>()).add(s);
            }
        }
        owned.forEach((cell, list) -> {
            for (ShardRange range : ShardRange.compress(list.stream().mapToInt(Integer::intValue).toArray())) {
                errors.add((range.size() == 1 ? "shard " + range + " is" : "shards " + range + " are")
                        + " owned by " + cell + ", which is offline; move them to a cell that is online");
            }
        });
    }

    /**
     * Checks the {@code homes} entries and returns the home of every shard away from home (others
     * {@code null}). A home equal to the owner is dropped: the shard is at home.
     */
    private String[] checkHomes(Map<String, Cell> cells, Set<String> declaredIds, String[] owners) {
        String[] homes = new String[owners.length];
        Map<String, List<Integer>> conflicts = new LinkedHashMap<>();
        for (int i = 0; i < draft.homes.size(); i++) {
            RuleDraft.RouteDraft home = draft.homes.get(i);
            String label = "homes[" + i + "]";
            boolean cellOk = checkShardOwner(label, home.cell(), cells, declaredIds);
            List<ShardRange> ranges = checkRanges(label, home.shards(), true);
            if (ranges == null || !cellOk) {
                continue;
            }
            for (ShardRange range : ranges) {
                for (int s = range.from(); s <= range.to(); s++) {
                    if (homes[s] == null || homes[s].equals(home.cell())) {
                        homes[s] = home.cell();
                    } else {
                        conflicts.computeIfAbsent(homes[s] + " and " + home.cell(), p -> new ArrayList<>()).add(s);
                    }
                }
            }
        }
        conflicts.forEach((pair, list) -> {
            for (ShardRange range : ShardRange.compress(list.stream().mapToInt(Integer::intValue).sorted()
                    .distinct().toArray())) {
                errors.add((range.size() == 1 ? "shard " + range + " has" : "shards " + range + " have")
                        + " two homes: " + pair);
            }
        });
        for (int s = 0; s < homes.length; s++) {
            if (homes[s] != null && homes[s].equals(owners[s])) {
                homes[s] = null;
            }
        }
        return homes;
    }

    private Map<String, Cell> checkCells(List<City> cities, Set<String> declaredIds) {
        Map<String, String> cityOfDataCenter = new HashMap<>();
        for (City city : cities) {
            city.dataCenters().forEach(dc -> cityOfDataCenter.put(dc, city.id()));
        }
        Map<String, Cell> cells = new LinkedHashMap<>();
        if (draft.cells.isEmpty()) {
            errors.add("cells is missing: declare at least one RZONE cell");
        }
        for (int i = 0; i < draft.cells.size(); i++) {
            RuleDraft.CellDraft cell = draft.cells.get(i);
            String label = "cells[" + i + "]";
            String entry = label;
            if (!checkId(label, cell.id())) {
                continue;
            }
            if (!declaredIds.add(cell.id())) {
                errors.add(label + ": duplicate cell id '" + cell.id() + "'");
                continue;
            }
            label += " " + cell.id();
            boolean ok = true;
            CellKind kind = null;
            if (cell.kind() == null) {
                missing(entry + ".kind", label + ": kind is missing (RZONE, GZONE or CZONE)");
                ok = false;
            } else {
                try {
                    kind = CellKind.valueOf(cell.kind().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    errors.add(label + ": kind '" + cell.kind() + "' is not RZONE, GZONE or CZONE");
                    ok = false;
                }
            }
            String city = null;
            if (cell.dataCenter() == null) {
                missing(entry + ".data-center", label + ": data-center is missing");
                ok = false;
            } else {
                city = cityOfDataCenter.get(cell.dataCenter());
                if (city == null) {
                    errors.add(label + ": data center '" + cell.dataCenter() + "' is not in any city");
                    ok = false;
                }
            }
            int capacity = Cell.UNLIMITED;
            if (cell.capacity() != null) {
                if (cell.capacity() < 0) {
                    errors.add(label + ": capacity must be >= 0, was " + cell.capacity());
                    ok = false;
                } else {
                    capacity = cell.capacity();
                }
            }
            if (cell.standby() != null && kind != null && kind != CellKind.GZONE) {
                errors.add(label + ": standby is only for GZONE cells, but this cell is a " + kind);
                ok = false;
            }
            if (ok) {
                cells.put(cell.id(), new Cell(cell.id(), kind, cell.dataCenter(), city, capacity, cell.standby()));
            }
        }
        return cells;
    }

    private void checkStandbys(Map<String, Cell> cells, Set<String> declaredIds) {
        for (Cell cell : cells.values()) {
            if (cell.standby() == null) {
                continue;
            }
            String label = "cell " + cell.id();
            Cell standby = cells.get(cell.standby());
            if (standby == null) {
                if (!declaredIds.contains(cell.standby())) {
                    errors.add(label + ": standby '" + cell.standby() + "' is not a defined cell");
                }
            } else if (standby.kind() != CellKind.GZONE) {
                errors.add(label + ": standby " + standby.id() + " is a " + standby.kind() + ", not a GZONE");
            } else if (standby.id().equals(cell.id())) {
                errors.add(label + ": a GZone cannot be its own standby");
            } else if (standby.city().equals(cell.city())) {
                errors.add(label + ": standby " + standby.id() + " is in the same city (" + cell.city()
                        + "); a standby must be in another city");
            }
        }
    }

    private void checkCZones(Map<String, Cell> cells) {
        Map<String, List<String>> byCity = new LinkedHashMap<>();
        for (Cell cell : cells.values()) {
            if (cell.kind() == CellKind.CZONE) {
                byCity.computeIfAbsent(cell.city(), c -> new ArrayList<>()).add(cell.id());
            }
        }
        byCity.forEach((city, ids) -> {
            if (ids.size() > 1) {
                errors.add("city " + city + " has more than one CZone: " + String.join(", ", ids));
            }
        });
    }

    private String resolveActiveGZone(Map<String, Cell> cells, Set<String> declaredIds) {
        List<Cell> gZones = cells.values().stream().filter(c -> c.kind() == CellKind.GZONE).toList();
        if (draft.activeGZone != null) {
            Cell active = cells.get(draft.activeGZone);
            if (active == null && declaredIds.contains(draft.activeGZone)) {
                return null;
            }
            if (active == null || active.kind() != CellKind.GZONE) {
                errors.add("active-gzone '" + draft.activeGZone + "' is not a defined GZONE cell");
                return null;
            }
            return active.id();
        }
        if (gZones.isEmpty()) {
            return null;
        }
        Set<String> standbys = gZones.stream().map(Cell::standby).filter(Objects::nonNull).collect(Collectors.toSet());
        List<String> candidates = gZones.stream().map(Cell::id).filter(id -> !standbys.contains(id)).toList();
        if (candidates.size() != 1) {
            errors.add("active-gzone is not set and " + (candidates.isEmpty() ? "every GZone is another's standby"
                    : candidates.size() + " GZones could be active (" + String.join(", ", candidates) + ")")
                    + ": set active-gzone");
            return null;
        }
        return candidates.get(0);
    }

    private String[] checkRouting(Map<String, Cell> cells, Set<String> declaredIds,
            List<RuleDocument.Assignment> routing) {
        String[] owners = new String[Math.max(shards, 0)];
        boolean[] claimed = new boolean[owners.length];
        Map<String, List<Integer>> conflicts = new LinkedHashMap<>();
        if (draft.routing.isEmpty()) {
            errors.add("routing is missing: assign every shard to an RZONE cell");
        }
        for (int i = 0; i < draft.routing.size(); i++) {
            RuleDraft.RouteDraft route = draft.routing.get(i);
            String label = "routing[" + i + "]";
            boolean cellOk = checkShardOwner(label, route.cell(), cells, declaredIds);
            List<ShardRange> ranges = checkRanges(label, route.shards(), true);
            if (ranges == null) {
                continue;
            }
            for (ShardRange range : ranges) {
                for (int s = range.from(); s <= range.to(); s++) {
                    claimed[s] = true;
                    if (!cellOk) {
                        continue;
                    }
                    if (owners[s] == null) {
                        owners[s] = route.cell();
                    } else {
                        String pair = owners[s].equals(route.cell()) ? owners[s] : owners[s] + " and " + route.cell();
                        conflicts.computeIfAbsent(pair, p -> new ArrayList<>()).add(s);
                    }
                }
            }
            if (cellOk) {
                routing.add(new RuleDocument.Assignment(ranges, route.cell()));
            }
        }
        conflicts.forEach((pair, list) -> {
            int[] shardList = list.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
            for (ShardRange range : ShardRange.compress(shardList)) {
                boolean same = !pair.contains(" and ");
                if (same) {
                    errors.add((range.size() == 1 ? "shard " + range + " is" : "shards " + range + " are")
                            + " assigned to " + pair + " more than once");
                } else {
                    errors.add((range.size() == 1 ? "shard " + range + " is" : "shards " + range + " are")
                            + " owned by both " + pair);
                }
            }
        });
        int[] unowned = java.util.stream.IntStream.range(0, owners.length).filter(s -> !claimed[s]).toArray();
        for (ShardRange range : ShardRange.compress(unowned)) {
            errors.add(range.size() == 1 ? "shard " + range + " has no owner" : "shards " + range + " have no owner");
        }
        // One counter per cell, not a boxed sum per shard.
        Map<String, int[]> owned = new HashMap<>();
        for (String owner : owners) {
            if (owner != null) {
                owned.computeIfAbsent(owner, c -> new int[1])[0]++;
            }
        }
        for (Cell cell : cells.values()) {
            int[] counted = owned.get(cell.id());
            int count = counted == null ? 0 : counted[0];
            if (count > cell.capacity()) {
                errors.add("cell " + cell.id() + " owns " + count + " shards, more than its capacity of "
                        + cell.capacity());
            }
        }
        return owners;
    }

    private List<ShardRange> checkFrozen() {
        List<ShardRange> frozen = new ArrayList<>();
        for (int i = 0; i < draft.frozen.size(); i++) {
            List<ShardRange> ranges = checkRanges("frozen[" + i + "]", draft.frozen.get(i), true);
            if (ranges != null) {
                frozen.addAll(ranges);
            }
        }
        return frozen;
    }

    private List<RuleDocument.RouteOverride> checkOverrides(Map<String, Cell> cells, Set<String> declaredIds,
            List<String> offline) {
        List<RuleDocument.RouteOverride> overrides = new ArrayList<>();
        Map<String, Integer> keyOwners = new HashMap<>();
        // Which override claimed each shard, plus one (0: none): one array read per shard, not a boxed map.
        int[] shardClaims = new int[Math.max(shards, 0)];
        for (int i = 0; i < draft.overrides.size(); i++) {
            RuleDraft.OverrideDraft override = draft.overrides.get(i);
            String label = "overrides[" + i + "]";
            boolean ok = checkShardOwner(label, override.cell(), cells, declaredIds);
            if (ok && offline.contains(override.cell())) {
                errors.add(label + ": cell " + override.cell() + " is offline; an override must send requests to a"
                        + " cell that is online");
                ok = false;
            }
            List<String> keys = override.keys() == null ? List.of() : override.keys();
            List<ShardRange> ranges = List.of();
            if (keys.isEmpty() && override.shards() == null) {
                errors.add(label + ": needs keys or shards");
                ok = false;
            }
            for (String key : keys) {
                try {
                    RoutingKeys.check(key);
                } catch (MalformedKeyException e) {
                    errors.add(label + ": " + e.getMessage());
                    ok = false;
                    continue;
                }
                if (function != null && shards > 0) {
                    try {
                        int shard = function.shardOf(key, shards);
                        if (shard < 0 || shard >= shards) {
                            errors.add(label + ": shard function " + function + " puts key " + RoutingKeys.quote(key)
                                    + " in shard " + shard + ", outside 0.." + (shards - 1));
                            ok = false;
                            continue;
                        }
                    } catch (MalformedKeyException e) {
                        errors.add(label + ": " + e.getMessage());
                        ok = false;
                        continue;
                    }
                }
                Integer previous = keyOwners.putIfAbsent(key, i);
                if (previous != null) {
                    errors.add(label + ": key " + RoutingKeys.quote(key) + " is already overridden by overrides["
                            + previous + "]");
                    ok = false;
                }
            }
            if (override.shards() != null) {
                ranges = checkRanges(label, override.shards(), true);
                if (ranges == null) {
                    ok = false;
                    ranges = List.of();
                }
                for (ShardRange range : ranges) {
                    for (int s = range.from(); s <= range.to(); s++) {
                        if (shardClaims[s] != 0) {
                            errors.add(label + ": shard " + s + " is already overridden by overrides["
                                    + (shardClaims[s] - 1) + "]");
                            ok = false;
                            break;
                        }
                        shardClaims[s] = i + 1;
                    }
                }
            }
            if (ok) {
                overrides.add(new RuleDocument.RouteOverride(keys, ranges, override.cell()));
            }
        }
        return overrides;
    }

    /** Checks that a routing or override entry names an RZONE cell; stays quiet about cells already reported. */
    private boolean checkShardOwner(String label, String cellId, Map<String, Cell> cells, Set<String> declaredIds) {
        if (cellId == null) {
            missing(label + ".cell", label + ": cell is missing");
            return false;
        }
        Cell cell = cells.get(cellId);
        if (cell == null) {
            if (!declaredIds.contains(cellId)) {
                errors.add(label + ": cell '" + cellId + "' is not defined");
            }
            return false;
        }
        if (cell.kind() != CellKind.RZONE) {
            errors.add(label + ": cell " + cellId + " is a " + cell.kind() + "; only RZONE cells own shards");
            return false;
        }
        return true;
    }

    private List<ShardRange> checkRanges(String label, String text, boolean required) {
        if (text == null) {
            if (required) {
                missing(label + ".shards", label + ": shards is missing");
            }
            return null;
        }
        List<ShardRange> ranges;
        try {
            ranges = ShardRange.parseList(text);
        } catch (UnitRouterException e) {
            errors.add(label + ": " + e.getMessage());
            return null;
        }
        if (shards <= 0) {
            return null;
        }
        for (ShardRange range : ranges) {
            if (range.to() >= shards) {
                errors.add(label + ": shards " + range + " are outside 0.." + (shards - 1));
                return null;
            }
        }
        return ranges;
    }

    /**
     * Reports a missing field, unless the reader already reported it with the wrong type: "epoch: expected a
     * whole number" says enough without "epoch is missing" after it.
     */
    private void missing(String field, String message) {
        String prefix = field + ":";
        if (draft.readErrors.stream().noneMatch(e -> e.startsWith(prefix))) {
            errors.add(message);
        }
    }

    private boolean checkId(String label, String id) {
        if (id == null) {
            missing(label + ".id", label + ": id is missing");
            return false;
        }
        if (!ID.matcher(id).matches()) {
            errors.add(label + ": id '" + id + "' is not valid (" + ID_RULE + ")");
            return false;
        }
        return true;
    }
}
