package io.unitrouter.sharding;

import io.unitrouter.core.ShardRange;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A write was refused by the fence row of its shard group, read in the write's own transaction (by the
 * guarded connection, or in {@link FenceMode#TRIGGER} by the table's fence trigger): the fence names another
 * owner, an epoch newer than this cell's rules, or there is no fence row. The in-memory
 * rules of this cell may still claim the shard; the fence is what the failover coordinator moved.
 *
 * <p>Example message: {@code write to shard group 3 (shards 30-39) in database ds_0 refused by the fence:
 * fence owner is rz02 at epoch 44; this cell is rz01 at epoch 43}.
 *
 * <p>Immutable and thread-safe.
 */
public final class FenceRefusedException extends ShardAccessRefusedException {

    private static final long serialVersionUID = 1L;

    private final int group;
    private final String database;
    private final String fenceOwner;
    private final long fenceEpoch;

    private FenceRefusedException(String message, Map<String, ?> context, int group, String database,
            String fenceOwner, long fenceEpoch, String localCell, long epoch) {
        super(message, context, SQLSTATE_FENCE, localCell, epoch);
        this.group = group;
        this.database = database;
        this.fenceOwner = fenceOwner;
        this.fenceEpoch = fenceEpoch;
    }

    /**
     * A refusal.
     *
     * @param group the shard group
     * @param shards the shards of the group
     * @param database the data source name
     * @param fence the fence row, or {@code null} when there is none
     * @param localCell this cell
     * @param localEpoch the epoch of this cell's rules
     * @return the exception
     */
    public static FenceRefusedException of(int group, ShardRange shards, String database, FenceRow fence,
            String localCell, long localEpoch) {
        return of(group, shards, database, fence, localCell, localEpoch, null);
    }

    /**
     * A refusal by a fence trigger ({@link FenceMode#TRIGGER}), which judged the claim its session held.
     *
     * @param group the shard group
     * @param shards the shards of the group
     * @param database the data source name
     * @param fence the fence row the trigger read, or {@code null} when there is none
     * @param localCell this cell
     * @param localEpoch the epoch of this cell's rules
     * @param sessionClaim the claim the trigger saw ({@link FenceTriggers#claim}), or {@code null} when the
     *     session held none; named in the message only when the fence would have admitted this cell
     * @return the exception
     */
    public static FenceRefusedException of(int group, ShardRange shards, String database, FenceRow fence,
            String localCell, long localEpoch, String sessionClaim) {
        String target = "write to shard group " + group + " (shards " + shards + ") in database " + database
                + " refused by the fence: ";
        String why;
        if (fence == null) {
            why = "unit_fence has no row for shard group " + group
                    + "; create the fence rows with Fences.initialize(..) before writing";
        } else if (fence.admits(localCell, localEpoch)) {
            why = "fence owner is " + fence.ownerCell() + " at epoch " + fence.epoch() + ", which admits this cell at"
                    + " epoch " + localEpoch + ", but the database saw the session claim "
                    + (sessionClaim == null ? "(none)" : "'" + sessionClaim + "'")
                    + " (a reset session loses it); the next write sends it again";
        } else if (!fence.ownerCell().equals(localCell)) {
            why = "fence owner is " + fence.ownerCell() + " at epoch " + fence.epoch() + "; this cell is " + localCell
                    + " at epoch " + localEpoch;
        } else {
            why = "fence owner is " + fence.ownerCell() + " at epoch " + fence.epoch() + ", newer than this cell's epoch "
                    + localEpoch + "; writes wait until this cell has applied it";
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("group", group);
        context.put("shards", shards.toString());
        context.put("database", database);
        context.put("fenceOwner", fence == null ? "none" : fence.ownerCell());
        context.put("fenceEpoch", fence == null ? -1L : fence.epoch());
        context.put("cell", localCell);
        context.put("epoch", localEpoch);
        return new FenceRefusedException(target + why, context, group, database,
                fence == null ? null : fence.ownerCell(), fence == null ? -1 : fence.epoch(), localCell, localEpoch);
    }

    /** The shard group whose fence refused the write. */
    public int group() {
        return group;
    }

    /** The name of the data source (physical database) holding the fence row. */
    public String database() {
        return database;
    }

    /** The owner the fence names, or {@code null} when the group has no fence row. */
    public String fenceOwner() {
        return fenceOwner;
    }

    /** The epoch the fence names, or {@code -1} when the group has no fence row. */
    public long fenceEpoch() {
        return fenceEpoch;
    }
}
