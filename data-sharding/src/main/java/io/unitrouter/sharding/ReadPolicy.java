package io.unitrouter.sharding;

/**
 * What happens to a read of a shard this cell does not own. Reads of frozen shards are always allowed:
 * freezing forbids writes only.
 */
public enum ReadPolicy {
    /** Serve it (the default): reads of another cell's shards see this cell's copy, which may lag. */
    ALLOW,
    /**
     * Refuse it with a {@link ReadRefusedException} before it reaches the database. A range or unkeyed read
     * is refused unless this cell owns every shard it may touch.
     */
    REJECT
}
