package io.unitrouter.core.spi;

import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleValidationException;
import java.time.Instant;
import java.util.Map;

/**
 * Where rule documents live: loaded at start, watched for changes, published with compare-and-set on the
 * epoch, and told which epoch each instance has applied (the failover coordinator waits on that).
 *
 * <p>Implementations must be thread-safe. They validate every document before handing it out and keep
 * the last good one: a document that fails validation is reported through
 * {@link RuleListener#onRejected} and never replaces the one in force.
 */
public interface RuleStore extends AutoCloseable {

    /** A short description of where the rules live, e.g. {@code file:/etc/unit-router/rules.yaml}. */
    String name();

    /**
     * The document in force now.
     *
     * @return the last good document
     * @throws RuleStoreException if the store cannot be reached and holds no last good document
     */
    RuleDocument load();

    /**
     * Registers a listener for new documents and rejections. Listeners are called on a store thread, in
     * epoch order, and must return quickly.
     *
     * @param listener the listener
     * @return a handle that stops the notifications when closed
     */
    Subscription watch(RuleListener listener);

    /**
     * Publishes {@code next} only if the epoch in force is still {@code expectedEpoch}. Of several
     * publishers racing from the same expected epoch, exactly one wins.
     *
     * @param expectedEpoch the epoch the caller based its change on
     * @param next the new document; its epoch must be greater than {@code expectedEpoch}
     * @return {@code true} if published: {@code next} is then in force in this store ({@link #load()} returns
     *     it), and its listeners hear of it; {@code false} if the epoch in force was no longer
     *     {@code expectedEpoch}
     * @throws RuleValidationException if {@code next.epoch()} is not greater than {@code expectedEpoch}
     * @throws RuleStoreException if the store cannot be written, or is closed
     */
    boolean compareAndSet(long expectedEpoch, RuleDocument next);

    /**
     * Records that an instance has put an epoch in force. Later reports for the same instance replace
     * earlier ones.
     *
     * @param applied what the instance applied
     * @throws RuleStoreException if the store cannot be written
     */
    void reportApplied(AppliedEpoch applied);

    /**
     * The latest report of every instance, keyed by instance id, whether the instance is still alive or not:
     * judge that by each report's {@link AppliedEpoch#heartbeat()} (see
     * {@code io.unitrouter.core.failover.Liveness}).
     *
     * @throws RuleStoreException if the store cannot be read
     */
    Map<String, AppliedEpoch> appliedEpochs();

    /**
     * Deletes the reports of instances last heard of before {@code olderThan}, so that instances that stopped
     * (and every restart, which reports under a new instance id) do not pile up. The default does nothing;
     * stores that keep reports durably override it.
     *
     * @param olderThan the cut-off for a report's {@link AppliedEpoch#heartbeat()}
     * @return how many reports were deleted
     * @throws RuleStoreException if the store cannot be written
     */
    default int pruneAppliedEpochs(Instant olderThan) {
        return 0;
    }

    /**
     * Stops watching and releases resources; listeners hear nothing more, and {@link #compareAndSet} throws
     * {@link RuleStoreException} from then on. Idempotent.
     */
    @Override
    void close();

    /** Stops a {@link #watch} registration. */
    interface Subscription extends AutoCloseable {
        /** Stops the notifications. Idempotent. */
        @Override
        void close();
    }
}
