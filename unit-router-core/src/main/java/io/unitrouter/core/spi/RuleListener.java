package io.unitrouter.core.spi;

import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleRejection;

/**
 * Receives rule changes from a {@link RuleStore}. Implementations must be thread-safe and quick; the store
 * calls them from its own thread.
 */
public interface RuleListener {

    /**
     * A valid document with a higher epoch is now in force in the store.
     *
     * @param document the new document
     */
    void onRules(RuleDocument document);

    /**
     * A document was offered (written to the file, pushed by Nacos, ...) but rejected; the previous one stays
     * in force. The default does nothing.
     *
     * @param rejection what was rejected and why
     */
    default void onRejected(RuleRejection rejection) {
    }
}
