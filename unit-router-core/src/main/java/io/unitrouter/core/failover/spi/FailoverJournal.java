package io.unitrouter.core.failover.spi;

import io.unitrouter.core.UnitRouterException;
import java.util.Optional;

/**
 * Where the coordinator keeps its journal: one text document (the coordinator's own YAML) that it replaces
 * with compare-and-set before and after every step, so that a coordinator that dies can be resumed or
 * aborted by another, and of two coordinators racing exactly one starts a run. The file store's journal is
 * {@code <rules>.failover} beside the rule file; the Nacos store's is the data id {@code <dataId>.failover}.
 *
 * <p>Implementations must be thread-safe, and {@link #replace} must be atomic across processes and durable
 * when it returns {@code true}.
 */
public interface FailoverJournal {

    /** Where the journal lives, e.g. {@code file:/etc/unit-router/rules.yaml.failover}. */
    String name();

    /**
     * The journal's text now.
     *
     * @return the text, or empty when there is no journal yet
     * @throws UnitRouterException if it cannot be read
     */
    Optional<String> read();

    /**
     * Replaces the text only if it is still exactly {@code expected}.
     *
     * @param expected the text last read, or {@code null} when there was none
     * @param next the new text
     * @return {@code true} if replaced (and durable); {@code false} if the text was no longer {@code expected}
     * @throws UnitRouterException if it cannot be written
     */
    boolean replace(String expected, String next);
}
