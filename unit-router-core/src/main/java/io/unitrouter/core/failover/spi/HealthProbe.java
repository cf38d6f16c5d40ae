package io.unitrouter.core.failover.spi;

import io.unitrouter.core.Cell;

/**
 * Asks whether a cell still answers, for failure detection: the health monitor probes every online cell at
 * an interval and proposes a failover when a cell fails several probes in a row. Probe what matters to you:
 * an HTTP health endpoint of the cell's instances, a TCP connect to its gateway, or whether any of its
 * instances still heartbeats to the rule store.
 *
 * <p>Implementations must be thread-safe and return within the monitor's interval; a probe that throws
 * counts as a failed probe.
 */
@FunctionalInterface
public interface HealthProbe {

    /**
     * Probes one cell.
     *
     * @param cell the cell
     * @return {@code true} if it answered
     */
    boolean isHealthy(Cell cell);
}
