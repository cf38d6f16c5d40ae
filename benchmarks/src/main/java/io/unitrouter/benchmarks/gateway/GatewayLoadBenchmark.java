package io.unitrouter.benchmarks.gateway;

import io.unitrouter.benchmarks.BenchmarkOptions;
import io.unitrouter.benchmarks.BenchmarkRules;
import io.unitrouter.benchmarks.Processes;
import io.unitrouter.core.Access;
import io.unitrouter.core.routing.UnitRouter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntToDoubleFunction;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * End-to-end cost of unit routing in a real Spring Cloud Gateway process.
 *
 * <p>Starts five upstream cells (Reactor Netty servers in this process) and the gateway
 * ({@link BenchmarkGatewayApplication}) as a separate process with these routes: {@code plain-a} and
 * {@code plain-b}, two identical static routes to one upstream (the A/A pair: their difference is the noise
 * floor), {@code unit}, the {@code UnitRoute} filter over the five cells with signed headers, and
 * {@code unit-1up}, the same filter with every cell pointing at the one upstream of the plain routes. A fifth
 * phase, {@code plain-6h}, sends requests to {@code plain-a} with six more headers, as many and as long as the
 * routing headers: the control that shows what carrying those headers costs the gateway itself. A sixth,
 * {@code plain-5up}, sends the unit route's traffic through five plain routes, one per cell's upstream, the
 * client choosing the route of each key's owner: the same requests to the same upstreams as {@code unit}, with
 * no unit routing in the gateway. After a fixed warm-up it goes on warming up until the gateway's JIT compilers
 * use at most 1% of its CPU (at most 20 cycles), since compiling goes on for tens of seconds under load and would
 * fall on whichever route is measured meanwhile. It then sends
 * a fixed number of requests per route and round, with a fixed concurrency, rotating the route order every round
 * and visiting every route twice per round, half the requests each time, in mirrored order ({@code a b c d e e d
 * c b a}), and measures:
 *
 * <ul>
 *   <li>the gateway process's CPU time (user + sys from {@code /proc/<pid>/stat}) per request, and the part of it
 *       on the event loops; it does not depend on how fast requests arrive, but it does depend on what else
 *       runs on the machine (co-runners compete for caches, memory and, under a virtual machine, the physical
 *       cores, so that the same code costs more CPU time), so the report compares routes within each round and
 *       gives the median of those ratios, which a drift from round to round does not move;</li>
 *   <li>the same without the CPU time of the gateway's JIT compiler threads, which is warming up, not serving:
 *       the steady-state cost of a request, on which the ratios are read first;</li>
 *   <li>the gateway's context switches per request, this process's own CPU per request (the load generator
 *       and the upstreams, the same work for every route) and the other load on the machine (CPUs busy with
 *       neither), which show such a drift: when the whole machine slows down, this process's CPU per request
 *       rises with the gateway's;</li>
 *   <li>throughput and p50/p99 latency (HdrHistogram), which depend on the machine even more.</li>
 * </ul>
 *
 * <p>Options ({@code --name=value}): {@code requests} per route and round (default 20000), {@code rounds}
 * (default 5), {@code concurrency} (default 16), {@code warmup} requests per route before the first round
 * (default 20000), {@code out} (a Markdown file for the report, default {@code target/gateway-load.md}),
 * {@code jfr} (a file to record a Java Flight Recorder profile of the gateway into; off by default),
 * {@code route-filter-cache} ({@code true} by default: Spring Cloud Gateway's
 * {@code route-filter-cache-enabled}, as docs/gateway.md recommends for gateways with unit routes; without it the
 * gateway sorts every route's filters with its global filters again for every request, which costs a route with
 * a filter, such as {@code unit}, more than a route without one), {@code routes} (a comma-separated subset of
 * the routes to measure, e.g. to profile one route alone; the ratios need them all) and
 * {@code gateway-java-options} (more options for the gateway's JVM, separated by spaces, e.g. a profiler's
 * {@code -agentpath}).
 *
 * <p>Linux only (reads {@code /proc}).
 */
