package io.unitrouter.core.failover;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt at one phase, as journaled: written when it begins and again when it ends.
 *
 * <p>Immutable and thread-safe.
 *
 * @param phase the phase
 * @param begun when it began
 * @param ended when it ended, or {@code null} while it runs (or when the coordinator died during it)
 * @param outcome how it ended
 * @param detail what it did, e.g. {@code epoch 43 published} or the laggards of a barrier
 */
public record StepRecord(FailoverPhase phase, Instant begun, Instant ended, Outcome outcome, String detail) {

    /** How a step ended. */
    public enum Outcome {
        /** Begun, not ended: running, or the coordinator stopped during it. */
        RUNNING,
        /** Done. */
        DONE,
        /** Nothing to do for this plan (for example no shards move, or no fence is configured). */
        SKIPPED,
        /** Failed; the run stopped. */
        FAILED
    }

    /** Checks the required fields. */
    public StepRecord {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(begun, "begun");
        Objects.requireNonNull(outcome, "outcome");
        detail = detail == null ? "" : detail;
    }

    /** How long it took, if it ended. */
    public Optional<Duration> duration() {
        return ended == null ? Optional.empty() : Optional.of(Duration.between(begun, ended));
    }

    /** Whether it finished its work (done or skipped). */
    public boolean finished() {
        return outcome == Outcome.DONE || outcome == Outcome.SKIPPED;
    }

    StepRecord end(Instant at, Outcome how, String what) {
        return new StepRecord(phase, begun, at, how, what);
    }
}
