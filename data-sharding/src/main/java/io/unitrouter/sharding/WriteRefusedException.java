package io.unitrouter.sharding;

import io.unitrouter.core.RoutingKeys;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An INSERT, UPDATE or DELETE was refused before it reached the database because a shard it writes is
 * owned by another cell, or is frozen, at the epoch in force.
 *
 * <p>Example message: {@code write to shard 37 (key '2088123456737') refused in cell rz01: owner is rz02 at
 * epoch 43}.
 *
 * <p>Immutable and thread-safe.
 */
public final class WriteRefusedException extends ShardAccessRefusedException {

    private static final long serialVersionUID = 1L;

    /** Why the write was refused. */
    public enum Reason {
        /** Another cell owns the shard. */
        NOT_OWNER,
        /** The shard is frozen while its ownership moves. */
        FROZEN
    }

    private final Reason reason;
    private final String key;
    private final int shard;
    private final String owner;

    private WriteRefusedException(String message, Map<String, ?> context, Reason reason, String key, int shard,
            String owner, String localCell, long epoch) {
        super(message, context, reason == Reason.FROZEN ? SQLSTATE_FROZEN : SQLSTATE_NOT_OWNER, localCell, epoch);
        this.reason = reason;
        this.key = key;
        this.shard = shard;
        this.owner = owner;
    }

    /**
     * A refusal of a write that names its key.
     *
     * @param key the routing key (the shard-key column's value)
     * @param shard its shard
     * @param owner the cell that owns the shard
     * @param frozen whether the shard is frozen (else it is owned by another cell)
     * @param localCell this cell
     * @param epoch the epoch in force
     * @return e.g. {@code write to shard 37 (key '2088123456737') refused in cell rz01: owner is rz02 at epoch 43}
     */
    public static WriteRefusedException forKey(String key, int shard, String owner, boolean frozen, String localCell,
            long epoch) {
        String why = frozen ? "shard " + shard + " is frozen at epoch " + epoch + " (owner " + owner + ")"
                : "owner is " + owner + " at epoch " + epoch;
        return create("shard " + shard + " (key " + RoutingKeys.quote(key) + ")", why, key, shard, owner, frozen,
                localCell, epoch);
    }

    /**
     * A refusal of a write that may touch several shards: a range, no condition on the shard key, or a
     * whole shard group.
     *
     * @param what what was written, e.g. {@code t_account rows with no condition on user_id (every shard)}
     * @param shard the first shard touched that is not writable here
     * @param owner the cell that owns it
     * @param frozen whether it is frozen (else it is owned by another cell)
     * @param localCell this cell
     * @param epoch the epoch in force
     * @return e.g. {@code write to t_account keys [1..500] refused in cell rz01: shard 20 is owned by rz02 at
     *     epoch 43}
     */
    public static WriteRefusedException forShards(String what, int shard, String owner, boolean frozen,
            String localCell, long epoch) {
        String why = frozen ? "shard " + shard + " is frozen at epoch " + epoch + " (owner " + owner + ")"
                : "shard " + shard + " is owned by " + owner + " at epoch " + epoch;
        return create(what, why, null, shard, owner, frozen, localCell, epoch);
    }

    private static WriteRefusedException create(String what, String why, String key, int shard, String owner,
            boolean frozen, String localCell, long epoch) {
        Reason reason = frozen ? Reason.FROZEN : Reason.NOT_OWNER;
        Map<String, Object> context = new LinkedHashMap<>();
        if (key != null) {
            context.put("key", RoutingKeys.quote(key));
        }
        context.put("shard", shard);
        context.put("owner", owner);
        context.put("cell", localCell);
        context.put("epoch", epoch);
        context.put("reason", reason.name());
        return new WriteRefusedException("write to " + what + " refused in cell " + localCell + ": " + why, context,
                reason, key, shard, owner, localCell, epoch);
    }

    /** Why it was refused. */
    public Reason reason() {
        return reason;
    }

    /** The routing key of the refused row, or {@code null} for a range, unkeyed or group-level refusal. */
    public String key() {
        return key;
    }

    /** The shard that may not be written here. */
    public int shard() {
        return shard;
    }

    /** The cell that owns that shard at {@link #epoch()}. */
    public String owner() {
        return owner;
    }
}
