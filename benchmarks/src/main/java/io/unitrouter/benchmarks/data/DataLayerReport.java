package io.unitrouter.benchmarks.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link DataLayerBenchmark} and prints its results as throughput ratios between the data paths of one
 * run: the figures {@code docs/benchmarks.md} reports.
 *
 * <p>Arguments are JMH's own (e.g. {@code -p database=h2}, {@code -f 2}); the benchmark selection is fixed.
 * The report is also written to {@code benchmarks/target/data-layer.md}.
 */
public final class DataLayerReport {

    private static final List<String> PATHS = List.of("jdbc", "shardingsphere", "unit-router", "guard",
            "guard-fence");

    private DataLayerReport() {
    }

    /**
     * Runs the benchmark and prints the report.
     *
     * @param args JMH command-line options
     * @throws Exception if JMH fails or the report cannot be written
     */
    public static void main(String[] args) throws Exception {
        Options options = new OptionsBuilder().parent(new CommandLineOptions(args))
                .include(DataLayerBenchmark.class.getName()).build();
        Collection<RunResult> results = new Runner(options).run();
        String report = report(results);
        System.out.println();
        System.out.println(report);
        Path out = Path.of("benchmarks", "target", "data-layer.md");
        if (Files.isDirectory(out.getParent())) {
            Files.writeString(out, report);
            System.out.println("report written to " + out.toAbsolutePath());
        }
    }

    static String report(Collection<RunResult> results) {
        // database -> operation -> path -> score (us/op)
        Map<String, Map<String, Map<String, Result<?>>>> scores = new LinkedHashMap<>();
        for (RunResult run : results) {
            String database = run.getParams().getParam("database");
            String path = run.getParams().getParam("path");
            String benchmark = run.getParams().getBenchmark();
            String operation = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            scores.computeIfAbsent(database, d -> new LinkedHashMap<>())
                    .computeIfAbsent(operation, o -> new LinkedHashMap<>())
                    .put(path, run.getPrimaryResult());
        }
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Data layer: %s %s, %d CPUs%n%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors()));
        text.append("| database | operation | path | us/op | throughput vs raw JDBC | vs plain ShardingSphere |\n");
        text.append("|---|---|---|---:|---:|---:|\n");
        scores.forEach((database, operations) -> operations.forEach((operation, paths) -> {
            Result<?> jdbc = paths.get("jdbc");
            Result<?> plain = paths.get("shardingsphere");
            for (String path : PATHS) {
                Result<?> result = paths.get(path);
                if (result != null) {
                    text.append(String.format(Locale.ROOT, "| %s | %s | %s | %.1f ± %.1f | %s | %s |%n", database,
                            operation, path, result.getScore(), result.getScoreError(), ratio(jdbc, result),
                            ratio(plain, result)));
                }
            }
        }));
        text.append("\nRatios are throughput ratios (baseline time / path time): 1.00 is as fast as the baseline.\n");
        return text.toString();
    }

    private static String ratio(Result<?> baseline, Result<?> result) {
        return baseline == null ? "" : String.format(Locale.ROOT, "%.2f", baseline.getScore() / result.getScore());
    }
}