public final class GatewayLoadBenchmark {

    /** The gateway's event loop threads, as the kernel names them (Reactor Netty's, shared by server and client). */
    private static final String EVENT_LOOPS = "reactor-http-";
    private static final String SECRET = "benchmark-secret-0123456789abcdefghij";
    private static final List<String> ALL_ROUTES = List.of("plain-a", "unit", "plain-b", "unit-1up", "plain-6h",
            "plain-5up");
    /** The path prefix of {@code plain-5up}'s route to one cell's upstream; the cell id follows. */
    private static final String SPREAD_PREFIX = "plain-5up-";
    /**
     * What {@code plain-6h} adds to a plain request: six headers as long as the routing headers a unit route
     * writes (plus {@code X-Trace-Key}, the key), under other names, so that the gateway forwards them untouched.
     */
    private static final Map<String, String> CONTROL_HEADERS = Map.of("X-Trace-Shard", "37", "X-Trace-Epoch", "42",
            "X-Trace-Cell", "rz02", "X-Trace-Hops", "0",
            "X-Trace-Signature", "v1:kQ3n9Lx2Jd8Vb7Zp0Yt5Wr4Ue6Ts1Qa2Mc3Nd4Ox5Py6");

    /** The JIT compilers' share of the gateway's CPU below which warming up stops. */
    private static final double SETTLED_COMPILER_SHARE = 0.01;
    private static final int MAX_SETTLING_CYCLES = 20;

    private final int requests;
    private final int rounds;
    private final int concurrency;
    private final int warmup;
    private final Path out;
    private final String jfr;
    private final boolean routeFilterCache;
    /** The routes measured, in {@link #ALL_ROUTES}'s order. */
    private final List<String> routes;
    /** More options for the gateway's JVM, e.g. a profiler agent. */
    private final List<String> gatewayJavaOptions;
    private final String[] keys;
    /** Each key's path prefix on {@code plain-5up}: the plain route to its owner's upstream. */
    private final String[] spreadRoutes;

