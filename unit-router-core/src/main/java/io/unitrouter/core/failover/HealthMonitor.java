package io.unitrouter.core.failover;

import io.unitrouter.core.failover.spi.HealthProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Failure detection: probes every online cell at an interval and, when cells fail several probes in a row,
 * proposes a failover: {@code cell-down} for one failed cell, else the largest scope that failed whole (a city,
 * else a data center, else a cell).
 * Proposals wait for an operator's {@link #confirm}; with {@link Builder#autoExecuteCellLoss(boolean)},
 * {@code cell-down} proposals run at once (a data center or a city is never failed over without a person).
 *
 * <p>Defaults: a probe round every second, three failed rounds in a row (so a cell is proposed about three
 * seconds after it stops answering; one lost probe never triggers anything), no automatic execution.
 *
 * <p>Thread-safe. Rounds run on a daemon thread after {@link #start()}; {@link #probeOnce()} runs one on the
 * caller's thread.
 */
public interface HealthMonitor extends AutoCloseable {

    /** The default interval between probe rounds: 1 second. */
    Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    /** The default number of failed rounds in a row before a cell counts as down: 3. */
    int DEFAULT_FAILURES = 3;

    /**
     * A builder.
     *
     * @param coordinator plans and executes the proposals
     * @param probe asks whether a cell answers
     * @return a builder with the defaults
     */
    static Builder builder(FailoverCoordinator coordinator, HealthProbe probe) {
        return new Builder(coordinator, probe);
    }

    /** Starts the probe rounds on a daemon thread. Idempotent. */
    void start();

    /**
     * Runs one probe round now, on this thread: probes every online cell, counts failures, and proposes (or,
     * for a cell with automatic execution, executes) a failover when cells reach the threshold.
     *
     * @return the proposal made in this round, if any
     */
    Optional<Proposal> probeOnce();

    /** The proposals waiting for an operator, oldest first. */
    List<Proposal> proposals();

    /**
     * Executes a waiting proposal's plan.
     *
     * @param proposalId the proposal
     * @return the completed run
     * @throws FailoverException if there is no such proposal, it has no plan, or the run stops (for example,
     *     the rules changed since: the next round proposes again)
     */
    FailoverRun confirm(String proposalId);

    /** Drops a waiting proposal; the cells are proposed again if they are still down in a later round. */
    void dismiss(String proposalId);

    /** Stops the probe rounds. Idempotent. */
    @Override
    void close();

    /**
     * A failover the monitor proposes.
     *
     * @param id unique within the monitor, e.g. {@code p3}
     * @param event the event, e.g. {@code city-down:sh}
     * @param failedCells the cells that failed {@code failures} rounds in a row
     * @param detectedAt when the last of them reached the threshold
     * @param plan the plan, when one exists
     * @param refusal why there is no plan, when there is none
     */
    record Proposal(String id, FailoverEvent event, List<String> failedCells, Instant detectedAt, FailoverPlan plan,
            String refusal) {

        /** Copies the list and checks the required fields. */
        public Proposal {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(event, "event");
            failedCells = List.copyOf(failedCells);
            Objects.requireNonNull(detectedAt, "detectedAt");
        }

        /** The plan, if one exists. */
        public Optional<FailoverPlan> planned() {
            return Optional.ofNullable(plan);
        }
    }

    /** Hears what the monitor detects and does; called on the monitor's thread. Every method does nothing by default. */
    interface Listener {

        /**
         * Cells reached the threshold and a failover is proposed (or about to run automatically).
         *
         * @param proposal the proposal
         */
        default void onProposal(Proposal proposal) {
        }

        /**
         * A proposal was executed, automatically or on confirmation.
         *
         * @param proposal the proposal
         * @param run the completed run
         */
        default void onExecuted(Proposal proposal, FailoverRun run) {
        }

        /**
         * An automatic execution or a probe round failed.
         *
         * @param proposal the proposal, or {@code null} for a round that failed as a whole
         * @param failure what went wrong
         */
        default void onFailure(Proposal proposal, RuntimeException failure) {
        }
    }

    /**
     * Options of a {@link HealthMonitor}.
     *
     * <p>Not thread-safe.
     */
    final class Builder {

        final FailoverCoordinator coordinator;
        final HealthProbe probe;
        Duration interval = DEFAULT_INTERVAL;
        int failures = DEFAULT_FAILURES;
        boolean autoExecuteCellLoss;
        Listener listener = new Listener() {
        };

        private Builder(FailoverCoordinator coordinator, HealthProbe probe) {
            this.coordinator = Objects.requireNonNull(coordinator, "coordinator");
            this.probe = Objects.requireNonNull(probe, "probe");
        }

        /**
         * The time between probe rounds; a probe that has not answered within it counts as failed.
         *
         * @param interval 10 ms to 1 minute; default 1 s
         */
        public Builder interval(Duration interval) {
            if (interval == null || interval.toMillis() < 10 || interval.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("interval must be 10ms..1m, was " + interval);
            }
            this.interval = interval;
            return this;
        }

        /**
         * How many rounds in a row a cell must fail to count as down.
         *
         * @param failures 1 to 100; default 3
         */
        public Builder failures(int failures) {
            if (failures < 1 || failures > 100) {
                throw new IllegalArgumentException("failures must be 1..100, was " + failures);
            }
            this.failures = failures;
            return this;
        }

        /**
         * Whether a {@code cell-down} proposal runs without confirmation ({@code auto: true}). Data center and
         * city losses always wait for an operator. Default {@code false}.
         */
        public Builder autoExecuteCellLoss(boolean auto) {
            this.autoExecuteCellLoss = auto;
            return this;
        }

        /** Hears proposals, executions and failures. */
        public Builder listener(Listener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Builds the monitor; call {@link HealthMonitor#start()} to start probing. */
        public HealthMonitor build() {
            return new DefaultHealthMonitor(this);
        }
    }
}
