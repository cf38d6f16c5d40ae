package io.unitrouter.benchmarks;

import io.unitrouter.core.Access;
import io.unitrouter.core.Cell;
import io.unitrouter.core.CellKind;
import io.unitrouter.core.RouteDecision;
import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.ShardFunctionSpec;
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

/**
 * The cost of one routing decision in the core: key check, shard function, override lookup and the
 * precomputed decision, for each built-in shard function.
 *
 * <p>The rules are the reference three-cities layout (three cities, five RZones owning 20 shards each,
 * 100 shards, two GZones and a CZone), built in code with the shard function under test. Keys are 1024
 * pre-generated 13-digit user ids, cycled so that each call sees a different key and shard.
 * {@link #baselineKeyLoad} measures only the harness and the key load; subtract it from the others to
 * estimate the routing cost itself.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar RouteDecisionBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RouteDecisionBenchmark {

    /** How many distinct keys are cycled; a power of two so that the index wraps with a mask. */
    static final int KEY_COUNT = 1024;
    private static final int KEY_MASK = KEY_COUNT - 1;
    private static final long SEED = 0x5eed_2088L;

    /** The shard function of the rules: {@code mod}, {@code digits} (position 3, width 2) or {@code hash}. */
    @Param({"mod", "digits", "hash"})
    public String shardFunction;

    private UnitRouter router;
    private RoutingTable table;
    private String[] keys;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        router = UnitRouter.builder().rules(threeCities(spec(shardFunction))).localCell("rz01").build();
        table = router.table();
        keys = userIds(KEY_COUNT, SEED);
        next = 0;
        checkRoutes();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        router.close();
    }

    /** The full router call an integration makes for a write: shard, override check, decision. */
    @Benchmark
    public RouteDecision route() {
        return router.route(nextKey(), Access.WRITE);
    }

    /** The routing table lookup alone: shard and target cell, without a decision object. */
    @Benchmark
    public Cell targetCell() {
        return table.targetOf(nextKey());
    }

    /** Only the harness and the key load: the floor under the other two. */
    @Benchmark
    public String baselineKeyLoad() {
        return nextKey();
    }

    private String nextKey() {
        int i = next;
        next = (i + 1) & KEY_MASK;
        return keys[i];
    }

    static ShardFunctionSpec spec(String name) {
        switch (name) {
            case "mod":
                return ShardFunctionSpec.mod();
            case "digits":
                return ShardFunctionSpec.digits(3, 2);
            case "hash":
                return ShardFunctionSpec.hash();
            default:
                throw new IllegalArgumentException("unknown shard function '" + name
                        + "' (expected mod, digits or hash)");
        }
    }

    /** The layout of {@code unit-router-core/src/test/resources/rules/three-cities.yaml}, with a chosen function. */
    static RuleDocument threeCities(ShardFunctionSpec function) {
        return RuleDocument.builder()
                .source("<benchmark three-cities>")
                .epoch(42)
                .shards(100)
                .shardFunction(function)
                .city("hz", "hz1", "hz2")
                .city("sh", "sh1", "sh2")
                .city("sz", "sz1")
                .cell("rz01", CellKind.RZONE, "hz1", 100, null)
                .cell("rz02", CellKind.RZONE, "hz2", 100, null)
                .cell("rz03", CellKind.RZONE, "sh1", 100, null)
                .cell("rz04", CellKind.RZONE, "sh2", 100, null)
                .cell("rz05", CellKind.RZONE, "sz1", 100, null)
                .cell("gz01", CellKind.GZONE, "hz1", null, "gz02")
                .cell("gz02", CellKind.GZONE, "sh1", null, null)
                .cell("czhz", CellKind.CZONE, "hz2", null, null)
                .route("0-19", "rz01")
                .route("20-39", "rz02")
                .route("40-59", "rz03")
                .route("60-79", "rz04")
                .route("80-99", "rz05")
                .build();
    }

    /**
     * User ids shaped like a payment platform's: {@code 2088} followed by nine random digits, 13 digits in all.
     * The same seed gives the same keys on every run.
     */
    static String[] userIds(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] ids = new String[count];
        for (int i = 0; i < count; i++) {
            ids[i] = Long.toString(2088_000_000_000L + random.nextLong(1_000_000_000L));
        }
        return ids;
    }

    /** Fails the trial early if the setup would measure errors instead of routes. */
    private void checkRoutes() {
        java.util.Set<String> cells = new java.util.HashSet<>();
        for (String key : keys) {
            RouteDecision decision = router.route(key, Access.WRITE);
            if (decision.target() != table.targetOf(key) || decision.overridden() || decision.frozen()) {
                throw new IllegalStateException("unexpected decision " + decision + " for key " + key);
            }
            cells.add(decision.cell());
        }
        if (cells.size() != 5) {
            throw new IllegalStateException("the keys reach only cells " + cells + ", expected all five RZones");
        }
    }
}
