package io.unitrouter.sharding;

import io.unitrouter.core.RoutingKeys;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A SELECT was refused under {@link ReadPolicy#REJECT} because a shard it reads is owned by another cell.
 *
 * <p>Immutable and thread-safe.
 */
public final class ReadRefusedException extends ShardAccessRefusedException {

    private static final long serialVersionUID = 1L;

    private final String key;
    private final int shard;
    private final String owner;

    private ReadRefusedException(String message, Map<String, ?> context, String key, int shard, String owner,
            String localCell, long epoch) {
        super(message, context, SQLSTATE_READ, localCell, epoch);
        this.key = key;
        this.shard = shard;
        this.owner = owner;
    }

    /**
     * A refusal of a read that names its key.
     *
     * @param key the routing key
     * @param shard its shard
     * @param owner the cell that owns it
     * @param localCell this cell
     * @param epoch the epoch in force
     * @return e.g. {@code read of shard 37 (key '2088123456737') refused in cell rz01: owner is rz02 at epoch 43
     *     (read policy REJECT)}
     */
    public static ReadRefusedException forKey(String key, int shard, String owner, String localCell, long epoch) {
        return create("shard " + shard + " (key " + RoutingKeys.quote(key) + ")",
                "owner is " + owner + " at epoch " + epoch, key, shard, owner, localCell, epoch);
    }

    /**
     * A refusal of a read that may touch several shards (a range, or no condition on the shard key).
     *
     * @param what what was read
     * @param shard the first shard touched that this cell does not own
     * @param owner its owner
     * @param localCell this cell
     * @param epoch the epoch in force
     * @return the exception
     */
    public static ReadRefusedException forShards(String what, int shard, String owner, String localCell,
            long epoch) {
        return create(what, "shard " + shard + " is owned by " + owner + " at epoch " + epoch, null, shard, owner,
                localCell, epoch);
    }

    private static ReadRefusedException create(String what, String why, String key, int shard, String owner,
            String localCell, long epoch) {
        Map<String, Object> context = new LinkedHashMap<>();
        if (key != null) {
            context.put("key", RoutingKeys.quote(key));
        }
        context.put("shard", shard);
        context.put("owner", owner);
        context.put("cell", localCell);
        context.put("epoch", epoch);
        return new ReadRefusedException("read of " + what + " refused in cell " + localCell + ": " + why
                + " (read policy REJECT)", context, key, shard, owner, localCell, epoch);
    }

    /** The routing key of the refused read, or {@code null} for a range or unkeyed read. */
    public String key() {
        return key;
    }

    /** A shard the read would touch that this cell does not own. */
    public int shard() {
        return shard;
    }

    /** The cell that owns it. */
    public String owner() {
        return owner;
    }
}
