package io.unitrouter.console.failover;

import io.unitrouter.core.failover.FailoverCoordinator;
import io.unitrouter.core.failover.FailoverEvent;
import io.unitrouter.core.failover.FailoverException;
import io.unitrouter.core.failover.FailoverListener;
import io.unitrouter.core.failover.FailoverPlan;
import io.unitrouter.core.failover.FailoverRun;
import io.unitrouter.core.failover.RunStatus;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Carries out operator actions on failovers: execute a confirmed plan, resume, abort. The coordinator's calls
 * block until a run ends, which can take minutes, so they run on a background thread; the console answers as soon
 * as the run has started (execute) or after a short wait (resume, abort), and the page follows the journal.
 *
 * <p>Every action is audited with the operator's name, once when it is asked for and once when it ends. The
 * operator's name also goes into the coordinator, and so into the journal's record of the run.
 *
 * <p>Thread-safe.
 */
public final class FailoverActions implements AutoCloseable {

    /** How long execute waits for the run to start before answering. */
    private static final Duration START_WAIT = Duration.ofSeconds(20);

    /** How long resume and abort wait for their run to end before answering that it is still going. */
    private static final Duration END_WAIT = Duration.ofSeconds(2);

    private final FailoverSetup setup;
    private final AuditLog audit;
    private final ExecutorService executor;
    private final AtomicReference<String> inFlight = new AtomicReference<>();

    /**
     * @param setup builds the coordinators
     * @param audit the audit trail
     */
    public FailoverActions(FailoverSetup setup, AuditLog audit) {
        this.setup = Objects.requireNonNull(setup, "setup");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "console-failover");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * What this console is carrying out now, e.g. {@code execute drain:hz1 for alice}.
     *
     * @return the action, or empty
     */
    public Optional<String> inFlight() {
        return Optional.ofNullable(inFlight.get());
    }

    /**
     * Plans the event again and executes it if it is still the plan the operator confirmed.
     *
     * @param operator the logged-in operator
     * @param event the event
     * @param confirmedChecksum the checksum of the plan the operator previewed and confirmed
     * @return the run, started
     * @throws PlanChangedException if the plan is no longer the one confirmed; nothing is executed
     * @throws FailoverDisabledException if the console may not execute failovers
     * @throws FailoverException if the coordinator refused to start (another run, a conflict, an unsafe plan)
     */
    public ActionResult execute(String operator, FailoverEvent event, String confirmedChecksum) {
        String target = event + " (plan " + confirmedChecksum + ")";
        CompletableFuture<FailoverRun> started = new CompletableFuture<>();
        FailoverCoordinator coordinator;
        FailoverPlan plan;
        try {
            coordinator = setup.actingFor(operator, new FailoverListener() {
                @Override
                public void onRunStarted(FailoverRun run) {
                    started.complete(run);
                }
            });
            plan = coordinator.plan(event);
            if (!plan.checksum().equals(confirmedChecksum)) {
                throw new PlanChangedException(confirmedChecksum, plan);
            }
        } catch (RuntimeException e) {
            audit.record(operator, "execute", target, "refused", e.getMessage());
            throw e;
        }
        audit.record(operator, "execute", target, "requested", "");
        run("execute " + event + " for " + operator, operator, "execute", target, () -> coordinator.execute(plan),
                started);
        FailoverRun run = await(started, START_WAIT).orElse(null);
        if (run == null) {
            return new ActionResult("execute", "", "running", "the run has not started yet; watch the journal");
        }
        return new ActionResult("execute", run.id(), "running", "run " + run.id() + " of " + event + " started");
    }

    /**
     * Takes over the active run and continues it.
     *
     * @param operator the logged-in operator
     * @param exclude instances the barriers should no longer wait for (needs a fence)
     * @return where the run stands
     * @throws FailoverException if there is no active run, or it stopped again at once
     */
    public ActionResult resume(String operator, List<String> exclude) {
        String target = "run " + activeRunId() + (exclude.isEmpty() ? "" : " excluding " + exclude);
        return finishing(operator, "resume", target, c -> c.resumeExcluding(exclude));
    }

    /**
     * Rolls the active run back.
     *
     * @param operator the logged-in operator
     * @return where the run stands
     * @throws io.unitrouter.core.failover.AbortRefusedException if the run has switched
     * @throws FailoverException if there is no active run, or the roll-back stopped at once
     */
    public ActionResult abort(String operator) {
        return finishing(operator, "abort", "run " + activeRunId(), FailoverCoordinator::abort);
    }

    private String activeRunId() {
        return setup.reader().flatMap(FailoverCoordinator::activeRun).map(FailoverRun::id).orElse("(none active)");
    }

    private ActionResult finishing(String operator, String action, String target,
            Function<FailoverCoordinator, FailoverRun> call) {
        FailoverCoordinator coordinator;
        try {
            coordinator = setup.actingFor(operator, new FailoverListener() { });
        } catch (RuntimeException e) {
            audit.record(operator, action, target, "refused", e.getMessage());
            throw e;
        }
        audit.record(operator, action, target, "requested", "");
        CompletableFuture<FailoverRun> ended = run(action + " for " + operator, operator, action, target,
                () -> call.apply(coordinator), null);
        Optional<FailoverRun> run = await(ended, END_WAIT);
        return run.map(r -> new ActionResult(action, r.id(), state(r.status()), "run " + r.id() + " "
                + state(r.status())))
                .orElseGet(() -> new ActionResult(action, "", "running", action + " is in progress; watch the journal"));
    }

    private static String state(RunStatus status) {
        return status.active() ? "running" : status.name().toLowerCase();
    }

    /**
     * Runs {@code work} in the background; audits how it ends. {@code started}, when given, fails with the error if
     * the work fails before completing it.
     */
    private CompletableFuture<FailoverRun> run(String description, String operator, String action, String target,
            Supplier<FailoverRun> work, CompletableFuture<FailoverRun> started) {
        CompletableFuture<FailoverRun> ended = new CompletableFuture<>();
        executor.execute(() -> {
            inFlight.set(description);
            try {
                FailoverRun run = work.get();
                audit.record(operator, action, target, state(run.status()), "run " + run.id());
                ended.complete(run);
                if (started != null) {
                    started.complete(run);
                }
            } catch (RuntimeException e) {
                String runId = e instanceof FailoverException f ? f.run().map(r -> "run " + r.id() + ": ").orElse("")
                        : "";
                audit.record(operator, action, target, "stopped", runId + e.getMessage());
                ended.completeExceptionally(e);
                if (started != null) {
                    started.completeExceptionally(e);
                }
            } finally {
                inFlight.compareAndSet(description, null);
            }
        });
        return ended;
    }

    /** The future's value within {@code wait}, empty if it takes longer; its failure is thrown as it is. */
    private static Optional<FailoverRun> await(CompletableFuture<FailoverRun> future, Duration wait) {
        try {
            return Optional.of(future.get(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Stops waiting for runs in progress; they stay in the journal for a resume. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
