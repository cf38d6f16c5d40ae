package io.unitrouter.core.store;

import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import io.unitrouter.core.spi.AbstractRuleStore;
import io.unitrouter.core.spi.AppliedEpoch;
import io.unitrouter.core.spi.RuleStoreException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A rule store in memory, for tests and for single-process use. Listeners are called on the publishing
 * thread. Once closed, it refuses to publish, so its listeners hear nothing more.
 *
 * <p>Thread-safe.
 */
public final class InMemoryRuleStore extends AbstractRuleStore {

    private final Map<String, AppliedEpoch> applied = new ConcurrentHashMap<>();
    private volatile boolean closed;

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

    /**
     * {@inheritDoc}
     *
     * @throws RuleStoreException if the store is closed
     */
    @Override
    public synchronized boolean compareAndSet(long expectedEpoch, RuleDocument next) {
        requireOpen("publish epoch " + next.epoch());
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
     * @throws RuleStoreException if the store is closed
     */
    public synchronized boolean publishText(String text) {
        requireOpen("publish text");
        return offer(text, "memory").isPresent();
    }

    private void requireOpen(String action) {
        if (closed) {
            throw new RuleStoreException(name(), "cannot " + action + ": the store is closed", null);
        }
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

    /** Stops publishing: later publishes throw, so listeners hear nothing more. Idempotent. */
    @Override
    public void close() {
        closed = true;
    }
}
