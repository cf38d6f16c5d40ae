package io.unitrouter.spring.actuate;

import io.unitrouter.core.Cell;
import io.unitrouter.core.ShardRange;
import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.spi.RuleStore;
import io.unitrouter.spring.metrics.RuleRejections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code unitrouter} actuator endpoint: the local cell, the rules in force (epoch, checksum, source,
 * shards per cell, frozen shards, active GZone) and the last rejected document with its errors.
 *
 * <p>Thread-safe.
 */
@Endpoint(id = "unitrouter")
public class UnitRouterEndpoint {

    private final UnitRouter router;
    private final RuleStore store;

    /**
     * @param router the router to describe
     */
    public UnitRouterEndpoint(UnitRouter router) {
        this(router, null);
    }

    /**
     * @param router the router to describe
     * @param store the router's rule store, for a rejection made before the router could hear of it (a start on
     *     the last-good copy); may be {@code null}
     */
    public UnitRouterEndpoint(UnitRouter router, RuleStore store) {
        this.router = router;
        this.store = store;
    }

    /** The state of routing on this instance. */
    @ReadOperation
    public Map<String, Object> state() {
        RoutingTable table = router.table();
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("localCell", router.localCell().map(Cell::id).orElse(null));
        state.put("epoch", table.epoch());
        state.put("checksum", table.checksum());
        state.put("source", table.document().source());
        state.put("shards", table.shards());
        state.put("shardFunction", table.document().shardFunctionSpec().type());
        state.put("shardsPerCell", table.shardCounts());
        state.put("frozen", ShardRange.compress(table.frozenShards()).stream().map(ShardRange::toString).toList());
        state.put("activeGZone", table.activeGZone().map(Cell::id).orElse(null));
        state.put("lastRejection", RuleRejections.latest(router, store).map(r -> {
            Map<String, Object> rejection = new LinkedHashMap<>();
            rejection.put("source", r.source());
            rejection.put("epoch", r.epoch());
            rejection.put("errors", r.errors());
            rejection.put("at", r.at().toString());
            return rejection;
        }).orElse(null));
        return state;
    }
}
