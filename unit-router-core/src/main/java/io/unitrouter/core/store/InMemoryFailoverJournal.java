package io.unitrouter.core.store;

import io.unitrouter.core.failover.spi.FailoverJournal;
import java.util.Objects;
import java.util.Optional;

/**
 * A failover journal in memory, for tests and for a coordinator in the same process as an
 * {@link InMemoryRuleStore}. Lost with the process, so it gives no crash safety across processes.
 *
 * <p>Thread-safe.
 */
public final class InMemoryFailoverJournal implements FailoverJournal {

    private String text;

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public synchronized Optional<String> read() {
        return Optional.ofNullable(text);
    }

    @Override
    public synchronized boolean replace(String expected, String next) {
        Objects.requireNonNull(next, "next");
        if (!Objects.equals(text, expected)) {
            return false;
        }
        text = next;
        return true;
    }
}
