package io.unitrouter.core;

/**
 * Where a request goes, and what the target must know about it.
 *
 * <p>Immutable and thread-safe. Decisions do not carry the routing key, so a router can compute them once
 * per epoch and hand out the same instance for every key of a shard.
 *
 * @param scope which kind of cell is targeted
 * @param access read or write
 * @param shard the shard for {@link Scope#UNIT} decisions; {@code -1} otherwise
 * @param target the cell that must serve the request
 * @param local whether {@code target} is the router's own local cell (always {@code false} without one)
 * @param frozen whether the shard is frozen; a frozen write must be held or refused, never served
 * @param overridden whether an override, not the shard's owner, chose {@code target}
 * @param epoch the epoch of the rules the decision was made with
 */
public record RouteDecision(Scope scope, Access access, int shard, Cell target, boolean local, boolean frozen,
        boolean overridden, long epoch) {

    /** Whether this is a write that must not proceed now because its shard is frozen. */
    public boolean writeBlocked() {
        return frozen && access == Access.WRITE;
    }

    /** The target cell's id. */
    public String cell() {
        return target.id();
    }
}
