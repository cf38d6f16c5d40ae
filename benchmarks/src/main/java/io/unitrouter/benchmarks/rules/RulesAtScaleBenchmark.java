package io.unitrouter.benchmarks.rules;

import io.unitrouter.core.Access;
import io.unitrouter.core.RouteDecision;
import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * What one epoch costs an instance, per document shape (see {@link RuleShapes}): parsing and validating the
 * text ({@link #parseYaml}, {@link #parseJson}), compiling the routing table ({@link #build}), putting a new
 * epoch in force in a router ({@link #apply}: table, checks and the router's precomputed decisions), and one
 * routing decision against it ({@link #route}, which must stay allocation-free).
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main RulesAtScaleBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RulesAtScaleBenchmark {

    private static final int KEY_COUNT = 1024;
    private static final int KEY_MASK = KEY_COUNT - 1;

    @Param({RuleShapes.TEN_K, RuleShapes.HUNDRED_K, RuleShapes.FROZEN_1K, RuleShapes.FROZEN_10K,
        RuleShapes.RANGES_100K, RuleShapes.KEYS_100K})
    public String shape;

    private RuleDocument document;
    private RuleDocument nextEpoch;
    private String yaml;
    private String json;
    private UnitRouter routing;
    private String[] keys;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        document = RuleShapes.document(shape);
        nextEpoch = document.toBuilder().epoch(document.epoch() + 1).build();
        yaml = RuleDocuments.toYaml(document);
        json = JsonText.of(yaml);
        routing = UnitRouter.builder().rules(document).localCell("rz01").build();
        keys = keys(shape);
        next = 0;
    }

    /**
     * A fresh router at the base epoch before each {@link #apply}, so that apply always moves one epoch
     * forward. Its own state, so that the per-call setup touches no other benchmark.
     */
    @State(Scope.Thread)
    public static class FreshRouter {

        UnitRouter router;
        RuleDocument nextEpoch;

        @Setup(Level.Invocation)
        public void open(RulesAtScaleBenchmark benchmark) {
            router = UnitRouter.builder().rules(benchmark.document).localCell("rz01").build();
            nextEpoch = benchmark.nextEpoch;
        }

        @TearDown(Level.Invocation)
        public void close() {
            router.close();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        routing.close();
    }

    /** Parse and validate the YAML text, as a store does with every epoch it reads. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public RuleDocument parseYaml() {
        return RuleDocuments.parse(yaml, "bench.yaml");
    }

    /**
     * SnakeYAML's event parser alone over the same YAML text, every event dropped, read the way
     * {@code parseYaml} reads it (one shared mark): the floor under {@link #parseYaml}, which no reading code on
     * top of these events can go below.
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int parseYamlEventsOnly() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(4 * 1024 * 1024);
        ParserImpl parser = new ParserImpl(new OneMarkReader(yaml), options);
        int events = 0;
        while (!parser.checkEvent(Event.ID.StreamEnd)) {
            parser.getEvent();
            events++;
        }
        return events;
    }

    /** SnakeYAML's reader handing out one mark for every token, as core's reader does. */
    private static final class OneMarkReader extends StreamReader {

        private final Mark mark;

        OneMarkReader(String text) {
            super(text);
            this.mark = super.getMark();
        }

        @Override
        public Mark getMark() {
            return mark;
        }
    }

    /** Parse and validate the same document written as JSON. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public RuleDocument parseJson() {
        return RuleDocuments.parse(json, "bench.json");
    }

    /** Compile the routing table of a parsed document. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public RoutingTable build() {
        return RoutingTable.of(document);
    }

    /** Put the next epoch in force in a router: table, checks, precomputed decisions, listeners. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public boolean apply(FreshRouter fresh) {
        return fresh.router.apply(fresh.nextEpoch);
    }

    /** One write decision for a key; with key overrides, every other key is overridden. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public RouteDecision route() {
        int i = next;
        next = (i + 1) & KEY_MASK;
        return routing.route(keys[i], Access.WRITE);
    }

    /** Only the key load of {@link #route}: the floor under it. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void baselineKeyLoad(Blackhole hole) {
        int i = next;
        next = (i + 1) & KEY_MASK;
        hole.consume(keys[i]);
    }

    /** 13-digit user ids; for the key-override shape, every other one is an overridden key. */
    private static String[] keys(String shape) {
        SplittableRandom random = new SplittableRandom(0x5eed_2088L);
        List<String> overridden = shape.equals(RuleShapes.KEYS_100K) ? RuleShapes.overrideKeys(100_000) : List.of();
        String[] keys = new String[KEY_COUNT];
        for (int i = 0; i < KEY_COUNT; i++) {
            keys[i] = !overridden.isEmpty() && i % 2 == 0 ? overridden.get(random.nextInt(overridden.size()))
                    : Long.toString(2_089_000_000_000L + random.nextLong(1_000_000_000L));
        }
        return keys;
    }
}
