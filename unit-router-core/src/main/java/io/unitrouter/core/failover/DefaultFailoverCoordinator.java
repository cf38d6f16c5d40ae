package io.unitrouter.core.failover;

import io.unitrouter.core.failover.internal.ShardBlocks;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import io.unitrouter.core.spi.RuleStore;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** The {@link FailoverCoordinator} that {@link FailoverCoordinator#builder()} builds. */
final class DefaultFailoverCoordinator implements FailoverCoordinator {

    private static final System.Logger LOG = System.getLogger(FailoverCoordinator.class.getName());

    /**
     * How long to wait for the store's own view to show a publish that compare-and-set says happened: the
     * file store's watcher needs up to its poll interval (1 s by default).
     */
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(10);

    private final CoordinatorSettings settings;
    private volatile boolean warned;

    DefaultFailoverCoordinator(FailoverCoordinator.Builder b) {
        String holder = b.operator + "#" + ProcessHandle.current().pid() + "/" + randomHex();
        this.settings = new CoordinatorSettings(b.store, new RunJournal(b.journal, holder), b.fence, b.probe,
                b.planner, b.liveness, b.barrierTimeout, b.catchUpTimeout, b.pollInterval, SETTLE_TIMEOUT,
                b.operator, holder, b.listeners, b.checkpoint, b.clock);
    }

    /** Says, before the first step that changes anything, that this coordinator runs without a fence. */
    private void warnIfUnfenced() {
        if (settings.fence() == null && !warned) {
            warned = true;
            LOG.log(Level.WARNING, "failover coordinator " + settings.holder() + " on " + settings.store().name()
                    + " runs WITHOUT a database fence, as configured: an instance that misses the freeze can still"
                    + " write a moving shard until it hears of the switch");
        }
    }

    @Override
    public RuleStore ruleStore() {
        return settings.store();
    }

    @Override
    public FailoverPlanner planner() {
        return settings.planner();
    }

    @Override
    public FailoverPlan plan(FailoverEvent event) {
        if (event.kind() == FailoverEvent.Kind.REVERT) {
            return reversePlan(event.target());
        }
        return settings.planner().plan(settings.store().load(), event);
    }

    @Override
    public FailoverRun execute(FailoverPlan plan) {
        RuleDocument inForce = settings.store().load();
        if (!Publisher.same(inForce, plan.base())) {
            throw new FailoverConflictException("plan " + plan.checksum() + " (" + plan.event() + ") was made on epoch "
                    + plan.baseEpoch() + " (checksum " + plan.baseChecksum() + "), but epoch " + inForce.epoch()
                    + " (checksum " + Publisher.checksum(inForce) + ") is in force: plan again", null,
                    Map.of("plan", plan.checksum(), "epoch", inForce.epoch()));
        }
        checkFits(plan);
        Instant now = settings.clock().instant();
        FailoverRun.Fields f = new FailoverRun.Fields();
        f.id = "f" + plan.baseEpoch() + "-" + randomHex();
        f.event = plan.event();
        f.planChecksum = plan.checksum();
        f.operator = settings.operator();
        f.holder = settings.holder();
        f.status = RunStatus.RUNNING;
        f.baseEpoch = plan.baseEpoch();
        f.freezeEpoch = plan.freezeEpoch();
        f.switchEpoch = plan.switchEpoch();
        f.started = now;
        f.updated = now;
        f.fence = settings.fenceName();
        f.baseDocument = RuleDocuments.toYaml(plan.base());
        f.targetDocument = RuleDocuments.toYaml(plan.target());
        FailoverRun run = settings.journal().start(new FailoverRun(f));
        LOG.log(Level.INFO, () -> "failover " + run.id() + " of " + plan.event() + " (plan " + plan.checksum()
                + ") started by " + settings.operator());
        RunDriver driver = new RunDriver(settings, run, plan);
        driver.notify(l -> l.onRunStarted(run));
        return carry(driver, false);
    }

    @Override
    public FailoverRun resume() {
        return resumeExcluding(List.of());
    }

    @Override
    public FailoverRun resumeExcluding(Collection<String> instanceIds) {
        if (!instanceIds.isEmpty() && settings.fence() == null) {
            throw new FailoverException("not waiting for instances " + instanceIds + " needs a database fence to"
                    + " refuse their writes; this coordinator has none", null, Map.of(), null);
        }
        FailoverRun run = takeOver(instanceIds);
        return carry(new RunDriver(settings, run, run.plan()), run.status() == RunStatus.ABORTING);
    }

    @Override
    public FailoverRun abort() {
        FailoverRun active = settings.journal().read().activeRun().orElseThrow(() -> new FailoverException(
                "no failover is in progress (journal " + settings.journal().name() + ")", null, Map.of(), null));
        FailoverPlan plan = active.plan();
        if (active.status() == RunStatus.RUNNING && switched(active, plan)) {
            FailoverPlan reverse = reverseOrNull(plan, active.id());
            throw new AbortRefusedException("run " + active.id() + " of " + active.event() + " has switched at epoch "
                    + active.switchEpoch() + ": the new owners may already have taken writes, so it cannot be"
                    + " aborted. Resume it to finish VERIFY; to go back, execute the reverse plan"
                    + (reverse == null ? "" : " " + reverse.checksum()) + " (revert:" + active.id() + ")"
                    + (active.event().planned() ? "" : ", or switchback:" + active.event().target()
                            + " once it is back"), active, reverse);
        }
        FailoverRun run = takeOver(List.of());
        RunDriver driver = new RunDriver(settings, run, plan);
        if (run.status() == RunStatus.RUNNING) {
            // Past the switch epoch: fences may already name the new owners at it.
            long restoreEpoch = run.switchEpoch() + 1;
            driver.update(r -> r.aborting(restoreEpoch, settings.clock().instant()));
            LOG.log(Level.INFO, () -> "failover " + run.id() + " aborting by " + settings.operator()
                    + "; previous owners return at epoch " + restoreEpoch);
        }
        return carry(driver, true);
    }

    private boolean switched(FailoverRun run, FailoverPlan plan) {
        return run.finished(FailoverPhase.SWITCH)
                || (run.begun(FailoverPhase.SWITCH) && Publisher.same(settings.store().load(), plan.target()));
    }

    private FailoverPlan reverseOrNull(FailoverPlan plan, String runId) {
        try {
            return reverse(plan, FailoverEvent.revert(runId));
        } catch (FailoverException e) {
            return null;
        }
    }

    @Override
    public FailoverPlan reversePlan(String runId) {
        JournalState state = settings.journal().read();
        FailoverRun run = state.activeRun().filter(r -> r.id().equals(runId))
                .or(() -> state.history().stream().filter(r -> r.id().equals(runId)).findFirst())
                .orElseThrow(() -> new FailoverException("the journal " + settings.journal().name() + " has no run "
                        + runId, null, Map.of("run", runId), null));
        if (!run.finished(FailoverPhase.SWITCH)) {
            throw new FailoverException("run " + runId + " did not switch (" + run.status().name().toLowerCase()
                    + "), so there is nothing to revert" + (run.status().active() ? "; abort it instead" : ""), run,
                    Map.of("run", runId), null);
        }
        return reverse(run.plan(), FailoverEvent.revert(runId));
    }

    /** A plan from the document in force (which must still be the run's target) back to the run's base. */
    private FailoverPlan reverse(FailoverPlan plan, FailoverEvent event) {
        RuleDocument inForce = settings.store().load();
        if (!Publisher.checksum(inForce).equals(plan.targetChecksum())) {
            throw new FailoverException("the rules have changed since " + event.target() + " switched (epoch "
                    + inForce.epoch() + " is in force with other content), so its reverse is no longer a plan; plan"
                    + " the way back with switchback or move", null, Map.of("run", event.target()), null);
        }
        boolean moves = plan.movesShards();
        RuleDocument back = plan.base().toBuilder().epoch(inForce.epoch() + (moves ? 2 : 1)).build();
        return FailoverPlan.of(event, inForce, back);
    }

    @Override
    public Optional<FailoverRun> activeRun() {
        return settings.journal().read().activeRun();
    }

    @Override
    public List<FailoverRun> history() {
        return settings.journal().read().history();
    }

    @Override
    public Convergence convergence() {
        Instant now = settings.clock().instant();
        settings.store().pruneAppliedEpochs(settings.liveness().pruneBefore(now));
        return Convergence.of(settings.store().appliedEpochs().values(), now, settings.liveness());
    }

    private FailoverRun takeOver(Collection<String> exclude) {
        Set<String> excluded = Set.copyOf(exclude);
        FailoverRun run = settings.journal().takeOver(r -> r.takenOver(settings.holder(), excluded,
                settings.clock().instant()));
        LOG.log(Level.INFO, () -> "failover " + run.id() + " taken over by " + settings.holder()
                + (excluded.isEmpty() ? "" : ", not waiting for " + excluded));
        return run;
    }

    private FailoverRun carry(RunDriver driver, boolean back) {
        warnIfUnfenced();
        try {
            return back ? BackwardSteps.rollBack(driver) : ForwardSteps.carryOut(driver);
        } catch (FailoverException e) {
            FailoverException stop = driver.withRun(e);
            LOG.log(Level.WARNING, () -> "failover " + driver.run().id() + " stopped: " + e.getMessage());
            driver.notify(l -> l.onRunStopped(driver.run(), stop));
            throw stop;
        }
    }

    /** Checks that a plan moves whole fence groups. */
    private void checkFits(FailoverPlan plan) {
        if (settings.fence() == null || settings.fence().shardGroups() == 0) {
            return;
        }
        ShardBlocks blocks = ShardBlocks.of(plan.base().shards(), settings.fence().shardGroups());
        for (ShardMove move : plan.moves()) {
            if (move.shards().from() % blocks.size() != 0 || (move.shards().to() + 1) % blocks.size() != 0) {
                throw new UnsafeStepException("plan " + plan.checksum() + " moves " + move + ", which cuts through "
                        + blocks.describe(blocks.blockOf(move.shards().from())) + " of the fence " + settings.fence().name()
                        + "; plan with FailoverPlanner.builder().shardGroups(" + settings.fence().shardGroups() + ")",
                        null, Map.of("plan", plan.checksum()));
            }
        }
    }

    private static String randomHex() {
        return HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
    }
}
