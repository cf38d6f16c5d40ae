package io.unitrouter.gateway;

import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.routing.UnitRouter;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Tells held requests when the next epoch is in force. Each {@link #next()} completes when the router applies
 * any epoch after the call; it never completes for one already in force.
 *
 * <p>Thread-safe. {@link #onApplied} only completes a sink; subscribers continue on their own scheduler.
 */
final class EpochWatcher implements UnitRouter.Listener {

    private final AtomicReference<Sinks.One<Long>> next = new AtomicReference<>(Sinks.one());

    /**
     * Registers with a router.
     *
     * @param router the router whose epochs to follow
     * @return the watcher
     */
    static EpochWatcher watching(UnitRouter router) {
        EpochWatcher watcher = new EpochWatcher();
        router.addListener(watcher);
        return watcher;
    }

    /** Completes with the epoch applied after this call. Take it before deciding, so no change is missed. */
    Mono<Long> next() {
        return next.get().asMono();
    }

    @Override
    public void onApplied(RoutingTable previous, RoutingTable current) {
        Sinks.One<Long> done = next.getAndSet(Sinks.one());
        done.tryEmitValue(current.epoch());
    }
}
