package io.unitrouter.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** What the load generators need to know about the processes they start, and the statistics they report. */
public final class Processes {

    private static final long CLOCK_TICKS = readClockTicks();
    /** HotSpot's JIT compiler threads, as the kernel names them (their first 15 characters). */
    private static final List<String> COMPILER_THREADS = List.of("C1 CompilerThre", "C2 CompilerThre");

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
     * What the threads of a process have used so far, from {@code /proc/<pid>/task} (Linux only). Threads that
     * ended in between are not counted, so compare two readings only for threads that live as long as the
     * process (event loops, GC and compiler threads).
     *
     * @param pid the process
     * @param namePrefix the start of the thread names to count apart, e.g. {@code reactor-http-} for Reactor
     *     Netty's event loops (the kernel keeps only the first 15 characters of a thread's name)
     * @return CPU time of the threads whose name starts with {@code namePrefix}, CPU time of HotSpot's JIT
     *     compiler threads, and context switches (voluntary and involuntary) of all threads
     * @throws UncheckedIOException if {@code /proc/<pid>/task} cannot be read
     */
    public static ThreadUsage threadUsage(long pid, String namePrefix) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        long named = 0;
        long compiler = 0;
        long switches = 0;
        try (var threads = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) threads::iterator) {
                String stat;
                List<String> status;
                try {
                    stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
                    status = Files.readAllLines(task.resolve("status"), StandardCharsets.US_ASCII);
                } catch (NoSuchFileException e) {
                    continue; // the thread ended after the listing
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                boolean isCompiler = COMPILER_THREADS.stream().anyMatch(name::startsWith);
                if (name.startsWith(namePrefix) || isCompiler) {
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
                    long nanos = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1_000_000_000L
                            / CLOCK_TICKS;
                    if (isCompiler) {
                        compiler += nanos;
                    } else {
                        named += nanos;
                    }
                }
                for (String line : status) {
                    if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                        switches += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the threads of process " + pid + " from " + tasks, e);
        }
        return new ThreadUsage(named, compiler, switches);
    }

    /**
     * The CPU time the whole machine has been busy so far, on all CPUs (user, nice, system, interrupts and
     * steal from the first line of {@code /proc/stat}; Linux only): with the CPU time of the processes one
     * started, it tells how much else ran at the same time.
     *
     * @return busy CPU time in nanoseconds, summed over CPUs
     * @throws UncheckedIOException if {@code /proc/stat} cannot be read
     */
    public static long machineBusyNanos() {
        try (BufferedReader reader = Files.newBufferedReader(Path.of("/proc/stat"), StandardCharsets.US_ASCII)) {
            // cpu user nice system idle iowait irq softirq steal guest guest_nice (guest time is in user already)
            String[] fields = reader.readLine().trim().split("\\s+");
            long ticks = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                ticks += Long.parseLong(fields[i]);
            }
            return ticks * 1_000_000_000L / CLOCK_TICKS;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/stat (Linux only)", e);
        }
    }

    /**
     * CPU time of some threads of a process, and context switches of all its threads.
     *
     * @param namedNanos CPU time of the threads with the name asked for, in nanoseconds
     * @param compilerNanos CPU time of HotSpot's JIT compiler threads, in nanoseconds: work that warming up
     *     costs, which falls on whatever is measured while it runs
     * @param contextSwitches voluntary and involuntary context switches of all threads
     */
    public record ThreadUsage(long namedNanos, long compilerNanos, long contextSwitches) {
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
