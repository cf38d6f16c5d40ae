package io.unitrouter.core.failover;

import io.unitrouter.core.Cell;
import io.unitrouter.core.City;
import io.unitrouter.core.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cells an event's target names: one cell, every cell of a data center, or every cell of a city.
 *
 * @param description e.g. {@code data center hz1}, for messages
 * @param city the city all the cells are in
 * @param cells the cells, in declaration order; possibly empty for a data center without cells
 */
record EventScope(String description, String city, List<Cell> cells) {

    enum Level { CELL, DATA_CENTER, CITY, ANY }

    /**
     * Resolves an event's target in a topology.
     *
     * @throws PlanRefusedException if the id is not defined at the level the event needs, or is ambiguous
     */
    static EventScope resolve(FailoverEvent event, Topology topology, Level level) {
        String id = event.target();
        List<EventScope> matches = new ArrayList<>();
        if (level == Level.CELL || level == Level.ANY) {
            topology.cell(id).ifPresent(c -> matches.add(new EventScope("cell " + id, c.city(), List.of(c))));
        }
        if (level == Level.DATA_CENTER || level == Level.ANY) {
            for (City city : topology.cities()) {
                if (city.dataCenters().contains(id)) {
                    matches.add(new EventScope("data center " + id, city.id(), topology.cellsInDataCenter(id)));
                }
            }
        }
        if (level == Level.CITY || level == Level.ANY) {
            topology.city(id).ifPresent(city -> matches.add(new EventScope("city " + id, id,
                    topology.cells().stream().filter(c -> c.city().equals(id)).toList())));
        }
        if (matches.size() > 1) {
            throw new PlanRefusedException(event + ": '" + id + "' names more than one of "
                    + matches.stream().map(EventScope::description).toList() + "; use cell-down, dc-down or city-down",
                    Map.of("event", event.toString()));
        }
        if (matches.isEmpty()) {
            throw new PlanRefusedException(event + ": " + unknown(id, topology, level), Map.of("event", event.toString()));
        }
        return matches.get(0);
    }

    private static String unknown(String id, Topology topology, Level level) {
        List<String> cells = topology.cells().stream().map(Cell::id).toList();
        List<String> dataCenters = topology.cities().stream().flatMap(c -> c.dataCenters().stream()).toList();
        List<String> cities = topology.cities().stream().map(City::id).toList();
        return switch (level) {
            case CELL -> "cell '" + id + "' is not defined; known cells: " + cells;
            case DATA_CENTER -> "data center '" + id + "' is not defined; known data centers: " + dataCenters;
            case CITY -> "city '" + id + "' is not defined; known cities: " + cities;
            case ANY -> "'" + id + "' is not a cell, data center or city; known cells: " + cells + ", data centers: "
                    + dataCenters + ", cities: " + cities;
        };
    }
}
