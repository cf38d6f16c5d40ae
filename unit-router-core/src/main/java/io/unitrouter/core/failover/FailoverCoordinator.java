package io.unitrouter.core.failover;

import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.failover.spi.FailoverJournal;
import io.unitrouter.core.failover.spi.Fence;
import io.unitrouter.core.failover.spi.ReplicationProbe;
import io.unitrouter.core.spi.RuleStore;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Carries failover plans out through a rule store, in phases, each journaled before and after it runs:
 *
 * <ol>
 *   <li>FREEZE: publish the base with the moving shards frozen (compare-and-set on the base epoch);</li>
 *   <li>BARRIER: wait until every live instance has applied that epoch (liveness by heartbeat; after an
 *       unplanned loss with fences, the lost cells' instances are not waited for);</li>
 *   <li>FENCE: bump the moving shards' database fences to their new owners at the switch epoch;</li>
 *   <li>CATCH-UP: wait for the replication probe;</li>
 *   <li>SWITCH: publish the target, the new owners unfrozen (compare-and-set on the freeze epoch);</li>
 *   <li>VERIFY: the barrier again, on the switch epoch; laggards are reported, not fatal.</li>
 * </ol>
 *
 * Before publishing anything, the coordinator checks that no shard changes owner without having been frozen,
 * none becomes writable for a cell its fence does not name, and every shard keeps an online owner
 * ({@link UnsafeStepException} otherwise). A run that stops (a timeout, a failure, a crash) stays in the
 * journal: {@link #resume()} continues it, {@link #abort()} rolls it back before its switch. Only one run is
 * active per journal: of two coordinators starting at once, exactly one wins.
 *
 * <pre>{@code
 * FailoverCoordinator coordinator = FailoverCoordinator.builder()
 *         .ruleStore(store)
 *         .journal(FileFailoverJournal.beside(rulesFile))
 *         .fence(fence)                       // or .withoutFence(), a choice that is logged
 *         .build();
 * FailoverPlan plan = coordinator.plan(FailoverEvent.parse("dc-down:hz1"));
 * plan.describe().forEach(System.out::println);
 * FailoverRun run = coordinator.execute(plan);
 * }</pre>
 *
 * <p>Thread-safe: every call reads the journal afresh. Calls block until their run ends or stops.
 */
public interface FailoverCoordinator {

    /** How long a barrier waits for every live instance, unless configured: 30 seconds. */
    Duration DEFAULT_BARRIER_TIMEOUT = Duration.ofSeconds(30);

    /** How long the replication probe may wait, unless configured: 60 seconds. */
    Duration DEFAULT_CATCH_UP_TIMEOUT = Duration.ofSeconds(60);

    /** How often a barrier reads the applied epochs, unless configured: 20 milliseconds. */
    Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(20);

    /** A builder; see {@link Builder} for the options. */
    static Builder builder() {
        return new Builder();
    }

    /** The rule store plans are read from and published to. */
    RuleStore ruleStore();

    /** The planner; with a fence, it moves the fence's shard groups whole. */
    FailoverPlanner planner();

    /**
     * Plans an event on the document in force. {@code revert:RUN} gives {@link #reversePlan(String)}.
     *
     * @param event the event
     * @return the plan; nothing is published
     * @throws PlanRefusedException if no safe plan exists
     */
    FailoverPlan plan(FailoverEvent event);

    /**
     * Executes a plan, from FREEZE to VERIFY, and returns when it has completed.
     *
     * @param plan a plan made on the document in force now
     * @return the completed run
     * @throws FailoverConflictException if the plan's base is no longer in force, or another run is in
     *     progress (naming its holder and plan); nothing was published
     * @throws BarrierTimeoutException if live instances did not apply the freeze in time; the run stays
     *     in the journal
     * @throws FailoverException if a step failed; the run stays in the journal for {@link #resume()} or
     *     {@link #abort()}
     */
    FailoverRun execute(FailoverPlan plan);

    /**
     * Takes over the active run and continues it from its last unfinished step; continues an abort if one
     * was under way.
     *
     * @return the run, completed or aborted
     * @throws FailoverException if no run is active, or it stops again
     */
    FailoverRun resume();

    /**
     * As {@link #resume()}, and from now on the barriers of the run do not wait for these instances: use it
     * for an instance that is alive but stuck on an old epoch. Needs a fence, which refuses its writes once
     * bumped.
     *
     * @param instanceIds instances to stop waiting for
     * @return the run, completed or aborted
     * @throws FailoverException if no run is active, there is no fence, or the run stops again
     */
    FailoverRun resumeExcluding(Collection<String> instanceIds);

    /**
     * Rolls the active run back to the owners before it: moves the fences back at a newer epoch if they were
     * bumped, then publishes the previous owners, unfrozen.
     *
     * @return the aborted run
     * @throws AbortRefusedException if the run has switched; it offers the reverse plan
     * @throws FailoverException if no run is active, or the roll-back stops (abort again to continue it)
     */
    FailoverRun abort();

    /**
     * The plan back to the owners before a run that has switched: the event {@code revert:RUN}.
     *
     * @param runId the run
     * @return the plan, on the document in force
     * @throws FailoverException if the journal has no such run, it did not switch, or the rules have changed
     *     since it (plan the way back with {@code switchback} or {@code move} then)
     */
    FailoverPlan reversePlan(String runId);

    /** The run in progress, if any, as journaled now. */
    Optional<FailoverRun> activeRun();

    /** The runs that ended, newest first (the journal keeps the last 20): the audit. */
    List<FailoverRun> history();

    /**
     * Which epoch every instance has applied now, with liveness; prunes reports older than the liveness
     * {@code pruneAfter} first.
     *
     * @throws UnitRouterException if the store cannot be read
     */
    Convergence convergence();

    /**
     * Options of a {@link FailoverCoordinator}. A rule store and a journal are required, and a fence, unless
     * {@link #withoutFence()} says otherwise.
     *
     * <p>Not thread-safe.
     */
    final class Builder {

        RuleStore store;
        FailoverJournal journal;
        Fence fence;
        boolean withoutFence;
        ReplicationProbe probe = ReplicationProbe.none();
        FailoverPlanner planner;
        Liveness liveness = Liveness.defaults();
        Duration barrierTimeout = DEFAULT_BARRIER_TIMEOUT;
        Duration catchUpTimeout = DEFAULT_CATCH_UP_TIMEOUT;
        Duration pollInterval = DEFAULT_POLL_INTERVAL;
        String operator;
        final List<FailoverListener> listeners = new ArrayList<>();
        Checkpoint checkpoint = (run, phase, ended) -> { };
        Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The rule store to plan on and publish through. Required. */
        public Builder ruleStore(RuleStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Where runs are journaled. Required: {@code FileFailoverJournal.beside(rulesFile)} for the file store,
         * the Nacos journal for Nacos, {@code InMemoryFailoverJournal} in tests.
         */
        public Builder journal(FailoverJournal journal) {
            this.journal = Objects.requireNonNull(journal, "journal");
            return this;
        }

        /** The database fence to bump. Required unless {@link #withoutFence()}. */
        public Builder fence(Fence fence) {
            this.fence = Objects.requireNonNull(fence, "fence");
            return this;
        }

        /**
         * Runs without a database fence, by choice: an instance that misses the freeze (cut off, paused) can
         * then still write a moving shard until it hears of the switch. Logged as a warning when the coordinator
         * first runs a step; a coordinator used only to read the journal and the convergence warns about nothing.
         */
        public Builder withoutFence() {
            this.withoutFence = true;
            return this;
        }

        /** The replication probe of CATCH-UP. Default {@link ReplicationProbe#none()}. */
        public Builder replicationProbe(ReplicationProbe probe) {
            this.probe = Objects.requireNonNull(probe, "probe");
            return this;
        }

        /**
         * The planner. Default: {@link FailoverPlanner#builder()} with the fence's shard groups.
         *
         * @throws IllegalArgumentException at {@link #build()} if its shard groups differ from the fence's
         */
        public Builder planner(FailoverPlanner planner) {
            this.planner = Objects.requireNonNull(planner, "planner");
            return this;
        }

        /** When instances count as alive. Default {@link Liveness#defaults()} (TTL 5 s). */
        public Builder liveness(Liveness liveness) {
            this.liveness = Objects.requireNonNull(liveness, "liveness");
            return this;
        }

        /**
         * How long a barrier waits for every live instance to apply an epoch.
         *
         * @param timeout 100 ms to 1 hour; default 30 s
         */
        public Builder barrierTimeout(Duration timeout) {
            this.barrierTimeout = check("barrierTimeout", timeout, Duration.ofMillis(100), Duration.ofHours(1));
            return this;
        }

        /**
         * How long the replication probe may wait.
         *
         * @param timeout 100 ms to 1 hour; default 60 s
         */
        public Builder catchUpTimeout(Duration timeout) {
            this.catchUpTimeout = check("catchUpTimeout", timeout, Duration.ofMillis(100), Duration.ofHours(1));
            return this;
        }

        /**
         * How often a barrier reads the applied epochs.
         *
         * @param interval 1 ms to 10 s; default 20 ms
         */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = check("pollInterval", interval, Duration.ofMillis(1), Duration.ofSeconds(10));
            return this;
        }

        /** Who runs the coordinator, for the audit. Default {@code <user.name>@<host>}. */
        public Builder operator(String operator) {
            this.operator = Objects.requireNonNull(operator, "operator");
            return this;
        }

        /** Adds a progress listener. */
        public Builder listener(FailoverListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Called after every journal write of a step; see {@link Checkpoint}. Default: nothing. */
        public Builder checkpoint(Checkpoint checkpoint) {
            this.checkpoint = Objects.requireNonNull(checkpoint, "checkpoint");
            return this;
        }

        /** The clock for journal times and liveness. Default: the system clock, UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the coordinator. Reads nothing yet.
         *
         * @throws IllegalArgumentException naming what is missing or inconsistent
         */
        public FailoverCoordinator build() {
            if (store == null) {
                throw new IllegalArgumentException("a failover coordinator needs a rule store: ruleStore(store)");
            }
            if (journal == null) {
                throw new IllegalArgumentException("a failover coordinator needs a journal: journal(...), e.g."
                        + " FileFailoverJournal.beside(rulesFile) for the file store");
            }
            if ((fence == null) == !withoutFence) {
                throw new IllegalArgumentException(fence == null
                        ? "a failover coordinator needs a database fence: fence(...), or withoutFence() to run"
                                + " without one on purpose"
                        : "fence(...) and withoutFence() contradict each other; choose one");
            }
            int groups = fence == null ? 0 : fence.shardGroups();
            if (planner == null) {
                planner = FailoverPlanner.builder().shardGroups(groups).build();
            } else if (fence != null && planner.shardGroups() != groups) {
                throw new IllegalArgumentException("the planner moves shards in " + planner.shardGroups()
                        + " groups but the fence " + fence.name() + " has " + groups + "; use"
                        + " FailoverPlanner.builder().shardGroups(" + groups + ")");
            }
            if (operator == null) {
                operator = System.getProperty("user.name", "unknown") + "@" + host();
            }
            return new DefaultFailoverCoordinator(this);
        }

        private static Duration check(String name, Duration value, Duration min, Duration max) {
            if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", was " + value);
            }
            return value;
        }

        private static String host() {
            String host = System.getenv("HOSTNAME");
            if (host != null && !host.isBlank()) {
                return host;
            }
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                return "localhost";
            }
        }
    }
}
