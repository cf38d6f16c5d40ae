package io.unitrouter.cli;

import io.unitrouter.core.failover.spi.FailoverJournal;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.spi.RuleStore;

/**
 * The rules one command works on, a rule file or a data id in Nacos: the document there now, or the store and
 * the failover journal beside it. Closing it closes whatever it opened. Not thread-safe: one per command.
 */
interface RuleSource extends AutoCloseable {

    /** The rules' name in messages: the rule file, or {@code nacos:<data id> (group ..., server ...)}. */
    String name();

    /**
     * Reads and validates the document there now.
     *
     * @throws CliException if it cannot be read: a missing file or data id, an unreachable server
     * @throws io.unitrouter.core.rules.RuleValidationException if it is invalid
     */
    RuleDocument read();

    /**
     * The rule store, opened on the first call after the document was read from its source, so that a command
     * never works on a stale copy.
     *
     * @throws CliException if the document cannot be read
     * @throws io.unitrouter.core.rules.RuleValidationException if it is invalid
     */
    RuleStore store();

    /** The failover journal beside the store. */
    FailoverJournal journal();

    /** Where the journal is, for messages. */
    String journalName();

    @Override
    void close();
}
