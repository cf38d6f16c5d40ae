package io.unitrouter.core.failover;

import io.unitrouter.core.Cell;
import java.util.Objects;

/**
 * How many shards an RZone cell owns before and after a plan, against its capacity.
 *
 * <p>Immutable and thread-safe.
 *
 * @param cell the RZone cell
 * @param before shards owned before the plan
 * @param after shards owned after it
 * @param capacity the most shards it may own; {@link Cell#UNLIMITED} when the document sets no limit
 * @param offline whether the cell is offline after the plan
 */
public record CellLoad(String cell, int before, int after, int capacity, boolean offline) {

    /** Checks the cell is present and the counts are not negative. */
    public CellLoad {
        Objects.requireNonNull(cell, "cell");
        if (before < 0 || after < 0) {
            throw new IllegalArgumentException("shard counts are not negative: " + before + ", " + after);
        }
    }

    /** Whether the plan gives this cell shards. */
    public boolean receives() {
        return after > before;
    }

    /** Capacity left after the plan; {@link Cell#UNLIMITED} for a cell without a limit. */
    public int freeAfter() {
        return capacity == Cell.UNLIMITED ? Cell.UNLIMITED : capacity - after;
    }

    /** The capacity as text: the number, or {@code unlimited}. */
    public String capacityText() {
        return capacity == Cell.UNLIMITED ? "unlimited" : Integer.toString(capacity);
    }
}
