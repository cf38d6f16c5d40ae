package io.unitrouter.cli;

import io.unitrouter.core.failover.FailoverCoordinator;
import io.unitrouter.core.failover.FailoverListener;
import io.unitrouter.core.failover.Liveness;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.store.FileFailoverJournal;
import io.unitrouter.core.store.FileRuleStore;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A coordinator on a file store for one CLI command: the rule file's store (watching, so that publishes by
 * anyone are seen), the journal beside it, and the fence from the options. Closing it closes the store.
 */
final class FailoverSession implements AutoCloseable {

    private final FileRuleStore store;
    private final FailoverCoordinator coordinator;

    private FailoverSession(FileRuleStore store, FailoverCoordinator coordinator) {
        this.store = store;
        this.coordinator = coordinator;
    }

    /**
     * Opens the store and builds the coordinator.
     *
     * @throws CliException if the rule file is missing or unreadable
     * @throws io.unitrouter.core.rules.RuleValidationException if it is invalid
     */
    static FailoverSession open(CoordinatorOptions options, FailoverListener listener) {
        RuleDocument rules = RuleFiles.read(options.rules);
        FileRuleStore store = openStore(options.rules);
        try {
            FailoverCoordinator.Builder builder = FailoverCoordinator.builder().ruleStore(store)
                    .journal(FileFailoverJournal.beside(options.rules)).barrierTimeout(options.barrierTimeout)
                    .liveness(new Liveness(options.livenessTtl, Liveness.DEFAULT_PRUNE_AFTER)).listener(listener);
            if (options.fence.none) {
                builder.withoutFence();
            } else {
                builder.fence(FenceConfig.read(options.fence.config, rules.shards(), System::getenv));
            }
            if (options.operator != null) {
                builder.operator(options.operator);
            }
            return new FailoverSession(store, builder.build());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The file store on a rule file, polling often: a coordinator waits to see its own publishes. */
    static FileRuleStore openStore(Path rules) {
        return FileRuleStore.builder(rules).pollInterval(Duration.ofMillis(100)).build();
    }

    FailoverCoordinator coordinator() {
        return coordinator;
    }

    @Override
    public void close() {
        store.close();
    }
}
