package io.unitrouter.core.failover;

/**
 * Called after every journal write of a step: when it has begun and when it has ended. Throwing from here
 * stops the coordinator on the spot, exactly as if its process had died at that point: nothing more is
 * written, and the journal shows where it was, for {@link FailoverCoordinator#resume()} or
 * {@link FailoverCoordinator#abort()}. Use it to pause for checks between steps, or to inject faults in tests.
 *
 * <p>Called on the coordinator's thread.
 */
@FunctionalInterface
public interface Checkpoint {

    /**
     * @param run the run as just journaled
     * @param phase the step
     * @param ended {@code false} when the step has just begun, {@code true} when it has just ended
     */
    void reached(FailoverRun run, FailoverPhase phase, boolean ended);
}
