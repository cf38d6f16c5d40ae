package io.unitrouter.benchmarks.cell;

import io.unitrouter.benchmarks.BenchmarkOptions;
import io.unitrouter.benchmarks.BenchmarkRules;
import io.unitrouter.benchmarks.Processes;
import io.unitrouter.core.Access;
import io.unitrouter.core.context.RoutingContext;
import io.unitrouter.core.context.RoutingHeaderCodec;
import io.unitrouter.core.routing.UnitRouter;
import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * What the starter costs a cell: the same Spring MVC service ({@code BenchmarkCellApplication}, module
 * {@code benchmarks/cell-app}) run with the unit-router starter on its class path ({@code unit}) and without
 * it ({@code plain-a}, {@code plain-b}: two identical runs whose difference is the noise floor).
 *
 * <ol>
 *   <li><b>Start-up</b>: each round starts each variant once, one after the other in a rotating order, and
 *       measures from the process's start to the first answer 200 to a served request.</li>
 *   <li><b>Served requests</b>: the three variants run side by side; each round puts each under
 *       <a href="https://github.com/wg/wrk">wrk</a> load in turn, in a rotating order, and records wrk's p50
 *       and p99 and the service's CPU time per request (from {@code /proc}). Every request is what a gateway
 *       sends a cell: {@code GET /api/accounts/5/balance} with {@code X-User-Id: 5} and a signed
 *       {@code X-Unit-Context} (issued just before each wrk run, well within the allowed skew). User 5 is owned
 *       by the {@code unit} service's cell, so the starter serves it after its checks: key sources, context
 *       verification, owner and frozen checks, metrics.</li>
 * </ol>
 * Ratios are taken per round, between measurements taken close in time, and their median is reported with
 * the quartiles.
 *
 * <p>With {@code --fresh-processes=true} every round starts a new process of each variant instead: it is started
 * (its start-up time is recorded), warmed up alone for {@code warmup} seconds, measured for {@code seconds} and
 * stopped, and the next variant follows. Why: two processes of the same code can differ by 10% for their whole
 * life (the JIT's choices, where memory lands), and with one process per variant that luck goes into every
 * round's ratio alike; with a new process per round it is drawn again each round, and the median over rounds
 * averages it out. Each round's start is then the start-up measured, and {@code startups} is not used.
 *
 * <p>Options ({@code --name=value}): {@code cell-classpath} (required: the cell application's runtime class
 * path, starter included), {@code rounds} (7), {@code startups} (7), {@code seconds} (10, per wrk run),
 * {@code warmup} (15 seconds of wrk per variant), {@code threads} (2), {@code connections} (16),
 * {@code fresh-processes} ({@code false}), {@code signed} ({@code true}: the cells have a secret and the
 * context is signed; {@code false} for neither, to see what the signature costs), {@code context} ({@code true};
 * {@code false} sends the key header alone, as a client that reaches a cell without a gateway would: the
 * starter's work with no context to read or verify), {@code hooks} ({@code false};
 * {@code true} adds a fourth variant, {@code hooks}: the plain service with an empty servlet filter and an empty
 * Spring MVC interceptor where the starter puts its own, to see what Spring charges for the two hooks alone),
 * {@code out} ({@code target/cell-load.md}).
 */
public final class CellLoadBenchmark {

    private static final String SECRET = "benchmark-secret-0123456789abcdefghij";
    /** The variant that runs the plain service with an empty filter and interceptor (option {@code hooks}). */
    private static final String HOOKS = "hooks";
    private static final String USER = "5";
    private static final String PATH = "/api/accounts/" + USER + "/balance";

    private final List<String> fullClasspath;
    private final List<String> plainClasspath;
    private final int rounds;
    private final int startups;
    private final int seconds;
    private final int warmup;
    private final Wrk wrk;
    private final Path out;
    private final boolean freshProcesses;
    private final UnitRouter router = UnitRouter.builder().rules(BenchmarkRules.document()).build();
    private final boolean signed;
    private final boolean context;
    private final List<String> variants;
    private final RoutingHeaderCodec codec;
    private final HttpClient probe = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private Path dir;

    private CellLoadBenchmark(Map<String, String> options) {
        String classpath = options.get("cell-classpath");
        if (classpath == null || classpath.isBlank()) {
            throw new IllegalArgumentException("--cell-classpath is required: the cell application's class path,"
                    + " as benchmarks/cell-benchmark.sh builds it");
        }
        this.fullClasspath = List.of(classpath.split(File.pathSeparator));
        this.plainClasspath = fullClasspath.stream().filter(entry -> !isUnitRouter(Path.of(entry))).toList();
        if (plainClasspath.size() == fullClasspath.size()) {
            throw new IllegalArgumentException("the cell class path has no unit-router jar to leave out: " + classpath);
        }
        this.freshProcesses = booleanOption(options, "fresh-processes", false);
        this.signed = booleanOption(options, "signed", true);
        this.codec = signed ? RoutingHeaderCodec.signed(SECRET) : RoutingHeaderCodec.unsigned();
        this.context = booleanOption(options, "context", true);
        this.variants = booleanOption(options, "hooks", false) ? List.of("plain-a", "unit", "plain-b", HOOKS)
                : List.of("plain-a", "unit", "plain-b");
        this.rounds = Integer.parseInt(options.getOrDefault("rounds", "7"));
        // With fresh processes, every round starts each variant once, and that start is timed.
        this.startups = freshProcesses ? rounds : Integer.parseInt(options.getOrDefault("startups", "7"));
        this.seconds = Integer.parseInt(options.getOrDefault("seconds", "10"));
        this.warmup = Integer.parseInt(options.getOrDefault("warmup", "15"));
        this.wrk = new Wrk(Integer.parseInt(options.getOrDefault("threads", "2")),
                Integer.parseInt(options.getOrDefault("connections", "16")));
        this.out = Path.of(options.getOrDefault("out", "target/cell-load.md"));
    }

    /** The option {@code name} as {@code true} or {@code false}; any other text is refused, naming it. */
    private static boolean booleanOption(Map<String, String> options, String name, boolean byDefault) {
        String value = options.getOrDefault(name, Boolean.toString(byDefault));
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("--" + name + " must be true or false, not '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    /**
     * Runs the benchmark, prints the report and writes it to {@code --out}.
     *
     * @param args the options (see the class comment)
     */
    public static void main(String[] args) throws Exception {
        new CellLoadBenchmark(BenchmarkOptions.parse(args)).run();
    }

    /**
     * Whether a class-path entry is one of unit-router's own: a jar named {@code unit-router-*} or the
     * {@code target/classes} of a module named so. Only the file and module names count, not the directories
     * above them (a checkout may itself live in a directory called unit-router-something).
     */
    static boolean isUnitRouter(Path entry) {
        Path name = entry.getFileName();
        if (name != null && name.toString().equals("classes") && entry.getParent() != null
                && entry.getParent().getParent() != null) {
            name = entry.getParent().getParent().getFileName();
        }
        return name != null && name.toString().startsWith("unit-router-")
                && !name.toString().startsWith("unit-router-benchmark");
    }

    private void run() throws Exception {
        dir = Files.createTempDirectory("unit-router-cell-bench");
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, BenchmarkRules.text());
        System.out.printf(Locale.ROOT, "start-up: %d rounds; served requests: %d rounds of %d s per variant,"
                + " wrk %s%n", startups, rounds, seconds, wrk);

        Map<String, List<Double>> startMillis = new LinkedHashMap<>();
        Map<String, List<Wrk.Report>> reports = new LinkedHashMap<>();
        Map<String, List<Double>> cpuMicros = new LinkedHashMap<>();
        for (String variant : variants) {
            startMillis.put(variant, new ArrayList<>());
            reports.put(variant, new ArrayList<>());
            cpuMicros.put(variant, new ArrayList<>());
        }
        if (freshProcesses) {
            measureFresh(rules, startMillis, reports, cpuMicros);
        } else {
            measureStartUps(rules, startMillis);
            measureSideBySide(rules, reports, cpuMicros);
        }
        String report = report(startMillis, reports, cpuMicros);
        System.out.println();
        System.out.println(report);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
        System.out.println("report written to " + out.toAbsolutePath());
    }

    /** Starts each variant {@code startups} times, one after the other in a rotating order. */
    private void measureStartUps(Path rules, Map<String, List<Double>> startMillis) throws Exception {
        for (int round = 0; round < startups; round++) {
            for (int i = 0; i < variants.size(); i++) {
                String variant = variants.get((i + round) % variants.size());
                startTimed(variant, rules, round, startMillis).stop();
            }
        }
    }

    /**
     * Starts a variant and records the time until it serves; stops it again if it does not.
     *
     * @return the serving cell, for the caller to stop
     */
    private Cell startTimed(String variant, Path rules, int round, Map<String, List<Double>> startMillis)
            throws Exception {
        long start = System.nanoTime();
        Cell cell = start(variant, rules);
        boolean serving = false;
        try {
            awaitServing(cell);
            serving = true;
        } finally {
            if (!serving) {
                cell.stop();
            }
        }
        double millis = (System.nanoTime() - start) / 1e6;
        startMillis.get(variant).add(millis);
        System.out.printf(Locale.ROOT, "start-up round %d %-8s %7.0f ms%n", round + 1, variant, millis);
        return cell;
    }

    /** One process per variant, all started first, then put under load in turn, round after round. */
    private void measureSideBySide(Path rules, Map<String, List<Wrk.Report>> reports,
            Map<String, List<Double>> cpuMicros) throws Exception {
        Map<String, Cell> cells = new LinkedHashMap<>();
        try {
            for (String variant : variants) {
                Cell cell = start(variant, rules);
                cells.put(variant, cell);
                awaitServing(cell);
            }
            for (String variant : variants) {
                wrk.run(cells.get(variant).url(), headers(), warmup);
            }
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < variants.size(); i++) {
                    String variant = variants.get((i + round) % variants.size());
                    measure(round, cells.get(variant), reports, cpuMicros);
                }
            }
        } finally {
            cells.values().forEach(Cell::stop);
        }
    }

    /** A new process per variant and round: started, warmed up alone, measured, stopped. */
    private void measureFresh(Path rules, Map<String, List<Double>> startMillis,
            Map<String, List<Wrk.Report>> reports, Map<String, List<Double>> cpuMicros) throws Exception {
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < variants.size(); i++) {
                String variant = variants.get((i + round) % variants.size());
                Cell cell = startTimed(variant, rules, round, startMillis);
                try {
                    wrk.run(cell.url(), headers(), warmup);
                    measure(round, cell, reports, cpuMicros);
                } finally {
                    cell.stop();
                }
            }
        }
    }

    /** One measured wrk run against a cell: its report and the cell's CPU time per request. */
    private void measure(int round, Cell cell, Map<String, List<Wrk.Report>> reports,
            Map<String, List<Double>> cpuMicros) throws Exception {
        long cpuBefore = Processes.cpuNanos(cell.process().pid());
        Wrk.Report report = wrk.run(cell.url(), headers(), seconds);
        double cpu = (Processes.cpuNanos(cell.process().pid()) - cpuBefore) / 1e3 / report.requests();
        if (report.errors() > 0) {
            throw new IllegalStateException(cell.variant() + " answered " + report.errors()
                    + " requests with an error; its log: " + cell.log());
        }
        reports.get(cell.variant()).add(report);
        cpuMicros.get(cell.variant()).add(cpu);
        System.out.printf(Locale.ROOT, "round %d %-8s p50 %6.3f ms  p99 %6.3f ms  %8.0f req/s"
                + "  %6.1f us CPU/request%n", round + 1, cell.variant(), report.p50Millis(), report.p99Millis(),
                report.throughput(), cpu);
    }

    /**
     * The headers a gateway sends for {@link #USER}: its key, and a context (signed now, when signing); the key
     * alone with {@code --context=false}.
     */
    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-User-Id", USER);
        if (context) {
            headers.putAll(codec.encode(RoutingContext.of(USER, router.route(USER, Access.READ)), "GET", PATH));
        }
        return headers;
    }

    private Cell start(String variant, Path rules) throws IOException {
        int port = Processes.freePort();
        Path log = dir.resolve(variant + "-" + port + ".log");
        List<String> classpath = variant.equals("unit") ? fullClasspath : plainClasspath;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java,
                "-Xms512m", "-Xmx512m", "-XX:+UseG1GC",
                "-cp", String.join(File.pathSeparator, classpath),
                "io.unitrouter.benchmarks.cellapp.BenchmarkCellApplication",
                "--server.port=" + port, "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
                "--logging.level.root=WARN", "--spring.application.name=accounts",
                "--unit-router.local-cell=rz01", "--unit-router.rules.location=file:" + rules,
                "--unit-router.key.sources=header:X-User-Id,path-variable:userId"));
        if (signed) {
            command.add("--unit-router.security.secret=" + SECRET);
        }
        if (variant.equals(HOOKS)) {
            command.add("--benchmark.empty-hooks=true");
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new Cell(variant, process, "http://127.0.0.1:" + port + PATH, log);
    }

    /** Waits until the cell serves the benchmark's request with 200; fails if it exits or answers otherwise. */
    private void awaitServing(Cell cell) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!cell.process().isAlive()) {
                throw new IllegalStateException(cell.variant() + " exited with " + cell.process().exitValue()
                        + ":\n" + Files.readString(cell.log()));
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cell.url()))
                    .timeout(Duration.ofSeconds(2));
            headers().forEach(request::header);
            try {
                HttpResponse<String> response = probe.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                throw new IllegalStateException(cell.variant() + " answered " + response.statusCode() + ": "
                        + response.body());
            } catch (ConnectException | HttpTimeoutException e) {
                // Not listening yet: a harness may poll, a test may not.
                Thread.sleep(10);
            }
        }
        throw new IllegalStateException(cell.variant() + " did not serve within 3 minutes; its log: " + cell.log());
    }

    private String report(Map<String, List<Double>> startMillis, Map<String, List<Wrk.Report>> reports,
            Map<String, List<Double>> cpuMicros) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Cell with and without the starter: %d start-up rounds, %d rounds of"
                + " %d s of wrk per variant (%s)%s%s, %d CPUs, %s %s%n%n", startups, rounds, seconds, wrk,
                freshProcesses ? ", a new process per variant and round" : "",
                (signed ? "" : ", cells without a secret") + (!context ? ", no routing context (the key header only)"
                        : signed ? "" : ", unsigned context"),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version")));
        text.append("| variant | start-up (median) | p50 (median) | p99 (median) | CPU per request (median)"
                + " | throughput (median) |\n|---|---:|---:|---:|---:|---:|\n");
        for (String variant : variants) {
            List<Wrk.Report> list = reports.get(variant);
            text.append(String.format(Locale.ROOT, "| `%s` | %.0f ms | %.3f ms | %.3f ms | %.1f µs | %.0f req/s |%n",
                    variant, median(startMillis.get(variant)), median(list, Wrk.Report::p50Millis),
                    median(list, Wrk.Report::p99Millis), median(cpuMicros.get(variant)),
                    median(list, Wrk.Report::throughput)));
        }
        text.append("\n| ratio, per round | median | quartiles |\n|---|---:|---|\n");
        ratioRow(text, "start-up, unit / plain", ratios(startMillis));
        ratioRow(text, "start-up, A/A: plain-b / plain-a", aa(startMillis));
        Map<String, List<Double>> p50 = project(reports, Wrk.Report::p50Millis);
        ratioRow(text, "p50, unit / plain", ratios(p50));
        ratioRow(text, "p50, A/A: plain-b / plain-a", aa(p50));
        ratioRow(text, "CPU per request, unit / plain", ratios(cpuMicros));
        ratioRow(text, "CPU per request, A/A: plain-b / plain-a", aa(cpuMicros));
        if (variants.contains(HOOKS)) {
            ratioRow(text, "start-up, hooks / plain", ratios(startMillis, HOOKS));
            ratioRow(text, "p50, hooks / plain", ratios(p50, HOOKS));
            ratioRow(text, "CPU per request, hooks / plain", ratios(cpuMicros, HOOKS));
        }
        text.append("\n\"plain\" is the mean of plain-a and plain-b in the same round.\n");
        return text.toString();
    }

    private static Map<String, List<Double>> project(Map<String, List<Wrk.Report>> reports,
            ToDoubleFunction<Wrk.Report> value) {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        reports.forEach((variant, list) -> values.put(variant, list.stream().map(value::applyAsDouble).toList()));
        return values;
    }

    private static double[] ratios(Map<String, List<Double>> values) {
        return ratios(values, "unit");
    }

    /** {@code variant}'s value over the mean of the two plain runs, round by round. */
    private static double[] ratios(Map<String, List<Double>> values, String variant) {
        List<Double> unit = values.get(variant);
        double[] ratios = new double[unit.size()];
        for (int i = 0; i < ratios.length; i++) {
            double plain = (values.get("plain-a").get(i) + values.get("plain-b").get(i)) / 2;
            ratios[i] = unit.get(i) / plain;
        }
        return ratios;
    }

    private static double[] aa(Map<String, List<Double>> values) {
        List<Double> a = values.get("plain-a");
        List<Double> b = values.get("plain-b");
        double[] ratios = new double[a.size()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = b.get(i) / a.get(i);
        }
        return ratios;
    }

    private static void ratioRow(StringBuilder text, String name, double[] ratios) {
        text.append(String.format(Locale.ROOT, "| %s | **%.3f** | %.3f – %.3f (%s) |%n", name,
                Processes.median(ratios), Processes.quantile(ratios, 0.25), Processes.quantile(ratios, 0.75),
                String.join(" ", Arrays.stream(ratios).mapToObj(r -> String.format(Locale.ROOT, "%.3f", r))
                        .toList())));
    }

    private static double median(List<Double> values) {
        return Processes.median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double median(List<Wrk.Report> reports, ToDoubleFunction<Wrk.Report> value) {
        return Processes.median(reports.stream().mapToDouble(value).toArray());
    }

    /** One running service. */
    private record Cell(String variant, Process process, String url, Path log) {

        void stop() {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
