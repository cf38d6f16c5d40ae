package io.unitrouter.sharding;

import java.util.Objects;

/**
 * One row of {@code unit_fence}: the cell allowed to write a shard group, and the epoch from which it may.
 *
 * <p>Immutable and thread-safe.
 *
 * @param group the shard group ({@code shard_group}, stored as its decimal text)
 * @param ownerCell the only cell whose writes the database accepts ({@code owner_cell})
 * @param epoch the lowest rules epoch a writer must have applied ({@code epoch})
 */
public record FenceRow(int group, String ownerCell, long epoch) {

    /** Checks the owner is present. */
    public FenceRow {
        Objects.requireNonNull(ownerCell, "ownerCell");
    }
}
