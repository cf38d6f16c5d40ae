package io.unitrouter.core.failover;

import io.unitrouter.core.spi.AppliedEpoch;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Which epoch every instance has applied, at one moment: the answer to "has every live instance applied
 * epoch E?", and the convergence table of {@code unit-router failover status}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Convergence {

    /**
     * One instance's row.
     *
     * @param instanceId the instance
     * @param cell its cell, or {@code null} for a gateway
     * @param epoch the epoch it applied
     * @param checksum the checksum of what it applied
     * @param appliedAt when it applied the epoch
     * @param heartbeat when it last reported
     * @param age how long ago that was
     * @param live whether it counts as alive
     */
    public record InstanceState(String instanceId, String cell, long epoch, String checksum, Instant appliedAt,
            Instant heartbeat, Duration age, boolean live) {

        /** Checks the required fields. */
        public InstanceState {
            Objects.requireNonNull(instanceId, "instanceId");
            Objects.requireNonNull(age, "age");
        }

        /** Whether it is live and has applied {@code epoch} or a later one. */
        public boolean hasApplied(long epoch) {
            return live && this.epoch >= epoch;
        }
    }

    private static final Comparator<InstanceState> ORDER = Comparator
            .comparing((InstanceState s) -> s.cell() == null ? "" : s.cell())
            .thenComparing(InstanceState::instanceId);

    private final Instant at;
    private final List<InstanceState> instances;

    private Convergence(Instant at, List<InstanceState> instances) {
        this.at = at;
        this.instances = instances;
    }

    /**
     * The convergence of some reports.
     *
     * @param reports one per instance, e.g. {@link io.unitrouter.core.spi.RuleStore#appliedEpochs()}'s values
     * @param now the moment to judge liveness at
     * @param liveness the time-to-live
     * @return the convergence, instances ordered by cell (gateways first), then instance id
     */
    public static Convergence of(Collection<AppliedEpoch> reports, Instant now, Liveness liveness) {
        List<InstanceState> rows = reports.stream()
                .map(r -> new InstanceState(r.instanceId(), r.cell(), r.epoch(), r.checksum(), r.at(), r.heartbeat(),
                        liveness.age(r, now), liveness.isLive(r, now)))
                .sorted(ORDER)
                .toList();
        return new Convergence(now, rows);
    }

    /** The moment liveness was judged at. */
    public Instant at() {
        return at;
    }

    /** Every instance with a report, live or not. */
    public List<InstanceState> instances() {
        return instances;
    }

    /** The live instances. */
    public List<InstanceState> live() {
        return instances.stream().filter(InstanceState::live).toList();
    }

    /**
     * The live instances that have not applied {@code epoch} (or a later one) yet.
     *
     * @param epoch the epoch
     * @return the laggards, possibly empty
     */
    public List<InstanceState> behind(long epoch) {
        return instances.stream().filter(s -> s.live() && s.epoch() < epoch).toList();
    }

    /** Whether every live instance has applied {@code epoch} or a later one. True when none is live. */
    public boolean allLiveApplied(long epoch) {
        return behind(epoch).isEmpty();
    }
}
