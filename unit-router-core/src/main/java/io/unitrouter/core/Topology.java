package io.unitrouter.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cities, their data centers and the cells in them, as declared by a rule document.
 *
 * <p>Immutable and thread-safe. Obtain one from {@link io.unitrouter.core.routing.RoutingTable#topology()} or
 * {@link io.unitrouter.core.rules.RuleDocument#topology()}.
 */
public final class Topology {

    private final List<City> cities;
    private final List<Cell> cells;
    private final Map<String, Cell> cellsById;
    private final Map<String, City> citiesById;
    private final Map<String, Cell> cZoneByCity;
    private final Cell activeGZone;

    private Topology(List<City> cities, List<Cell> cells, Cell activeGZone) {
        this.cities = List.copyOf(cities);
        this.cells = List.copyOf(cells);
        Map<String, Cell> byId = new LinkedHashMap<>();
        Map<String, Cell> cZones = new LinkedHashMap<>();
        for (Cell cell : cells) {
            byId.put(cell.id(), cell);
            if (cell.kind() == CellKind.CZONE) {
                cZones.putIfAbsent(cell.city(), cell);
            }
        }
        Map<String, City> cityMap = new LinkedHashMap<>();
        for (City city : cities) {
            cityMap.put(city.id(), city);
        }
        this.cellsById = Collections.unmodifiableMap(byId);
        this.citiesById = Collections.unmodifiableMap(cityMap);
        this.cZoneByCity = Collections.unmodifiableMap(cZones);
        this.activeGZone = activeGZone;
    }

    /**
     * Builds a topology from already validated parts. Rule documents call this after validation;
     * it only re-checks what would otherwise corrupt lookups.
     *
     * @param cities the cities
     * @param cells the cells; every cell's city must be one of {@code cities}
     * @param activeGZoneId the id of the active GZone, or {@code null} when there is no GZone
     * @return the topology
     * @throws UnitRouterException if a cell names an unknown city, a cell id repeats, or the active GZone is
     *     not a GZONE cell
     */
    public static Topology of(List<City> cities, List<Cell> cells, String activeGZoneId) {
        Map<String, Cell> seen = new LinkedHashMap<>();
        List<String> cityIds = new ArrayList<>();
        cities.forEach(c -> cityIds.add(c.id()));
        for (Cell cell : cells) {
            if (seen.putIfAbsent(cell.id(), cell) != null) {
                throw new UnitRouterException("cell id " + cell.id() + " is declared twice");
            }
            if (!cityIds.contains(cell.city())) {
                throw new UnitRouterException("cell " + cell.id() + " is in unknown city " + cell.city());
            }
        }
        Cell active = null;
        if (activeGZoneId != null) {
            active = seen.get(activeGZoneId);
            if (active == null || active.kind() != CellKind.GZONE) {
                throw new UnitRouterException("active GZone " + activeGZoneId + " is not a GZONE cell");
            }
        }
        return new Topology(cities, cells, active);
    }

    /** All cities, in declaration order. */
    public List<City> cities() {
        return cities;
    }

    /** All cells, in declaration order. */
    public List<Cell> cells() {
        return cells;
    }

    /** The cells of one kind, in declaration order. */
    public List<Cell> cells(CellKind kind) {
        return cells.stream().filter(c -> c.kind() == kind).toList();
    }

    /** The cell with this id, if declared. */
    public Optional<Cell> cell(String id) {
        return Optional.ofNullable(cellsById.get(id));
    }

    /**
     * The cell with this id.
     *
     * @throws UnitRouterException naming the id when no such cell is declared
     */
    public Cell requireCell(String id) {
        Cell cell = cellsById.get(id);
        if (cell == null) {
            throw new UnitRouterException("cell " + id + " is not defined; known cells: " + cellsById.keySet(),
                    Map.of("cell", String.valueOf(id)), null);
        }
        return cell;
    }

    /** The city with this id, if declared. */
    public Optional<City> city(String id) {
        return Optional.ofNullable(citiesById.get(id));
    }

    /** The CZone of a city, if it has one. */
    public Optional<Cell> cZoneOf(String cityId) {
        return Optional.ofNullable(cZoneByCity.get(cityId));
    }

    /** The GZone that currently takes global writes; empty when the topology has no GZone. */
    public Optional<Cell> activeGZone() {
        return Optional.ofNullable(activeGZone);
    }

    /** The RZone cells in a city, in declaration order. */
    public List<Cell> rZonesIn(String cityId) {
        return cells.stream().filter(c -> c.isRZone() && c.city().equals(cityId)).toList();
    }

    /** The cells in a data center, in declaration order. */
    public List<Cell> cellsInDataCenter(String dataCenterId) {
        return cells.stream().filter(c -> c.dataCenter().equals(dataCenterId)).toList();
    }
}
