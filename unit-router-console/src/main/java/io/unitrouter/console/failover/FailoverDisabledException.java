package io.unitrouter.console.failover;

import io.unitrouter.core.UnitRouterException;

/**
 * This console is not configured to execute failovers; the message says what to configure.
 *
 * <p>Immutable and thread-safe.
 */
public class FailoverDisabledException extends UnitRouterException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message why, and what to configure
     */
    public FailoverDisabledException(String message) {
        super(message);
    }
}
