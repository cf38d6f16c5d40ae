package io.unitrouter.core;

/** Whether a request only reads, or may also write. A write to a frozen shard is not allowed. */
public enum Access {
    /** The request only reads; it may be served while its shard is frozen. */
    READ,
    /** The request may write; it needs the owner cell and an unfrozen shard. */
    WRITE
}
