package io.unitrouter.core.failover;

import io.unitrouter.core.ShardRange;
import java.util.Objects;

/**
 * One line of a plan: a range of shards changes owner.
 *
 * <p>Immutable and thread-safe.
 *
 * @param shards the consecutive shards that move
 * @param from the owner before the plan
 * @param to the owner after the plan
 */
public record ShardMove(ShardRange shards, String from, String to) {

    /** Checks the fields are present and the cells differ. */
    public ShardMove {
        Objects.requireNonNull(shards, "shards");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.equals(to)) {
            throw new IllegalArgumentException("a move needs two different cells, was " + from + " twice");
        }
    }

    /** {@code shards 40-59: rz03 -> rz01}. */
    @Override
    public String toString() {
        return "shards " + shards + ": " + from + " -> " + to;
    }
}