    private GatewayLoadBenchmark(Map<String, String> options) {
        this.requests = Integer.parseInt(options.getOrDefault("requests", "20000"));
        this.rounds = Integer.parseInt(options.getOrDefault("rounds", "5"));
        this.concurrency = Integer.parseInt(options.getOrDefault("concurrency", "16"));
        this.warmup = Integer.parseInt(options.getOrDefault("warmup", "20000"));
        this.out = Path.of(options.getOrDefault("out", "target/gateway-load.md"));
        this.jfr = options.get("jfr");
        this.routeFilterCache = Boolean.parseBoolean(options.getOrDefault("route-filter-cache", "true"));
        List<String> asked = options.containsKey("routes") ? List.of(options.get("routes").split(",")) : ALL_ROUTES;
        for (String route : asked) {
            if (!ALL_ROUTES.contains(route)) {
                throw new IllegalArgumentException("unknown route '" + route + "' in --routes; known: " + ALL_ROUTES);
            }
        }
        this.routes = ALL_ROUTES.stream().filter(asked::contains).toList();
        String javaOptions = options.getOrDefault("gateway-java-options", "").trim();
        this.gatewayJavaOptions = javaOptions.isEmpty() ? List.of() : List.of(javaOptions.split("\\s+"));
        SplittableRandom random = new SplittableRandom(7);
        this.keys = new String[4096];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = Long.toString(2_088_000_000_000L + random.nextLong(1_000_000_000L));
        }
        // Decided here, before any measurement, by the same rules the gateway routes by.
        this.spreadRoutes = new String[keys.length];
        try (UnitRouter router = UnitRouter.builder().rules(BenchmarkRules.document()).build()) {
            for (int i = 0; i < keys.length; i++) {
                spreadRoutes[i] = SPREAD_PREFIX + router.route(keys[i], Access.READ).cell();
            }
        }
    }

    /**
     * Runs the benchmark and prints the report.
     *
     * @param args {@code --requests=N --rounds=N --concurrency=N --warmup=N --out=FILE}
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchmarkOptions.parse(args);
        new GatewayLoadBenchmark(options).run();
    }

    private void run() throws Exception {
        LoopResources upstreamLoop = LoopResources.create("upstream", 1, true);
        List<DisposableServer> cells = new ArrayList<>();
        for (int i = 0; i < BenchmarkRules.RZONES.length; i++) {
            cells.add(HttpServer.create().host("127.0.0.1").port(0).runOn(upstreamLoop)
                    .handle((request, response) -> request.receive().then(response
                            .header("Content-Type", "application/json")
                            .sendString(Mono.just("{\"status\":\"ok\"}")).then()))
                    .bindNow());
        }
        Path dir = Files.createTempDirectory("unit-router-gateway-bench");
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, BenchmarkRules.text());
        int port = Processes.freePort();
        Process gateway = startGateway(port, cells, rules, dir.resolve("gateway.log"));
        LoopResources clientLoop = LoopResources.create("client", 1, true);
        ConnectionProvider pool = ConnectionProvider.builder("bench").maxConnections(concurrency)
                .pendingAcquireMaxCount(-1).build();
        HttpClient client = HttpClient.create(pool).runOn(clientLoop).baseUrl("http://127.0.0.1:" + port);
        try {
            awaitReady(client, gateway, dir.resolve("gateway.log"));
            System.out.printf(Locale.ROOT, "gateway pid %d on port %d; %d rounds of %d requests per route,"
                    + " concurrency %d%n", gateway.pid(), port, rounds, requests, concurrency);
            for (String route : routes) {
                load(client, route, warmup);
            }
            warmUntilCompiled(client, gateway.pid());
            Map<String, List<Phase>> phases = new LinkedHashMap<>();
            routes.forEach(r -> phases.put(r, new ArrayList<>()));
            for (int round = 0; round < rounds; round++) {
                // Each route twice per round, once on the way there and once on the way back (a b c d e e d c b
                // a), half the requests each time: whatever drifts at a steady pace during a round weighs the
                // same on every route, so that the ratios of one round can be read even if the gateway's CPU per
                // request drifts from round to round.
                List<String> order = new ArrayList<>();
                for (int i = 0; i < routes.size(); i++) {
                    order.add(routes.get((i + round) % routes.size()));
                }
                Map<String, Usage> used = new LinkedHashMap<>();
                for (int visit = 0; visit < 2 * order.size(); visit++) {
                    String route = order.get(visit < order.size() ? visit : 2 * order.size() - 1 - visit);
                    int count = visit < order.size() ? requests / 2 : requests - requests / 2;
                    load(client, route, Math.max(1, count / 4));
                    used.merge(route, measure(client, route, count, gateway.pid()), Usage::plus);
                }
                for (String route : routes) {
                    Phase phase = used.get(route).phase();
                    phases.get(route).add(phase);
                    System.out.printf(Locale.ROOT, "round %d %-8s %6.1f us CPU/request (without JIT %6.1f, event"
                            + " loops %6.1f, JIT %4.1f%%) %5.2f switches/request  client %6.1f us  other load %4.2f"
                            + " CPUs %6.0f req/s  p50 %6.2f ms  p99 %6.2f ms  errors %d%n", round + 1, route,
                            phase.cpuMicrosPerRequest(), phase.steadyMicrosPerRequest(), phase.loopMicrosPerRequest(),
                            100 * phase.compilerShare(), phase.switchesPerRequest(),
                            phase.clientMicrosPerRequest(), phase.otherCpus(), phase.throughput(), phase.p50Millis(),
                            phase.p99Millis(), phase.errors());
                }
            }
            String report = report(phases);
            System.out.println();
            System.out.println(report);
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, report);
            System.out.println("report written to " + out.toAbsolutePath());
        } finally {
            gateway.destroy();
            if (!gateway.waitFor(20, TimeUnit.SECONDS)) {
                gateway.destroyForcibly();
            }
            cells.forEach(DisposableServer::disposeNow);
            pool.disposeLater().block(Duration.ofSeconds(10));
            clientLoop.disposeLater().block(Duration.ofSeconds(10));
            upstreamLoop.disposeLater().block(Duration.ofSeconds(10));
        }
    }

    /**
     * Sends more warm-up requests, a tenth of {@code warmup} per route at a time, until the gateway's JIT
     * compilers use at most {@link #SETTLED_COMPILER_SHARE} of its CPU, or for at most
     * {@link #MAX_SETTLING_CYCLES} cycles. Compiling is a cost of starting, not of a request, but it goes on for
     * tens of seconds under load, and whatever route is measured meanwhile pays for it.
     */
    private void warmUntilCompiled(HttpClient client, long pid) {
        for (int cycle = 1; cycle <= MAX_SETTLING_CYCLES; cycle++) {
            Usage used = null;
            for (String route : routes) {
                Usage usage = measure(client, route, Math.max(1, warmup / 10), pid);
                used = used == null ? usage : used.plus(usage);
            }
            double share = (double) used.compilerNanos() / used.cpuNanos();
            System.out.printf(Locale.ROOT, "warm-up cycle %d: JIT compilers %.1f%% of the gateway's CPU%n", cycle,
                    100 * share);
            if (share <= SETTLED_COMPILER_SHARE) {
                return;
            }
        }
    }

    private Process startGateway(int port, List<DisposableServer> cells, Path rules, Path log) throws IOException {
        String routes = "--spring.cloud.gateway.server.webflux.routes";
        String plainUri = "http://127.0.0.1:" + cells.get(0).port();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms512m", "-Xmx512m", "-XX:+UseG1GC"));
        if (jfr != null) {
            command.add("-XX:StartFlightRecording=settings=profile,filename=" + jfr);
        }
        command.addAll(gatewayJavaOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchmarkGatewayApplication.class.getName(),
                "--server.port=" + port, "--server.address=127.0.0.1",
                "--spring.main.banner-mode=off", "--logging.level.root=WARN",
                "--spring.cloud.gateway.server.webflux.route-filter-cache-enabled=" + routeFilterCache,
                "--unit-router.rules.location=file:" + rules, "--unit-router.security.secret=" + SECRET,
                routes + "[0].id=plain-a", routes + "[0].uri=" + plainUri,
                routes + "[0].predicates[0]=Path=/plain-a/**",
                routes + "[1].id=plain-b", routes + "[1].uri=" + plainUri,
                routes + "[1].predicates[0]=Path=/plain-b/**",
                routes + "[2].id=unit", routes + "[2].uri=no://op", routes + "[2].predicates[0]=Path=/unit/**",
                routes + "[2].filters[0]=UnitRoute=header:X-User-Id",
                routes + "[3].id=unit-1up", routes + "[3].uri=no://op", routes + "[3].predicates[0]=Path=/unit-1up/**",
                routes + "[3].filters[0].name=UnitRoute", routes + "[3].filters[0].args.key-sources=header:X-User-Id"));
        for (int i = 0; i < cells.size(); i++) {
            String cell = BenchmarkRules.RZONES[i];
            command.add("--unit-router.gateway.cells." + cell + ".uri=http://127.0.0.1:" + cells.get(i).port());
            command.add(routes + "[3].filters[0].args.cell-uris." + cell + "=" + plainUri);
            int route = 4 + i;
            command.add(routes + "[" + route + "].id=" + SPREAD_PREFIX + cell);
            command.add(routes + "[" + route + "].uri=http://127.0.0.1:" + cells.get(i).port());
            command.add(routes + "[" + route + "].predicates[0]=Path=/" + SPREAD_PREFIX + cell + "/**");
        }
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private void awaitReady(HttpClient client, Process gateway, Path log) throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            if (!gateway.isAlive()) {
                throw new IllegalStateException("the gateway exited with " + gateway.exitValue() + ":\n"
                        + Files.readString(log));
            }
            // A probe that gets no answer in time (a gateway still starting on a busy machine) is "not yet".
            Integer status = client.get().uri("/plain-a/ready").response().map(r -> r.status().code())
                    .timeout(Duration.ofSeconds(5)).onErrorResume(e -> Mono.empty()).block();
            if (status != null && status == 200) {
                return;
            }
            Mono.delay(Duration.ofMillis(200)).block();
        }
        throw new IllegalStateException("the gateway did not answer within 3 minutes; log:\n" + Files.readString(log));
    }

    /** Sends {@code count} requests to a route and reads what the gateway and the machine used meanwhile. */
    private Usage measure(HttpClient client, String route, int count, long pid) {
        long self = ProcessHandle.current().pid();
        long cpuBefore = Processes.cpuNanos(pid);
        long selfBefore = Processes.cpuNanos(self);
        Processes.ThreadUsage threadsBefore = Processes.threadUsage(pid, EVENT_LOOPS);
        long machineBefore = Processes.machineBusyNanos();
        long start = System.nanoTime();
        Result result = load(client, route, count);
        long wall = System.nanoTime() - start;
        long machine = Processes.machineBusyNanos() - machineBefore;
        long cpu = Processes.cpuNanos(pid) - cpuBefore;
        long selfCpu = Processes.cpuNanos(self) - selfBefore;
        Processes.ThreadUsage threadsAfter = Processes.threadUsage(pid, EVENT_LOOPS);
        return new Usage(count, wall, cpu, threadsAfter.namedNanos() - threadsBefore.namedNanos(),
                threadsAfter.compilerNanos() - threadsBefore.compilerNanos(),
                threadsAfter.contextSwitches() - threadsBefore.contextSwitches(), selfCpu,
                Math.max(0, machine - cpu - selfCpu), result.latency(), result.errors());
    }

    private Result load(HttpClient client, String route, int count) {
        Recorder recorder = new Recorder(TimeUnit.MINUTES.toNanos(1), 3);
        AtomicLong errors = new AtomicLong();
        Flux.range(0, count).flatMap(i -> {
            String key = keys[i & (keys.length - 1)];
            long start = System.nanoTime();
            boolean control = route.equals("plain-6h");
            String path = control ? "plain-a" : route.equals("plain-5up") ? spreadRoutes[i & (keys.length - 1)]
                    : route;
            return client.headers(h -> {
                        h.set("X-User-Id", key).set("Accept", "application/json");
                        if (control) {
                            CONTROL_HEADERS.forEach(h::set);
                            h.set("X-Trace-Key", key);
                        }
                    })
                    .get().uri("/" + path + "/api/accounts/" + key + "/balance?currency=CNY")
                    .responseSingle((response, body) -> body.then(Mono.just(response.status().code())))
                    .doOnNext(status -> {
                        recorder.recordValue(Math.min(System.nanoTime() - start, TimeUnit.MINUTES.toNanos(1)));
                        if (status != 200) {
                            errors.incrementAndGet();
                        }
                    })
                    .onErrorResume(e -> {
                        errors.incrementAndGet();
                        return Mono.empty();
                    });
        }, concurrency).blockLast();
        return new Result(recorder.getIntervalHistogram(), errors.get());
    }

    private String report(Map<String, List<Phase>> phases) {
        StringBuilder text = new StringBuilder();
        if (!routes.equals(ALL_ROUTES)) {
            text.append("Only ").append(routes).append(" were measured: the ratios need every route.\n\n");
        }
        text.append(String.format(Locale.ROOT, "Gateway under load: %d rounds x %d requests per route, concurrency"
                + " %d, route filter cache %s, %d CPUs, %s%n%n", rounds, requests, concurrency,
                routeFilterCache ? "on" : "off", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version")));
        text.append("| route | CPU per request (median) | per-round CPU (us) | without JIT (median) | JIT share"
                + " (median) | event loops (median) | switches per request | throughput (median) | p50 | p99 |\n");
        text.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (String route : routes) {
            List<Phase> list = phases.get(route);
            text.append(String.format(Locale.ROOT, "| %s | %.1f us | %s | %.1f us | %.1f%% | %.1f us | %.2f |"
                    + " %.0f req/s | %.2f ms | %.2f ms |%n", route, median(list, Phase::cpuMicrosPerRequest),
                    String.join(" ", list.stream().map(p -> String.format(Locale.ROOT, "%.1f", p.cpuMicrosPerRequest()))
                            .toList()),
                    median(list, Phase::steadyMicrosPerRequest), 100 * median(list, Phase::compilerShare),
                    median(list, Phase::loopMicrosPerRequest), median(list, Phase::switchesPerRequest),
                    median(list, Phase::throughput), median(list, Phase::p50Millis), median(list, Phase::p99Millis)));
        }
        text.append(String.format(Locale.ROOT, "%nOther load on the machine per round (CPUs busy with neither the"
                + " gateway nor this process, mean over its phases): %s%n", String.join(" ",
                        perRound(phases, round -> routes.stream().mapToDouble(r -> phases.get(r).get(round).otherCpus())
                                .average().orElseThrow()).stream().map(v -> String.format(Locale.ROOT, "%.2f", v))
                                .toList())));
        text.append(String.format(Locale.ROOT, "Load generator and upstreams (this process), CPU per request per"
                + " round: %s%n%n", String.join(" ", perRound(phases, round -> routes.stream()
                        .mapToDouble(r -> phases.get(r).get(round).clientMicrosPerRequest()).average().orElseThrow())
                        .stream().map(v -> String.format(Locale.ROOT, "%.1f us", v)).toList())));
        if (!routes.equals(ALL_ROUTES)) {
            return text.toString();
        }
        ratioTable(text, phases, "CPU per request without the JIT compilers (steady state)",
                Phase::steadyMicrosPerRequest);
        text.append('\n');
        ratioTable(text, phases, "CPU per request, all of it (JIT compilers included)", Phase::cpuMicrosPerRequest);
        text.append(String.format(Locale.ROOT, "%nThroughput, unit / plain: %.3f; A/A: %.3f%n",
                median(phases.get("unit"), Phase::throughput)
                        / ((median(phases.get("plain-a"), Phase::throughput)
                                + median(phases.get("plain-b"), Phase::throughput)) / 2),
                median(phases.get("plain-b"), Phase::throughput) / median(phases.get("plain-a"), Phase::throughput)));
        long errors = phases.values().stream().flatMap(List::stream).mapToLong(Phase::errors).sum();
        text.append("Errors: ").append(errors).append('\n');
        return text.toString();
    }

    /**
     * The ratios of one measure of CPU per request between routes. Ratios are taken within each round, then their
     * median: a drift from round to round cancels out of every ratio.
     */
    private static void ratioTable(StringBuilder text, Map<String, List<Phase>> phases, String title,
            ToDoubleFunction<Phase> cpu) {
        text.append("| ").append(title).append(", ratio within a round | median | interquartile range (per round) |\n");
        text.append("|---|---|---|\n");
        ratioRow(text, "unit / plain (mean of plain-a and plain-b)", ratios(phases, "unit", cpu));
        ratioRow(text, "A/A noise floor, plain-b / plain-a", perRound(phases,
                round -> cpu(phases, "plain-b", round, cpu) / cpu(phases, "plain-a", round, cpu)));
        ratioRow(text, "unit-1up / plain", ratios(phases, "unit-1up", cpu));
        ratioRow(text, "control plain-6h / plain", ratios(phases, "plain-6h", cpu));
        ratioRow(text, "plain-5up / plain (five upstreams instead of one, no unit routing)",
                ratios(phases, "plain-5up", cpu));
        ratioRow(text, "unit / plain-5up (the same requests to the same five upstreams)", perRound(phases,
                round -> cpu(phases, "unit", round, cpu) / cpu(phases, "plain-5up", round, cpu)));
    }

    private static double cpu(Map<String, List<Phase>> phases, String route, int round, ToDoubleFunction<Phase> cpu) {
        return cpu.applyAsDouble(phases.get(route).get(round));
    }

    /** A route's CPU per request over the mean of plain-a's and plain-b's, round by round. */
    private static List<Double> ratios(Map<String, List<Phase>> phases, String route, ToDoubleFunction<Phase> cpu) {
        return perRound(phases, round -> cpu(phases, route, round, cpu)
                / ((cpu(phases, "plain-a", round, cpu) + cpu(phases, "plain-b", round, cpu)) / 2));
    }

    private static List<Double> perRound(Map<String, List<Phase>> phases, IntToDoubleFunction value) {
        List<Double> values = new ArrayList<>();
        for (int round = 0; round < phases.values().iterator().next().size(); round++) {
            values.add(value.applyAsDouble(round));
        }
        return values;
    }

    private static void ratioRow(StringBuilder text, String name, List<Double> ratios) {
        double[] values = ratios.stream().mapToDouble(Double::doubleValue).toArray();
        text.append(String.format(Locale.ROOT, "| %s | **%.3f** | %.3f – %.3f (%s) |%n", name,
                Processes.median(values), Processes.quantile(values, 0.25), Processes.quantile(values, 0.75),
                String.join(" ", ratios.stream().map(r -> String.format(Locale.ROOT, "%.3f", r)).toList())));
    }

    private static double median(List<Phase> phases, ToDoubleFunction<Phase> value) {
        return Processes.median(phases.stream().mapToDouble(value).toArray());
    }

    /**
     * What one or more batches of requests to a route used.
     *
     * @param requests requests sent
     * @param wallNanos time they took
     * @param cpuNanos CPU time of the gateway process meanwhile
     * @param loopNanos the part of it on the gateway's event loops
     * @param compilerNanos the part of it on the gateway's JIT compiler threads
     * @param switches context switches of the gateway's threads
     * @param clientNanos CPU time of this process (the load generator and the upstreams) meanwhile
     * @param otherNanos CPU time of the rest of the machine (neither the gateway nor this process)
     * @param latency their latencies
     * @param errors how many failed
     */
    private record Usage(long requests, long wallNanos, long cpuNanos, long loopNanos, long compilerNanos,
            long switches, long clientNanos, long otherNanos, Histogram latency, long errors) {

        Usage plus(Usage more) {
            Histogram both = latency.copy();
            both.add(more.latency);
            return new Usage(requests + more.requests, wallNanos + more.wallNanos, cpuNanos + more.cpuNanos,
                    loopNanos + more.loopNanos, compilerNanos + more.compilerNanos, switches + more.switches, clientNanos + more.clientNanos,
                    otherNanos + more.otherNanos, both,
                    errors + more.errors);
        }

        Phase phase() {
            return new Phase(cpuNanos / 1e3 / requests, (cpuNanos - compilerNanos) / 1e3 / requests,
                    loopNanos / 1e3 / requests, (double) compilerNanos / cpuNanos, (double) switches / requests,
                    clientNanos / 1e3 / requests, (double) otherNanos / wallNanos, requests * 1e9 / wallNanos,
                    latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6, errors);
        }
    }

    /** One route's figures in one round. */
    private record Phase(double cpuMicrosPerRequest, double steadyMicrosPerRequest, double loopMicrosPerRequest,
            double compilerShare, double switchesPerRequest,
            double clientMicrosPerRequest, double otherCpus, double throughput, double p50Millis, double p99Millis,
            long errors) {
    }

    /** Latencies and error count of a batch of requests. */
    private record Result(Histogram latency, long errors) {
    }
}
