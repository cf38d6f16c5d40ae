package io.unitrouter.cli;

import io.unitrouter.core.failover.FailoverCoordinator;
import io.unitrouter.core.failover.FailoverListener;
import io.unitrouter.core.failover.Liveness;
import io.unitrouter.core.rules.RuleDocument;

/**
 * A coordinator for one CLI command: the store of the rules the options name (a file store watching the file, or
 * the Nacos store), the journal beside it, and the fence from the options. Closing it closes the store.
 */
final class FailoverSession implements AutoCloseable {

    private final RuleSource rules;
    private final FailoverCoordinator coordinator;

    private FailoverSession(RuleSource rules, FailoverCoordinator coordinator) {
        this.rules = rules;
        this.coordinator = coordinator;
    }

    /**
     * Opens the store and builds the coordinator.
     *
     * @throws CliException if the rules cannot be read (a missing file or data id, an unreachable server)
     * @throws io.unitrouter.core.rules.RuleValidationException if they are invalid
     */
    static FailoverSession open(CoordinatorOptions options, FailoverListener listener, RuleSources sources) {
        RuleSource rules = sources.open(options.rules);
        try {
            RuleDocument document = rules.read();
            FailoverCoordinator.Builder builder = FailoverCoordinator.builder().ruleStore(rules.store())
                    .journal(rules.journal()).barrierTimeout(options.barrierTimeout)
                    .liveness(new Liveness(options.livenessTtl, Liveness.DEFAULT_PRUNE_AFTER)).listener(listener);
            if (options.fence.none) {
                builder.withoutFence();
            } else {
                builder.fence(FenceConfig.read(options.fence.config, document.shards(), System::getenv));
            }
            if (options.operator != null) {
                builder.operator(options.operator);
            }
            return new FailoverSession(rules, builder.build());
        } catch (RuntimeException e) {
            rules.close();
            throw e;
        }
    }

    FailoverCoordinator coordinator() {
        return coordinator;
    }

    @Override
    public void close() {
        rules.close();
    }
}
