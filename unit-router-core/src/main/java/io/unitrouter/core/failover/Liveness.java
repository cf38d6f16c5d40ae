package io.unitrouter.core.failover;

import io.unitrouter.core.spi.AppliedEpoch;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When an instance counts as alive, judged by the heartbeat of its applied-epoch report: a report younger
 * than the time-to-live is <em>live</em>; an older one is <em>stale</em> (the instance stopped, crashed or is
 * cut off) and the barrier does not wait for it; one older than {@code pruneAfter} is deleted from the store.
 *
 * <p>Defaults: TTL 5 s, five heartbeats of the router's default 1 s. That rides out a long garbage-collection
 * pause or a slow disk without declaring an instance dead, and bounds how long a barrier waits for an
 * instance that did die. Prune after 1 hour: long enough for an operator to see in the convergence table
 * what stopped during an incident, short enough that restarts (each reports under a new instance id) do not
 * pile up.
 *
 * <p>Immutable and thread-safe.
 *
 * @param ttl how long a report stays live after its last heartbeat
 * @param pruneAfter how long after its last heartbeat a report is deleted; longer than {@code ttl}
 */
public record Liveness(Duration ttl, Duration pruneAfter) {

    /** The default time-to-live: 5 seconds. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(5);

    /** The default age at which reports are pruned: 1 hour. */
    public static final Duration DEFAULT_PRUNE_AFTER = Duration.ofHours(1);

    /**
     * Checks the durations.
     *
     * @throws IllegalArgumentException if {@code ttl} is not positive or {@code pruneAfter} is not longer
     */
    public Liveness {
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(pruneAfter, "pruneAfter");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the liveness ttl must be positive, was " + ttl);
        }
        if (pruneAfter.compareTo(ttl) <= 0) {
            throw new IllegalArgumentException("pruneAfter (" + pruneAfter + ") must be longer than the ttl (" + ttl
                    + ")");
        }
    }

    /** TTL 5 s, prune after 1 hour. */
    public static Liveness defaults() {
        return new Liveness(DEFAULT_TTL, DEFAULT_PRUNE_AFTER);
    }

    /** How long ago the report's instance was last heard of; never negative. */
    public Duration age(AppliedEpoch report, Instant now) {
        Duration age = Duration.between(report.heartbeat(), now);
        return age.isNegative() ? Duration.ZERO : age;
    }

    /** Whether the report's instance counts as alive at {@code now}. */
    public boolean isLive(AppliedEpoch report, Instant now) {
        return age(report, now).compareTo(ttl) <= 0;
    }

    /** The cut-off for {@link io.unitrouter.core.spi.RuleStore#pruneAppliedEpochs} at {@code now}. */
    public Instant pruneBefore(Instant now) {
        return now.minus(pruneAfter);
    }
}
