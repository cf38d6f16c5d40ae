package io.unitrouter.gateway;

/**
 * What a unit-scoped route does with a request that carries no routing key. A key that is present but
 * malformed is always refused with {@code 400}: it has no owner, so no cell is the right one.
 */
public enum MissingKeyPolicy {
    /** Answer {@code 400 Bad Request} with a problem detail naming the expected key sources. */
    REJECT,
    /** Forward to the configured default cell, without a routing key. */
    DEFAULT_CELL
}
