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
 */
public record City(String id, List<String> dataCenters) {

    /** Copies the data-center list so the record stays immutable. */
    public City {
        Objects.requireNonNull(id, "id");
        dataCenters = List.copyOf(dataCenters);
    }
}
