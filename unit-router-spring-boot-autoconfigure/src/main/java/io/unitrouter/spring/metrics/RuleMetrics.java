package io.unitrouter.spring.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.rules.RuleRejection;
import io.unitrouter.core.spi.RuleStore;

/**
 * Publishes the router's rules as Micrometer meters, on a gateway and on a cell alike:
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>counts</th></tr>
 *   <tr><td>{@code unitrouter.rules.reloads}</td><td>counter</td><td>rule documents put in force</td></tr>
 *   <tr><td>{@code unitrouter.rules.rejections}</td><td>counter</td><td>rule documents refused</td></tr>
 *   <tr><td>{@code unitrouter.rules.epoch}</td><td>gauge</td><td>the epoch in force</td></tr>
 * </table>
 *
 * <p>Thread-safe.
 */
public final class RuleMetrics implements UnitRouter.Listener {

    private final Counter reloads;
    private final Counter rejections;

    /**
     * Registers the meters and starts listening to the router; a rejection made before (by the store, while the
     * router was being built) is counted once.
     *
     * @param registry where meters go
     * @param router the router whose epoch and rule changes are published
     * @param store the router's rule store; may be {@code null}
     */
    public RuleMetrics(MeterRegistry registry, UnitRouter router, RuleStore store) {
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
    public void onApplied(RoutingTable previous, RoutingTable current) {
        reloads.increment();
    }

    @Override
    public void onRejected(RuleRejection rejection) {
        rejections.increment();
    }
}
