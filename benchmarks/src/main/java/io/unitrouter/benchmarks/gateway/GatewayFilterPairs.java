package io.unitrouter.benchmarks.gateway;

import io.unitrouter.benchmarks.BenchmarkOptions;
import io.unitrouter.benchmarks.Processes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The gateway filter's own work per request, read as a difference within short paired rounds in one JVM: the
 * same operations as {@link GatewayFilterBenchmark}, with its set-up, but timed batch against batch.
 *
 * <p>Why beside JMH: the filter's work is read as {@code unitRouteSigned − baseline}, and {@code baseline} (an
 * exchange built around a request Reactor Netty received) costs nearly as much as the filter itself. JMH times
 * one benchmark after the other, so on a shared machine a slow spell that falls on the baseline's forks and not
 * on the filter's moves the difference by tenths of a microsecond. Here every round times a batch of each
 * operation back to back, in a new random order every round, and the difference is taken within the round; the median of those differences is not moved by a drift, nor by a garbage collection that falls in one
 * round. {@code baseline-again} is the baseline timed a second time in every round: its difference from the
 * baseline, whose true value is zero, is the noise floor.
 *
 * <p>Each run compares few operations, {@code baseline} and those named by {@code operations}: all of them share
 * one JVM, and every other operation makes the JIT compile their common code for more types than a gateway that
 * runs one of them sees (with {@code baseline-again} beside it, {@code unitRouteSigned} measured 0.3 µs more).
 *
 * <p>Options ({@code --name=value}): {@code operations} (default {@code unitRouteSigned}; also
 * {@code baseline-again}, the A/A pair, {@code unitRouteUnsigned} and {@code unitRouteLoadBalanced}),
 * {@code rounds} (default 300), {@code batch} operations per operation and round (default 20000), {@code warmup}
 * seconds before the first round (default 20). Run with the JVM options of the JMH forks, {@code -Xms512m
 * -Xmx512m}; {@code benchmarks/gateway-benchmark.sh pairs} does.
 */
public final class GatewayFilterPairs {

    /** Each operation's result goes here, so that the JIT cannot drop any of the work. */
    private static volatile Object sink;

    private GatewayFilterPairs() {
    }

    /**
     * Runs the rounds and prints the report.
     *
     * @param args {@code --operations=A,B --rounds=N --batch=N --warmup=SECONDS}
     */
    public static void main(String[] args) {
        Map<String, String> options = BenchmarkOptions.parse(args);
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "300"));
        int batch = Integer.parseInt(options.getOrDefault("batch", "20000"));
        long warmupNanos = Long.parseLong(options.getOrDefault("warmup", "20")) * 1_000_000_000L;
        GatewayFilterBenchmark benchmark = new GatewayFilterBenchmark();
        benchmark.setUp();
        try {
            Map<String, Supplier<Object>> known = new LinkedHashMap<>();
            known.put("baseline", benchmark::baseline);
            // The same operation again: its difference from the baseline is the noise floor (A/A).
            known.put("baseline-again", benchmark::baseline);
            known.put("unitRouteSigned", benchmark::unitRouteSigned);
            known.put("unitRouteUnsigned", benchmark::unitRouteUnsigned);
            known.put("unitRouteLoadBalanced", benchmark::unitRouteLoadBalanced);
            Map<String, Supplier<Object>> operations = new LinkedHashMap<>();
            operations.put("baseline", known.get("baseline"));
            for (String name : options.getOrDefault("operations", "unitRouteSigned").split(",")) {
                Supplier<Object> operation = known.get(name.trim());
                if (operation == null) {
                    throw new IllegalArgumentException("unknown operation '" + name + "'; known: " + known.keySet());
                }
                operations.put(name.trim(), operation);
            }
            List<String> names = new ArrayList<>(operations.keySet());
            Random order = new Random(42);
            long warmEnd = System.nanoTime() + warmupNanos;
            while (System.nanoTime() < warmEnd) {
                operations.values().forEach(operation -> time(operation, Math.max(1, batch / 10)));
            }
            Map<String, double[]> nanos = new LinkedHashMap<>();
            names.forEach(name -> nanos.put(name, new double[rounds]));
            for (int round = 0; round < rounds; round++) {
                // A fresh order every round: with a fixed cycle, one operation would always follow the same other
                // one (and find the caches as that one left them).
                Collections.shuffle(names, order);
                for (String name : names) {
                    nanos.get(name)[round] = time(operations.get(name), batch);
                }
            }
            System.out.println(report(nanos, rounds, batch));
        } finally {
            benchmark.tearDown();
        }
    }

    /** Nanoseconds per operation over one batch. */
    private static double time(Supplier<Object> operation, int batch) {
        long start = System.nanoTime();
        for (int i = 0; i < batch; i++) {
            sink = operation.get();
        }
        return (double) (System.nanoTime() - start) / batch;
    }

    private static String report(Map<String, double[]> nanos, int rounds, int batch) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "Gateway filter, paired rounds: %d rounds"
                + " x %d operations each, %s %s%n%n", rounds, batch, System.getProperty("java.vm.name"),
                System.getProperty("java.version")));
        text.append("| operation | ns/op (median over rounds) | minus baseline, within each round: median |"
                + " interquartile range |\n|---|---:|---:|---|\n");
        double[] baseline = nanos.get("baseline");
        nanos.forEach((name, values) -> {
            double[] differences = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                differences[round] = values[round] - baseline[round];
            }
            text.append(String.format(Locale.ROOT, "| `%s` | %.0f | %s | %s |%n", name, Processes.median(values),
                    name.equals("baseline") ? "" : String.format(Locale.ROOT, "**%.0f**", Processes.median(differences)),
                    name.equals("baseline") ? "" : String.format(Locale.ROOT, "%.0f – %.0f",
                            Processes.quantile(differences, 0.25), Processes.quantile(differences, 0.75))));
        });
        return text.toString();
    }
}
