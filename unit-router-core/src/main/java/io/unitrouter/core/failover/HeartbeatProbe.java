package io.unitrouter.core.failover;

import io.unitrouter.core.Cell;
import io.unitrouter.core.failover.spi.HealthProbe;
import io.unitrouter.core.spi.AppliedEpoch;
import io.unitrouter.core.spi.RuleStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A {@link HealthProbe} that needs nothing but the rule store: a cell answers while at least one of its
 * instances has reported to the store within {@code freshness}. A cell none of whose instances ever reported
 * (a cell without routers, such as a database-only GZone) counts as healthy: there is nothing to judge it by.
 *
 * <p>It reads the store once per cell and probe; with many cells, prefer a probe of your own that asks the
 * cells (an HTTP health endpoint through the gateway). Thread-safe.
 */
public final class HeartbeatProbe implements HealthProbe {

    private final RuleStore store;
    private final Duration freshness;
    private final Clock clock;

    /**
     * @param store the rule store the instances report to
     * @param freshness how recent a report must be; two or three router heartbeats (the router default is 1 s)
     * @param clock the time source
     */
    public HeartbeatProbe(RuleStore store, Duration freshness, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.freshness = Objects.requireNonNull(freshness, "freshness");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (freshness.isNegative() || freshness.isZero()) {
            throw new IllegalArgumentException("freshness must be positive, was " + freshness);
        }
    }

    @Override
    public boolean isHealthy(Cell cell) {
        List<AppliedEpoch> reports = store.appliedEpochs().values().stream()
                .filter(r -> cell.id().equals(r.cell())).toList();
        if (reports.isEmpty()) {
            return true;
        }
        java.time.Instant cutOff = clock.instant().minus(freshness);
        return reports.stream().anyMatch(r -> !r.heartbeat().isBefore(cutOff));
    }

    @Override
    public String toString() {
        return "heartbeats to " + store.name() + " within " + freshness;
    }
}
