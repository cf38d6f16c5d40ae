package io.unitrouter.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** What the load generators need to know about the processes they start, and the statistics they report. */
public final class Processes {

    private static final long CLOCK_TICKS = readClockTicks();

    private Processes() {
    }

    /**
     * The CPU time (user + system) a process has used so far, from {@code /proc} (Linux only).
     *
     * @param pid the process
     * @return CPU time in nanoseconds, at the resolution of the kernel's clock ticks (usually 10 ms)
     * @throws UncheckedIOException if {@code /proc/<pid>/stat} cannot be read
     */
    public static long cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            // The command name, in parentheses, may contain spaces: the fields that follow it are fixed.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 1_000_000_000L / CLOCK_TICKS;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CPU time of process " + pid + " from /proc (Linux only)",
                    e);
        }
    }

    /**
     * A TCP port free on this machine now.
     *
     * @return the port
     * @throws IOException if no socket can be opened
     */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * The median of some values.
     *
     * @param values at least one value; not modified
     * @return the middle value, or the mean of the two middle values
     */
    public static double median(double[] values) {
        return quantile(values, 0.5);
    }

    /**
     * A quantile of some values, interpolated between the two nearest ranks.
     *
     * @param values at least one value; not modified
     * @param q the quantile, from 0 to 1
     * @return the quantile
     */
    public static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double rank = q * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = (int) Math.ceil(rank);
        return sorted[below] + (sorted[above] - sorted[below]) * (rank - below);
    }

    private static long readClockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String text = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            return getconf.waitFor() == 0 ? Long.parseLong(text) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
