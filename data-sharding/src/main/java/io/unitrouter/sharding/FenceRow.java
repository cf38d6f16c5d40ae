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

    /**
     * The fence's rule, the one place it is written in Java: this row admits a write of {@code cell} with
     * rules at {@code epoch} when it names that cell (exactly, case and spaces included) and that epoch is no
     * older than the row's. The fence triggers' SQL ({@link FenceTriggers#ddl}) mirrors it.
     *
     * @param cell the writing cell, or {@code null}
     * @param epoch the epoch of the writer's rules
     * @return whether the write may go on
     */
    public boolean admits(String cell, long epoch) {
        return ownerCell.equals(cell) && epoch >= this.epoch;
    }
}
