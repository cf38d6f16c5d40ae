package io.unitrouter.core.failover;

import java.time.Duration;

/**
 * Hears how failover runs progress, for metrics, logs and consoles. Called on the coordinator's thread, after
 * the journal has recorded what is reported; an exception thrown here is logged and ignored. Every method
 * does nothing by default.
 *
 * <p>This is API rather than SPI because it receives the coordinator's own types ({@link FailoverRun},
 * {@link FailoverPhase}); implementations must be thread-safe and quick.
 */
public interface FailoverListener {

    /**
     * A run started (its plan's first step is next).
     *
     * @param run the run
     */
    default void onRunStarted(FailoverRun run) {
    }

    /**
     * A phase ended.
     *
     * @param run the run, with the phase's record
     * @param phase the phase
     * @param took how long this attempt took
     * @param outcome {@link StepRecord.Outcome#DONE}, {@link StepRecord.Outcome#SKIPPED} or
     *     {@link StepRecord.Outcome#FAILED}
     */
    default void onPhaseEnded(FailoverRun run, FailoverPhase phase, Duration took, StepRecord.Outcome outcome) {
    }

    /**
     * A barrier ended: every live instance had applied the epoch, or the timeout passed.
     *
     * @param run the run
     * @param phase {@link FailoverPhase#BARRIER} or {@link FailoverPhase#VERIFY}
     * @param waited how long it waited
     * @param instances how many live instances it waited for
     * @param reached whether they all applied the epoch in time
     */
    default void onBarrier(FailoverRun run, FailoverPhase phase, Duration waited, int instances, boolean reached) {
    }

    /**
     * A run stopped before its end (a timeout, a failure, a conflict) and stays in the journal.
     *
     * @param run the run as journaled
     * @param problem why
     */
    default void onRunStopped(FailoverRun run, FailoverException problem) {
    }

    /**
     * A run ended: {@link RunStatus#COMPLETED} or {@link RunStatus#ABORTED}.
     *
     * @param run the run, with its end time
     */
    default void onRunEnded(FailoverRun run) {
    }
}
