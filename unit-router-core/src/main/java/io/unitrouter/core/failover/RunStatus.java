package io.unitrouter.core.failover;

/** Where a failover run stands. */
public enum RunStatus {
    /** Carrying its plan out, or stopped part-way (a timeout, a crash): resume or abort it. */
    RUNNING,
    /** Being rolled back, or stopped part-way through the roll-back: abort (or resume) it again. */
    ABORTING,
    /** Switched and verified. */
    COMPLETED,
    /** Rolled back: the previous owners are in force again. */
    ABORTED;

    /** Whether the run still holds the journal, so that no other run can start. */
    public boolean active() {
        return this == RUNNING || this == ABORTING;
    }
}
