package io.unitrouter.console.config;

import io.unitrouter.core.UnitRouterException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the console when another process ends ({@code unit-router.console.exit-with-process}). A script that
 * starts the console as a helper, such as the sample bank's demo, may itself be killed with {@code kill -9},
 * which runs none of its clean-up: the console then notices on its own and stops.
 *
 * <p>Thread-safe: the exit runs at most once, on the JDK's process-reaper thread.
 */
final class ParentProcessWatch {

    private static final Logger LOG = LoggerFactory.getLogger(ParentProcessWatch.class);

    private final long pid;
    private final Runnable exit;
    private final AtomicBoolean exited = new AtomicBoolean();

    /**
     * @param pid the process to watch
     * @param exit what ends the console (closing the application context, then the JVM)
     * @throws UnitRouterException if {@code pid} is not a process id, or is the console's own
     */
    ParentProcessWatch(long pid, Runnable exit) {
        if (pid <= 0) {
            throw new UnitRouterException("unit-router.console.exit-with-process must be a process id, was " + pid);
        }
        if (pid == ProcessHandle.current().pid()) {
            // The JDK cannot watch the current process end (onExit refuses it), and the setting would be
            // meaningless anyway: say so rather than fail to start with the JDK's bare IllegalStateException.
            throw new UnitRouterException("unit-router.console.exit-with-process names the console's own process "
                    + pid + "; give the id of the process that started it");
        }
        this.pid = pid;
        this.exit = exit;
    }

    /** Starts watching; ends the console at once if the process is gone already. */
    void start() {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            exit("is not running");
            return;
        }
        LOG.info("the console ends when process {} ends", pid);
        process.get().onExit().thenRun(() -> exit("has ended"));
    }

    private void exit(String why) {
        if (exited.compareAndSet(false, true)) {
            LOG.warn("process {} {}: stopping the console", pid, why);
            exit.run();
        }
    }
}
