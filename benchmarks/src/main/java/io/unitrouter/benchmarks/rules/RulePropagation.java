package io.unitrouter.benchmarks.rules;

import io.unitrouter.benchmarks.BenchmarkOptions;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import io.unitrouter.core.store.FileRuleStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Propagation of a publish through the file store: N router instances in this JVM, each with its own
 * {@link FileRuleStore} on one rule file (its own watcher, parse and table, as separate processes would have),
 * and a publisher that calls {@code compareAndSet}. Each sample is the time from {@code compareAndSet} returning
 * to the last instance's router listener hearing of the new epoch; the publisher waits for all of them before
 * the next publish. Each publish moves one shard to another cell. The first {@code warmup} publishes are not
 * counted.
 *
 * <p>All instances share this machine's cores, so N instances also means N parses and N table builds competing
 * for them: on a 2-core machine the 50-instance figure is mostly that competition, an upper bound for 50
 * separate machines.
 *
 * <p>Options ({@code --name=value}): {@code shape} (a {@link RuleShapes} name, default
 * {@value RuleShapes#TEN_K}), {@code instances} (comma-separated counts, default {@code 1,10,50}),
 * {@code publishes} (counted samples per count, default 60), {@code warmup} (default 10), {@code out}
 * (default {@code benchmarks/target/rule-propagation.md}, appended to).
 */
public final class RulePropagation {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final String shape;
    private final int publishes;
    private final int warmup;

    private RulePropagation(String shape, int publishes, int warmup) {
        this.shape = shape;
        this.publishes = publishes;
        this.warmup = warmup;
    }

    /**
     * Runs the harness and prints a Markdown table row per instance count.
     *
     * @param args {@code --shape=S --instances=1,10,50 --publishes=N --warmup=N --out=FILE}
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchmarkOptions.parse(args);
        String shape = options.getOrDefault("shape", RuleShapes.TEN_K);
        int[] counts = Arrays.stream(options.getOrDefault("instances", "1,10,50").split(","))
                .mapToInt(c -> Integer.parseInt(c.trim())).toArray();
        RulePropagation harness = new RulePropagation(shape, Integer.parseInt(options.getOrDefault("publishes", "60")),
                Integer.parseInt(options.getOrDefault("warmup", "10")));
        Path out = Path.of(options.getOrDefault("out", "benchmarks/target/rule-propagation.md"));
        StringBuilder report = new StringBuilder();
        for (int count : counts) {
            String row = harness.run(count);
            System.out.println(row);
            report.append(row).append('\n');
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    /** One instance count: a fresh directory, the instances, the publishes; returns a table row. */
    private String run(int instances) throws IOException, InterruptedException {
        Path file = Files.createTempDirectory("rule-propagation").resolve("rules.yaml");
        RuleDocument document = RuleShapes.document(shape);
        Files.writeString(file, RuleDocuments.toYaml(document));
        List<FileRuleStore> stores = new ArrayList<>();
        List<UnitRouter> routers = new ArrayList<>();
        AtomicLong target = new AtomicLong();
        CountDownLatch[] arrived = {new CountDownLatch(0)};
        long[] lastArrival = new long[1];
        Object arrivalLock = new Object();
        for (int i = 0; i < instances; i++) {
            FileRuleStore store = FileRuleStore.open(file);
            UnitRouter router = UnitRouter.builder().ruleStore(store).localCell(RuleShapes.RZONES[i % 5])
                    .instanceId("instance-" + i).build();
            router.addListener((previous, current) -> {
                if (current.epoch() == target.get()) {
                    long now = System.nanoTime();
                    synchronized (arrivalLock) {
                        lastArrival[0] = Math.max(lastArrival[0], now);
                    }
                    arrived[0].countDown();
                }
            });
            stores.add(store);
            routers.add(router);
        }
        FileRuleStore publisher = FileRuleStore.builder(file).watch(false).build();
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        int shards = document.shards();
        try {
            for (int p = 0; p < warmup + publishes; p++) {
                RuleDocument next = RuleShapes.moveShard(document, (p * 7919) % shards);
                synchronized (arrivalLock) {
                    lastArrival[0] = 0;
                }
                arrived[0] = new CountDownLatch(instances);
                target.set(next.epoch());
                if (!publisher.compareAndSet(document.epoch(), next)) {
                    throw new IllegalStateException("compare-and-set from epoch " + document.epoch() + " lost");
                }
                long published = System.nanoTime();
                if (!arrived[0].await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                    throw new IllegalStateException(arrived[0].getCount() + " of " + instances
                            + " instances did not apply epoch " + next.epoch() + " within " + WAIT);
                }
                long last;
                synchronized (arrivalLock) {
                    last = lastArrival[0];
                }
                if (p >= warmup) {
                    histogram.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(last - published)));
                }
                document = next;
            }
        } finally {
            routers.forEach(UnitRouter::close);
            stores.forEach(FileRuleStore::close);
            publisher.close();
        }
        return String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.1f | %.1f |", shape, instances,
                histogram.getTotalCount(), histogram.getValueAtPercentile(50) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0, histogram.getMaxValue() / 1000.0);
    }
}
