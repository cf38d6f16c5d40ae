package io.unitrouter.spring.metrics;

import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.rules.RuleRejection;
import io.unitrouter.core.spi.AbstractRuleStore;
import io.unitrouter.core.spi.RuleStore;
import java.util.Optional;

/**
 * The last rule rejection an instance knows of. A store that starts on its last-good copy rejects the newer
 * document before the router exists and can listen, so the router alone would not know of it; the store does.
 *
 * <p>Stateless and thread-safe.
 */
public final class RuleRejections {

    private RuleRejections() {
    }

    /**
     * The newer of the router's last rejection and the store's.
     *
     * @param router the router
     * @param store its rule store, or {@code null}
     * @return the last rejection, if any
     */
    public static Optional<RuleRejection> latest(UnitRouter router, RuleStore store) {
        Optional<RuleRejection> routed = router.lastRejection();
        Optional<RuleRejection> stored = store instanceof AbstractRuleStore abstractStore
                ? abstractStore.lastRejection() : Optional.empty();
        if (routed.isEmpty()) {
            return stored;
        }
        if (stored.isEmpty()) {
            return routed;
        }
        return stored.get().at().isAfter(routed.get().at()) ? stored : routed;
    }
}
