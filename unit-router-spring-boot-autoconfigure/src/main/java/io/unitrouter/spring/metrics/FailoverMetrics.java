package io.unitrouter.spring.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.unitrouter.core.failover.FailoverException;
import io.unitrouter.core.failover.FailoverListener;
import io.unitrouter.core.failover.FailoverPhase;
import io.unitrouter.core.failover.FailoverRun;
import io.unitrouter.core.failover.StepRecord;
import java.time.Duration;
import java.util.Locale;

/**
 * Publishes failover runs as Micrometer meters. Register it with the coordinator:
 * {@code FailoverCoordinator.builder()...listener(failoverMetrics)}.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>measures</th></tr>
 *   <tr><td>{@code unitrouter.failover.phase}</td><td>timer</td><td>{@code phase} (freeze, barrier, fence,
 *       catch_up, switch, verify, unfence, restore), {@code event} (cell-down, dc-down, city-down, drain,
 *       switchback, rebalance, move, revert), {@code outcome} (done, skipped, failed)</td>
 *       <td>how long each phase took</td></tr>
 *   <tr><td>{@code unitrouter.failover.barrier}</td><td>timer</td><td>{@code phase} (barrier, verify),
 *       {@code reached} (true, false)</td><td>how long barriers waited for every live instance</td></tr>
 *   <tr><td>{@code unitrouter.failover.runs}</td><td>counter</td><td>{@code event}, {@code outcome}
 *       (completed, aborted, stopped)</td><td>runs that ended, and runs that stopped part-way</td></tr>
 * </table>
 *
 * <p>Thread-safe.
 */
public final class FailoverMetrics implements FailoverListener {

    private final MeterRegistry registry;

    /**
     * @param registry where meters go
     */
    public FailoverMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onPhaseEnded(FailoverRun run, FailoverPhase phase, Duration took, StepRecord.Outcome outcome) {
        Timer.builder("unitrouter.failover.phase").description("How long each failover phase took")
                .tag("phase", lower(phase)).tag("event", run.event().kind().text()).tag("outcome", lower(outcome))
                .register(registry).record(took);
    }

    @Override
    public void onBarrier(FailoverRun run, FailoverPhase phase, Duration waited, int instances, boolean reached) {
        Timer.builder("unitrouter.failover.barrier")
                .description("How long failover barriers waited for every live instance to apply an epoch")
                .tag("phase", lower(phase)).tag("reached", Boolean.toString(reached)).register(registry).record(waited);
    }

    @Override
    public void onRunStopped(FailoverRun run, FailoverException problem) {
        count(run, "stopped");
    }

    @Override
    public void onRunEnded(FailoverRun run) {
        count(run, lower(run.status()));
    }

    private void count(FailoverRun run, String outcome) {
        Counter.builder("unitrouter.failover.runs").description("Failover runs by event and outcome")
                .tag("event", run.event().kind().text()).tag("outcome", outcome).register(registry).increment();
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
