package io.unitrouter.core.spi;

import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import io.unitrouter.core.rules.RuleRejection;
import io.unitrouter.core.rules.RuleValidationException;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The part of a {@link RuleStore} that every implementation shares: it keeps the last good document,
 * validates what the backing store offers, refuses epochs that do not increase, and notifies listeners.
 * A subclass reads and writes its backing store and calls {@link #offer} with whatever it read.
 *
 * <p>Thread-safe: offers are serialized, and listeners are called in epoch order.
 */
public abstract class AbstractRuleStore implements RuleStore {

    private static final System.Logger LOG = System.getLogger(AbstractRuleStore.class.getName());

    private final String name;
    private final List<RuleListener> listeners = new CopyOnWriteArrayList<>();
    private final Object offerLock = new Object();
    private volatile RuleDocument current;
    private volatile String currentText;
    private volatile RuleRejection lastRejection;

    /**
     * @param name the store's {@link #name()}
     */
    protected AbstractRuleStore(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public RuleDocument load() {
        RuleDocument document = current;
        if (document == null) {
            RuleRejection rejection = lastRejection;
            throw new RuleStoreException(name, "holds no valid rule document"
                    + (rejection == null ? "" : "; the last one offered was rejected: "
                    + String.join("; ", rejection.errors())), null);
        }
        return document;
    }

    /** The document in force, if any. */
    protected final Optional<RuleDocument> current() {
        return Optional.ofNullable(current);
    }

    /** The last document this store rejected, if any. */
    public final Optional<RuleRejection> lastRejection() {
        return Optional.ofNullable(lastRejection);
    }

    @Override
    public Subscription watch(RuleListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Offers text read from the backing store. It replaces the document in force only if it is valid and
     * its epoch is higher; the same text again is ignored; anything else is reported as a rejection.
     *
     * @param text the document's YAML or JSON
     * @param source where it was read, for messages
     * @return the new document if it was put in force
     */
    protected final Optional<RuleDocument> offer(String text, String source) {
        synchronized (offerLock) {
            if (text.equals(currentText)) {
                return Optional.empty();
            }
            RuleDocument document;
            try {
                document = RuleDocuments.parse(text, source);
            } catch (RuleValidationException e) {
                reject(RuleRejection.of(e, -1));
                return Optional.empty();
            }
            return offerParsed(text, document);
        }
    }

    /**
     * Offers a document the caller has already parsed from {@code text} with {@link RuleDocuments#parse}, so
     * that a store which must look at a document before offering it (for example to tell a half-written file
     * from an invalid one) parses it once. Same rules as {@link #offer}.
     *
     * @param text the document's text, kept to recognise the same text later
     * @param document the result of parsing {@code text}
     * @return the document if it was put in force
     */
    protected final Optional<RuleDocument> offerParsed(String text, RuleDocument document) {
        synchronized (offerLock) {
            if (text.equals(currentText)) {
                return Optional.empty();
            }
            String source = document.source();
            RuleDocument inForce = current;
            if (inForce != null && document.epoch() <= inForce.epoch()) {
                String error = document.epoch() == inForce.epoch()
                        ? "epoch " + document.epoch() + " is already in force with different content; publish a"
                                + " higher epoch"
                        : "epoch " + document.epoch() + " is not newer than the " + inForce.epoch() + " in force";
                reject(new RuleRejection(source, document.epoch(), List.of(error), Instant.now()));
                return Optional.empty();
            }
            current = document;
            currentText = text;
            accepted(document, text);
            // DEBUG, and "accepted" rather than "in force": a router that follows this store logs the epoch it
            // actually applies (and refuses one that drops its cell); two INFO lines per epoch told two stories.
            LOG.log(Level.DEBUG, () -> name + ": rules epoch " + document.epoch() + " accepted (from " + source + ")");
            for (RuleListener listener : listeners) {
                try {
                    listener.onRules(document);
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, name + ": a rule listener failed on epoch " + document.epoch(), e);
                }
            }
            notified(document, text);
            return Optional.of(document);
        }
    }

    /**
     * Whether {@code text} is exactly the text of the document in force: a store can then skip parsing it.
     *
     * @param text text read from the backing store
     * @return {@code true} if it is the text in force
     */
    protected final boolean isInForce(String text) {
        return text.equals(currentText);
    }

    /**
     * Called, under the offer lock, when a document is put in force; before listeners hear of it. The
     * default does nothing; a store may keep a last-good copy here.
     *
     * @param document the new document
     * @param text its text
     */
    protected void accepted(RuleDocument document, String text) {
    }

    /**
     * Called, under the offer lock, after every listener has heard of a new document. The default does
     * nothing; work that listeners need not wait for (such as a local copy) belongs here rather than in
     * {@link #accepted}.
     *
     * @param document the new document
     * @param text its text
     */
    protected void notified(RuleDocument document, String text) {
    }

    /**
     * Records and reports a rejection; the document in force does not change.
     *
     * @param rejection what was rejected
     */
    protected final void reject(RuleRejection rejection) {
        lastRejection = rejection;
        LOG.log(Level.WARNING, () -> name + ": rejected rule document from " + rejection.source()
                + "; keeping epoch " + (current == null ? "(none)" : current.epoch()) + ": "
                + String.join("; ", rejection.errors()));
        for (RuleListener listener : listeners) {
            try {
                listener.onRejected(rejection);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, name + ": a rule listener failed on a rejection", e);
            }
        }
    }

    /**
     * Checks the arguments of {@link #compareAndSet}.
     *
     * @throws RuleValidationException if {@code next}'s epoch is not greater than {@code expectedEpoch}
     */
    protected final void checkNextEpoch(long expectedEpoch, RuleDocument next) {
        if (next.epoch() <= expectedEpoch) {
            throw new RuleValidationException(next.source(), List.of("epoch " + next.epoch()
                    + " is not newer than the expected epoch " + expectedEpoch));
        }
    }
}
