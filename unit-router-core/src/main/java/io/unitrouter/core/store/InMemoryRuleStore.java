package io.unitrouter.core.store;

import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import io.unitrouter.core.spi.AbstractRuleStore;
import io.unitrouter.core.spi.AppliedEpoch;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A rule store in memory, for tests and for single-process use. Listeners are called on the publishing
 * thread.
 *
 * <p>Thread-safe.
 */
public final class InMemoryRuleStore extends AbstractRuleStore {

    private final Map<String, AppliedEpoch> applied = new ConcurrentHashMap<>();

    /** An empty store: {@link #load()} fails until something is published. */
    public InMemoryRuleStore() {
        super("memory");
    }

    /**
     * A store holding {@code initial}.
     *
     * @param initial the first document in force
     */
    public InMemoryRuleStore(RuleDocument initial) {
        this();
        offer(RuleDocuments.toYaml(initial), initial.source());
    }

    @Override
    public synchronized boolean compareAndSet(long expectedEpoch, RuleDocument next) {
        checkNextEpoch(expectedEpoch, next);
        long inForce = current().map(RuleDocument::epoch).orElse(-1L);
        if (inForce != expectedEpoch) {
            return false;
        }
        return offer(RuleDocuments.toYaml(next), next.source()).isPresent();
    }

    /**
     * Offers raw text as if an operator had written it: valid text with a higher epoch goes in force,
     * anything else is reported to listeners as a rejection.
     *
     * @param text YAML or JSON
     * @return whether it was put in force
     */
    public synchronized boolean publishText(String text) {
        return offer(text, "memory").isPresent();
    }

    @Override
    public void reportApplied(AppliedEpoch epoch) {
        applied.put(epoch.instanceId(), epoch);
    }

    @Override
    public Map<String, AppliedEpoch> appliedEpochs() {
        return Map.copyOf(applied);
    }

    @Override
    public int pruneAppliedEpochs(Instant olderThan) {
        int before = applied.size();
        applied.values().removeIf(report -> report.heartbeat().isBefore(olderThan));
        return before - applied.size();
    }

    @Override
    public void close() {
    }
}
