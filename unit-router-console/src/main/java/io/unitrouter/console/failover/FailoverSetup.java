package io.unitrouter.console.failover;

import io.unitrouter.core.ShardRange;
import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.failover.FailoverCoordinator;
import io.unitrouter.core.failover.FailoverEvent;
import io.unitrouter.core.failover.FailoverPlan;
import io.unitrouter.core.failover.FailoverPlanner;
import io.unitrouter.core.failover.FailoverListener;
import io.unitrouter.core.failover.Liveness;
import io.unitrouter.core.failover.spi.FailoverJournal;
import io.unitrouter.core.failover.spi.Fence;
import io.unitrouter.core.failover.spi.ReplicationProbe;
import io.unitrouter.core.spi.RuleStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the console needs to build failover coordinators: the rule store, the journal, the fence (or the
 * explicit choice to run without one), the replication probe, liveness and timeouts. It says whether the console
 * may execute failovers at all, and why not.
 *
 * <p>Immutable and thread-safe. Coordinators are cheap: every call reads the journal afresh, so the console
 * builds one per operator action, carrying that operator's name into the journal and the audit.
 */
public final class FailoverSetup {

    private final RuleStore store;
    private final FailoverJournal journal;
    private final Fence fence;
    private final boolean withoutFence;
    private final ReplicationProbe probe;
    private final Liveness liveness;
    private final Duration barrierTimeout;
    private final Duration catchUpTimeout;
    private final FailoverCoordinator reader;

    /**
     * @param store the rule store
     * @param journal the failover journal, or {@code null} when the store has none the console knows of
     * @param fence the database fence, or {@code null}
     * @param withoutFence whether the operator chose to run without a fence
     * @param probe the replication probe
     * @param liveness when instances count as alive
     * @param barrierTimeout how long a barrier waits
     * @param catchUpTimeout how long the replication probe may wait
     */
    public FailoverSetup(RuleStore store, FailoverJournal journal, Fence fence, boolean withoutFence,
            ReplicationProbe probe, Liveness liveness, Duration barrierTimeout, Duration catchUpTimeout) {
        this.store = Objects.requireNonNull(store, "store");
        this.journal = journal;
        this.fence = fence;
        this.withoutFence = withoutFence && fence == null;
        this.probe = Objects.requireNonNull(probe, "probe");
        this.liveness = Objects.requireNonNull(liveness, "liveness");
        this.barrierTimeout = Objects.requireNonNull(barrierTimeout, "barrierTimeout");
        this.catchUpTimeout = Objects.requireNonNull(catchUpTimeout, "catchUpTimeout");
        this.reader = journal == null ? null : builder("console (read-only)")
                .fence(fence != null ? fence : new ReadOnlyFence()).build();
    }

    /** The rule store. */
    public RuleStore store() {
        return store;
    }

    /** When instances count as alive. */
    public Liveness liveness() {
        return liveness;
    }

    /** Where runs are journaled, e.g. {@code file:/etc/unit-router/rules.yaml.failover}, if anywhere. */
    public Optional<String> journalName() {
        return Optional.ofNullable(journal).map(FailoverJournal::name);
    }

    /** The fence, by name, or what runs without one. */
    public String fenceName() {
        if (fence != null) {
            return fence.name();
        }
        return withoutFence ? "none (unit-router.console.failover.without-fence=true)" : "none configured";
    }

    /** Whether failovers may skip waiting for chosen instances: only with a fence. */
    public boolean canExclude() {
        return fence != null;
    }

    /**
     * Why this console may not execute failovers, or empty when it may.
     *
     * @return the reason, saying what to configure
     */
    public Optional<String> disabledReason() {
        if (journal == null) {
            return Optional.of("this rule store (" + store.name() + ") has no failover journal the console can use;"
                    + " set unit-router.console.failover.journal-file to the journal every coordinator shares");
        }
        if (fence == null && !withoutFence) {
            return Optional.of("no database fence is configured; provide a Fence bean, or set"
                    + " unit-router.console.failover.without-fence=true to run without one on purpose");
        }
        return Optional.empty();
    }

    /**
     * A coordinator for reading the journal and planning: it never executes.
     *
     * @return the coordinator, or empty when there is no journal
     */
    public Optional<FailoverCoordinator> reader() {
        return Optional.ofNullable(reader);
    }

    /**
     * Plans an event on the document in force, as a coordinator would; {@code revert:RUN} needs the journal.
     *
     * @param event the event
     * @return the plan; nothing is published
     * @throws io.unitrouter.core.failover.PlanRefusedException if no safe plan exists
     * @throws FailoverDisabledException for {@code revert:RUN} without a journal
     */
    public FailoverPlan plan(FailoverEvent event) {
        if (reader != null) {
            return reader.plan(event);
        }
        if (event.kind() == FailoverEvent.Kind.REVERT) {
            throw new FailoverDisabledException("reverting a run needs the failover journal; " + disabledReason()
                    .orElse(""));
        }
        return FailoverPlanner.builder().shardGroups(fence == null ? 0 : fence.shardGroups()).build()
                .plan(store.load(), event);
    }

    /**
     * A coordinator acting for an operator.
     *
     * @param operator the logged-in operator's name, written to the journal and the audit
     * @param listener hears the run's progress
     * @return the coordinator
     * @throws FailoverDisabledException if this console may not execute failovers
     */
    public FailoverCoordinator actingFor(String operator, FailoverListener listener) {
        Optional<String> reason = disabledReason();
        if (reason.isPresent()) {
            throw new FailoverDisabledException(reason.get());
        }
        FailoverCoordinator.Builder builder = builder(operator).listener(listener);
        return (fence != null ? builder.fence(fence) : builder.withoutFence()).build();
    }

    private FailoverCoordinator.Builder builder(String operator) {
        return FailoverCoordinator.builder().ruleStore(store).journal(journal).replicationProbe(probe)
                .liveness(liveness).barrierTimeout(barrierTimeout).catchUpTimeout(catchUpTimeout).operator(operator);
    }

    /**
     * The fence of the read-only coordinator when none is configured. The coordinator API needs a fence choice
     * even to read its journal, and choosing {@code withoutFence()} would log that failovers run unfenced, which
     * the operator did not choose. This one is never bumped, because the read-only coordinator never executes.
     */
    private static final class ReadOnlyFence implements Fence {

        @Override
        public String name() {
            return "none (read-only console)";
        }

        @Override
        public void bump(List<ShardRange> shards, String owner, long epoch) {
            throw new UnitRouterException("the console's read-only coordinator does not execute failovers");
        }
    }
}
