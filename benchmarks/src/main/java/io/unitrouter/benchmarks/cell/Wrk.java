package io.unitrouter.benchmarks.cell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs <a href="https://github.com/wg/wrk">wrk</a> against one URL and reads its report. wrk is the load
 * generator that issue #12 names for the cell comparison: a C program, so that the load generator takes little
 * of the CPU that the services under test share with it.
 */
final class Wrk {

    private static final Pattern P50 = Pattern.compile("^\\s*50%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
    private static final Pattern P99 = Pattern.compile("^\\s*99%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
    private static final Pattern REQUESTS = Pattern.compile("^\\s*(\\d+) requests in ([0-9.]+)(us|ms|s|m)",
            Pattern.MULTILINE);
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private final int threads;
    private final int connections;

    Wrk(int threads, int connections) {
        this.threads = threads;
        this.connections = connections;
    }

    /**
     * Sends requests for some seconds.
     *
     * @param url the URL
     * @param headers headers every request carries
     * @param seconds how long
     * @return what wrk reported
     * @throws IOException if wrk cannot be started, fails, or prints a report this class cannot read
     */
    Report run(String url, Map<String, String> headers, int seconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections,
                "-d" + seconds + "s", "--latency"));
        headers.forEach((name, value) -> command.addAll(List.of("-H", name + ": " + value)));
        command.add(url);
        Process wrk;
        try {
            wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot start wrk; install it first (Debian: apt-get install wrk)", e);
        }
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IOException("wrk exited with " + wrk.exitValue() + ":\n" + output);
        }
        return parse(output);
    }

    /**
     * Reads wrk's report, as printed with {@code --latency}.
     *
     * @param output wrk's standard output
     * @return the report
     * @throws IOException naming the line that is missing
     */
    static Report parse(String output) throws IOException {
        Matcher requests = find(REQUESTS, output, "the request count");
        long count = Long.parseLong(requests.group(1));
        double seconds = nanos(requests.group(2), requests.group(3)) / 1e9;
        Matcher non2xx = NON_2XX.matcher(output);
        long errors = non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0;
        Matcher socket = SOCKET_ERRORS.matcher(output);
        if (socket.find()) {
            for (int i = 1; i <= 4; i++) {
                errors += Long.parseLong(socket.group(i));
            }
        }
        Matcher p50 = find(P50, output, "the 50% latency");
        Matcher p99 = find(P99, output, "the 99% latency");
        return new Report(count, count / seconds, nanos(p50.group(1), p50.group(2)) / 1e6,
                nanos(p99.group(1), p99.group(2)) / 1e6, errors);
    }

    private static Matcher find(Pattern pattern, String output, String what) throws IOException {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IOException("wrk's report has no line with " + what + " (run with --latency):\n" + output);
        }
        return matcher;
    }

    private static double nanos(String value, String unit) {
        double number = Double.parseDouble(value);
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "us" -> number * 1e3;
            case "ms" -> number * 1e6;
            case "s" -> number * 1e9;
            case "m" -> number * 60e9;
            default -> throw new IllegalArgumentException("unknown unit " + unit);
        };
    }

    /** The load's shape, as wrk's options. */
    @Override
    public String toString() {
        return "-t" + threads + " -c" + connections;
    }

    /**
     * One run's figures.
     *
     * @param requests requests completed
     * @param throughput requests per second
     * @param p50Millis median latency
     * @param p99Millis 99th percentile latency
     * @param errors answers other than 2xx/3xx, plus socket errors
     */
    record Report(long requests, double throughput, double p50Millis, double p99Millis, long errors) {
    }
}
