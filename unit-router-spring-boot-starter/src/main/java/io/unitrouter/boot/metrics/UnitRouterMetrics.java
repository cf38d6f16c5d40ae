package io.unitrouter.boot.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.unitrouter.boot.client.OutboundListener;
import io.unitrouter.boot.web.InboundListener;
import io.unitrouter.boot.web.Verdict;
import io.unitrouter.core.RouteDecision;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes a cell's traffic as Micrometer meters; the rule meters ({@code unitrouter.rules.*}) are
 * {@link io.unitrouter.spring.metrics.RuleMetrics}, shared with the gateway:
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>counts</th></tr>
 *   <tr><td>{@code unitrouter.requests}</td><td>counter</td><td>{@code decision}: local, unrouted, misdirected,
 *       forwarded, observed, frozen, missing-key, malformed, unsigned, bad-signature</td><td>inbound requests</td></tr>
 *   <tr><td>{@code unitrouter.outbound.calls}</td><td>counter</td><td>{@code cell}, {@code scope}</td>
 *       <td>routed outgoing calls by target cell</td></tr>
 * </table>
 *
 * <p>Thread-safe.
 */
public final class UnitRouterMetrics implements InboundListener, OutboundListener {

    private final MeterRegistry registry;
    private final Map<String, Counter> inbound = new ConcurrentHashMap<>();
    private final Map<String, Counter> outbound = new ConcurrentHashMap<>();

    /**
     * @param registry where meters go; they are registered on first use
     */
    public UnitRouterMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onVerdict(Verdict verdict) {
        String tag = verdict.outcome().tag();
        inbound.computeIfAbsent(tag, t -> Counter.builder("unitrouter.requests").tag("decision", t)
                .description("Inbound requests by routing decision").register(registry)).increment();
    }

    @Override
    public void onCall(RouteDecision decision) {
        String key = decision.cell() + '|' + decision.scope();
        outbound.computeIfAbsent(key, k -> Counter.builder("unitrouter.outbound.calls").tag("cell", decision.cell())
                .tag("scope", decision.scope().name().toLowerCase()).description("Routed outgoing calls by target cell")
                .register(registry)).increment();
    }
}
