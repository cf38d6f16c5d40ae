package io.unitrouter.core.routing;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task at a fixed rate on a daemon thread of its own ({@code unit-router-heartbeat-<instance>}) until
 * closed: a router's periodic applied-epoch report. A failing task is logged and tried again at the next beat.
 *
 * <p>Thread-safe.
 */
final class Heartbeat implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Heartbeat.class.getName());

    private final ScheduledExecutorService executor;

    Heartbeat(String instanceId, Duration interval, Runnable task) {
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "unit-router-heartbeat-" + instanceId);
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        executor.scheduleAtFixedRate(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "unit-router: heartbeat of " + instanceId + " failed; trying again in "
                        + interval, e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Stops the beats; a beat in progress finishes. Idempotent. */
    @Override
    public void close() {
        executor.shutdown();
    }
}
