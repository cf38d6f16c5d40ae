package io.unitrouter.core.failover;

/**
 * The steps of a failover run, in the order they run. The first six carry a plan out; the last two roll it
 * back when a run is aborted before its switch.
 */
public enum FailoverPhase {
    /** Publish the freeze epoch: the moving shards become write-forbidden everywhere. */
    FREEZE,
    /** Wait until every live instance has applied the freeze epoch (or the timeout passes). */
    BARRIER,
    /** Bump the database fences of the moving shards to their new owners at the switch epoch. */
    FENCE,
    /** Wait until the new owners' copies have caught up, through the replication probe. */
    CATCH_UP,
    /** Publish the switch epoch: the new owners, unfrozen, and the rest of the target document. */
    SWITCH,
    /** The barrier again, on the switch epoch, then the report. */
    VERIFY,
    /** Abort only: move the fences back to the previous owners at the restore epoch. */
    UNFENCE,
    /** Abort only: publish the previous owners again, unfrozen, at the restore epoch. */
    RESTORE;

    /** The phases that carry a plan out, in order. */
    static final FailoverPhase[] FORWARD = {FREEZE, BARRIER, FENCE, CATCH_UP, SWITCH, VERIFY};

    /** The phases of an abort, in order. */
    static final FailoverPhase[] BACKWARD = {UNFENCE, RESTORE};
}
