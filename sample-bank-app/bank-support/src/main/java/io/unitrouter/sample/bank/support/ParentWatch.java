package io.unitrouter.sample.bank.support;

import java.util.Optional;

/**
 * Ends this process when the process that started it ends, so that a demo driver killed with {@code kill -9}
 * (which runs no shutdown hook) leaves no cells behind.
 *
 * <p>The parent's pid comes from the system property {@value #PROPERTY}; without it nothing is watched.
 */
public final class ParentWatch {

    /** The system property naming the parent's pid. */
    public static final String PROPERTY = "bank.parent-pid";

    private ParentWatch() {
    }

    /**
     * Starts watching, if {@value #PROPERTY} is set. The process exits normally (shutdown hooks run) once the
     * parent is gone; at once if it is gone already.
     *
     * @throws IllegalArgumentException if the property is not a pid
     */
    public static void start() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PROPERTY + " must be a process id, was '" + value + "'", e);
        }
        Optional<ProcessHandle> parent = ProcessHandle.of(pid);
        if (parent.isEmpty() || !parent.get().isAlive()) {
            exit(pid);
            return;
        }
        parent.get().onExit().thenRun(() -> exit(pid));
    }

    private static void exit(long pid) {
        System.err.println("parent process " + pid + " is gone; stopping");
        System.exit(0);
    }
}
