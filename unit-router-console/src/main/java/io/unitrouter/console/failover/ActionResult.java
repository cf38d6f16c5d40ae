package io.unitrouter.console.failover;

/**
 * What an operator action did by the time the console answered: a failover keeps running in the background, and
 * the journal shows its progress.
 *
 * <p>Immutable and thread-safe.
 *
 * @param action {@code execute}, {@code resume} or {@code abort}
 * @param runId the run acted on, or empty when none had started
 * @param state {@code running} (still in progress), {@code completed}, {@code aborted} or {@code stopped}
 * @param message a sentence for the operator
 */
public record ActionResult(String action, String runId, String state, String message) {
}
