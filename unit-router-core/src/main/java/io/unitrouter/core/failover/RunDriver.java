package io.unitrouter.core.failover;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the steps of one run: journals each step before and after it runs, tells the checkpoint and the
 * listeners, and turns a failure into a journaled stop. Holds the run as last journaled.
 *
 * <p>Not thread-safe: one per run and coordinator call.
 */
final class RunDriver {

    private static final System.Logger LOG = System.getLogger(FailoverCoordinator.class.getName());

    /** The work of a step. */
    @FunctionalInterface
    interface Step {
        /**
         * Does the work, idempotently.
         *
         * @return what was done, for the journal
         */
        Result run();
    }

    /**
     * What a step did.
     *
     * @param skipped whether there was nothing to do
     * @param detail what it did, or why there was nothing to do
     */
    record Result(boolean skipped, String detail) {

        static Result done(String detail) {
            return new Result(false, detail);
        }

        static Result skipped(String why) {
            return new Result(true, why);
        }
    }

    private final CoordinatorSettings settings;
    private final FailoverPlan plan;
    private FailoverRun run;

    RunDriver(CoordinatorSettings settings, FailoverRun run, FailoverPlan plan) {
        this.settings = settings;
        this.run = run;
        this.plan = plan;
    }

    FailoverRun run() {
        return run;
    }

    FailoverPlan plan() {
        return plan;
    }

    CoordinatorSettings settings() {
        return settings;
    }

    FenceLedger fences() {
        return FenceLedger.of(run, plan, settings.fence() != null);
    }

    /** Runs a step unless the journal says it has finished. */
    void step(FailoverPhase phase, Step work) {
        if (run.finished(phase)) {
            return;
        }
        Instant begun = settings.clock().instant();
        run = settings.journal().update(run.id(), r -> r.begin(phase, begun));
        settings.checkpoint().reached(run, phase, false);
        Result result;
        try {
            result = work.run();
        } catch (RuntimeException e) {
            FailoverException stop = e instanceof FailoverException f ? f
                    : new FailoverException(phase + " of run " + run.id() + " failed: " + e.getMessage(), null,
                            Map.of("run", run.id(), "phase", phase.name()), e);
            run = settings.journal().update(run.id(), r -> r.end(phase, settings.clock().instant(),
                    StepRecord.Outcome.FAILED, oneLine(stop.getMessage())));
            settings.checkpoint().reached(run, phase, true);
            notify(l -> l.onPhaseEnded(run, phase, Duration.between(begun, settings.clock().instant()),
                    StepRecord.Outcome.FAILED));
            throw withRun(stop);
        }
        StepRecord.Outcome outcome = result.skipped() ? StepRecord.Outcome.SKIPPED : StepRecord.Outcome.DONE;
        String detail = result.detail();
        Instant ended = settings.clock().instant();
        run = settings.journal().update(run.id(), r -> r.end(phase, ended, outcome, detail));
        settings.checkpoint().reached(run, phase, true);
        LOG.log(Level.INFO, () -> "failover " + run.id() + ": " + phase + " " + outcome.name().toLowerCase() + " in "
                + Duration.between(begun, ended).toMillis() + " ms: " + detail);
        notify(l -> l.onPhaseEnded(run, phase, Duration.between(begun, ended), outcome));
    }

    /** Records a change to the run, e.g. a take-over or the start of an abort. */
    void update(java.util.function.UnaryOperator<FailoverRun> change) {
        run = settings.journal().update(run.id(), change);
    }

    /** Ends the run with a status, moving it to the history. */
    FailoverRun end(RunStatus status) {
        run = settings.journal().end(run.id(), r -> r.ended(status, settings.clock().instant()));
        notify(l -> l.onRunEnded(run));
        return run;
    }

    /** Attaches the run as journaled to an exception that lacks it. */
    FailoverException withRun(FailoverException e) {
        if (e.run().isPresent()) {
            return e;
        }
        FailoverException copy = e instanceof BarrierTimeoutException b
                ? new BarrierTimeoutException(b.getMessage(), run, b.laggards())
                : e instanceof UnsafeStepException ? new UnsafeStepException(e.getMessage(), run, e.context())
                : e instanceof FailoverConflictException ? new FailoverConflictException(e.getMessage(), run, e.context())
                : new FailoverException(e.getMessage(), run, e.context(), e.getCause());
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    void notify(Consumer<FailoverListener> event) {
        for (FailoverListener listener : settings.listeners()) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "failover " + run.id() + ": a listener failed", e);
            }
        }
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
