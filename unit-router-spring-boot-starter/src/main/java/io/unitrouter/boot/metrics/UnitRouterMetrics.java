package io.unitrouter.boot.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.unitrouter.boot.client.OutboundListener;
import io.unitrouter.boot.web.InboundListener;
import io.unitrouter.boot.web.Verdict;
import io.unitrouter.core.RouteDecision;
import io.unitrouter.core.RoutingTable;
import io.unitrouter.core.UnitRouter;
import io.unitrouter.core.rules.RuleRejection;
import io.unitrouter.core.spi.RuleStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes what unit-router does as Micrometer meters:
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>counts</th></tr>
 *   <tr><td>{@code unitrouter.requests}</td><td>counter</td><td>{@code decision}: local, unrouted, misdirected,
 *       forwarded, observed, frozen, missing-key, malformed, unsigned, bad-signature</td><td>inbound requests</td></tr>
 *   <tr><td>{@code unitrouter.outbound.calls}</td><td>counter</td><td>{@code cell}, {@code scope}</td>
 *       <td>routed outgoing calls by target cell</td></tr>
 *   <tr><td>{@code unitrouter.rules.reloads}</td><td>counter</td><td></td><td>rule documents put in force</td></tr>
 *   <tr><td>{@code unitrouter.rules.rejections}</td><td>counter</td><td></td><td>rule documents refused</td></tr>
 *   <tr><td>{@code unitrouter.rules.epoch}</td><td>gauge</td><td></td><td>the epoch in force</td></tr>
 * </table>
 *
 * <p>Thread-safe.
 */
public final class UnitRouterMetrics implements InboundListener, OutboundListener, UnitRouter.Listener {

    private final MeterRegistry registry;
    private final Map<String, Counter> inbound = new ConcurrentHashMap<>();
    private final Map<String, Counter> outbound = new ConcurrentHashMap<>();
    private final Counter reloads;
    private final Counter rejections;

    /**
     * Registers the meters and starts listening to the router.
     *
     * @param registry where meters go
     * @param router the router whose epoch and rule changes are published
     */
    public UnitRouterMetrics(MeterRegistry registry, UnitRouter router) {
        this(registry, router, null);
    }

    /**
     * Registers the meters and starts listening to the router; a rejection made before (by the store, while the
     * router was being built) is counted once.
     *
     * @param registry where meters go
     * @param router the router whose epoch and rule changes are published
     * @param store the router's rule store; may be {@code null}
     */
    public UnitRouterMetrics(MeterRegistry registry, UnitRouter router, RuleStore store) {
        this.registry = registry;
        this.reloads = Counter.builder("unitrouter.rules.reloads").description("Rule documents put in force")
                .register(registry);
        this.rejections = Counter.builder("unitrouter.rules.rejections")
                .description("Rule documents refused; the rules in force stayed").register(registry);
        Gauge.builder("unitrouter.rules.epoch", router, r -> r.table().epoch())
                .description("The epoch of the rules in force").register(registry);
        router.addListener(this);
        RuleRejections.latest(router, store).ifPresent(r -> rejections.increment());
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

    @Override
    public void onApplied(RoutingTable previous, RoutingTable current) {
        reloads.increment();
    }

    @Override
    public void onRejected(RuleRejection rejection) {
        rejections.increment();
    }
}
