package io.unitrouter.console.web;

import io.unitrouter.console.failover.FailoverSetup;
import io.unitrouter.core.failover.Convergence;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The convergence of every instance's applied-epoch report now. Read from the store on every request rather than
 * through {@code FailoverCoordinator.convergence()}, which also prunes old reports: a page view must not write to
 * the rule store.
 */
@Component
class Convergences {

    private final FailoverSetup setup;
    private final Clock clock;

    Convergences(FailoverSetup setup, ObjectProvider<Clock> clock) {
        this.setup = setup;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    Convergence now() {
        return Convergence.of(setup.store().appliedEpochs().values(), clock.instant(), setup.liveness());
    }
}
