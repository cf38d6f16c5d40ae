package io.unitrouter.core;

import java.util.List;
import java.util.Objects;

/**
 * A city (region), the largest failure domain, and the data centers (IDCs) inside it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the city id, e.g. {@code hz}
 * @param dataCenters ids of the data centers in this city, in declaration order; never empty in a
 *     valid rule document
 * @param failoverTo the other cities that take this city's shards when it fails, in order of preference;
 *     empty when the document declares no order (the failover planner then spreads over every other city
 *     by free capacity)
 */
public record City(String id, List<String> dataCenters, List<String> failoverTo) {

    /** Copies the lists so the record stays immutable. */
    public City {
        Objects.requireNonNull(id, "id");
        dataCenters = List.copyOf(dataCenters);
        failoverTo = List.copyOf(failoverTo);
    }

    /**
     * A city without a declared failover order.
     *
     * @param id the city id
     * @param dataCenters its data centers
     */
    public City(String id, List<String> dataCenters) {
        this(id, dataCenters, List.of());
    }
}
