package io.unitrouter.core;

/** Which kind of cell a route decision targets. */
public enum Scope {
    /** The RZone cell that owns the routing key's shard. */
    UNIT,
    /** The active GZone cell. */
    GLOBAL,
    /** The CZone cell of a city (or the active GZone when the city has none). */
    CITY
}
