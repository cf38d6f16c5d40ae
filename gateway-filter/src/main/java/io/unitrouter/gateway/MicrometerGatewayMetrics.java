package io.unitrouter.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publishes the gateway's work as Micrometer meters:
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>what</th></tr>
 *   <tr><td>{@code unitrouter.gateway.requests}</td><td>counter</td><td>{@code outcome} (see
 *       {@link GatewayOutcome#tag()}), {@code cell} (target cell, or {@code none})</td><td>requests handled by a
 *       unit route</td></tr>
 *   <tr><td>{@code unitrouter.gateway.hold}</td><td>timer</td><td>{@code result}: {@code forwarded},
 *       {@code expired}, {@code cancelled}</td><td>how long writes to frozen shards were held</td></tr>
 *   <tr><td>{@code unitrouter.gateway.holds.active}</td><td>gauge</td><td></td><td>writes being held now</td></tr>
 *   <tr><td>{@code unitrouter.gateway.routing-headers.removed}</td><td>counter</td><td>{@code verdict}:
 *       {@code genuine}, {@code forged}, {@code unverified}</td><td>requests that arrived with
 *       {@code X-Unit-*} headers</td></tr>
 * </table>
 *
 * <p>Thread-safe. Meters are created on first use and cached; the request path does not allocate once every
 * (outcome, cell) pair has been seen.
 */
public final class MicrometerGatewayMetrics implements GatewayMetrics {

    /** The common prefix of every meter name. */
    public static final String PREFIX = "unitrouter.gateway.";

    private static final String NO_CELL = "none";

    private final MeterRegistry registry;
    private final Map<GatewayOutcome, Map<String, Counter>> requests = new EnumMap<>(GatewayOutcome.class);
    private final Map<String, Counter> removed = new ConcurrentHashMap<>();
    private final Map<String, Timer> holds = new ConcurrentHashMap<>();
    private final AtomicInteger activeHolds = new AtomicInteger();

    /**
     * Registers the hold timer and gauge; counters follow on first use.
     *
     * @param registry where the meters go
     */
    public MicrometerGatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (GatewayOutcome outcome : GatewayOutcome.values()) {
            requests.put(outcome, new ConcurrentHashMap<>());
        }
        holds.put(Hold.FORWARDED, holdTimer(Hold.FORWARDED));
        holds.put(Hold.EXPIRED, holdTimer(Hold.EXPIRED));
        Gauge.builder(PREFIX + "holds.active", activeHolds, AtomicInteger::get)
                .description("Writes to frozen shards being held now").register(registry);
    }

    private Timer holdTimer(String result) {
        return Timer.builder(PREFIX + "hold").tag("result", result)
                .description("How long writes to frozen shards were held before being forwarded or refused")
                .register(registry);
    }

    @Override
    public void request(GatewayOutcome outcome, String cell) {
        String tag = cell == null ? NO_CELL : cell;
        Map<String, Counter> byCell = requests.get(outcome);
        Counter counter = byCell.get(tag);
        if (counter == null) {
            counter = byCell.computeIfAbsent(tag, c -> Counter.builder(PREFIX + "requests")
                    .tag("outcome", outcome.tag()).tag("cell", c)
                    .description("Requests handled by a unit route, by outcome and target cell").register(registry));
        }
        counter.increment();
    }

    @Override
    public void holdStarted() {
        activeHolds.incrementAndGet();
    }

    @Override
    public void holdEnded(long nanos, String result) {
        activeHolds.decrementAndGet();
        holds.computeIfAbsent(result, this::holdTimer).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void routingHeadersRemoved(String verdict) {
        removed.computeIfAbsent(verdict, v -> Counter.builder(PREFIX + "routing-headers.removed").tag("verdict", v)
                .description("Requests that arrived with X-Unit-* headers, which the gateway removed")
                .register(registry)).increment();
    }

    @Override
    public String toString() {
        return "MicrometerGatewayMetrics[" + registry.getClass().getSimpleName() + "]";
    }
}
