package io.unitrouter.core;

import java.util.Objects;

/**
 * A deployable copy of the application stack in one data center.
 *
 * <p>Immutable and thread-safe. Instances come from a validated {@link io.unitrouter.core.rules.RuleDocument};
 * two cells are equal when all their fields are.
 *
 * @param id the cell id, unique across the topology, e.g. {@code rz01}
 * @param kind what the cell holds
 * @param dataCenter the id of the data center it runs in
 * @param city the id of the city of that data center
 * @param capacity the most shards this cell may own; {@link #UNLIMITED} when not set. Only meaningful for
 *     {@link CellKind#RZONE} cells.
 * @param standby for a {@link CellKind#GZONE}, the id of the GZone that takes over when this one is lost;
 *     {@code null} when there is none
 */
public record Cell(String id, CellKind kind, String dataCenter, String city, int capacity, String standby) {

    /** The capacity of a cell that declares none. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    /** Checks that the required fields are present. */
    public Cell {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(dataCenter, "dataCenter");
        Objects.requireNonNull(city, "city");
        if (capacity < 0) {
            throw new UnitRouterException("cell " + id + ": capacity must not be negative, was " + capacity);
        }
    }

    /** Whether this cell owns user shards. */
    public boolean isRZone() {
        return kind == CellKind.RZONE;
    }

    @Override
    public String toString() {
        return id;
    }
}
