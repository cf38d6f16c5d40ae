package io.unitrouter.sample.bank.demo;

import io.unitrouter.core.failover.FailoverPhase;
import io.unitrouter.core.failover.FailoverRun;
import java.time.Duration;
import java.util.Map;

/**
 * One failover of the scenario, as the report shows it.
 *
 * @param event e.g. {@code dc-down:hz1}
 * @param planned whether it was planned (a drain, a switchback) rather than a loss
 * @param startMs when the loss happened or the planned run began, in ms since the load started
 * @param endMs when the run completed
 * @param detection for a loss: from the kill to the health monitor's proposal; zero when planned
 * @param rto for a loss: from the kill until the new owners were published (the run's end); for a planned run,
 *     the run's length
 * @param phases each phase's duration
 * @param run the coordinator's run
 */
record FailoverStep(String event, boolean planned, long startMs, long endMs, Duration detection, Duration rto,
        Map<FailoverPhase, Duration> phases, FailoverRun run) {
}
