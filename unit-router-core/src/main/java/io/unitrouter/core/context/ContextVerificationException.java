package io.unitrouter.core.context;

import io.unitrouter.core.UnitRouterException;
import java.util.Map;

/**
 * Routing headers that must not be trusted: malformed, unsigned when a signature is required, or signed
 * with a signature that does not match (forged or altered in transit).
 *
 * <p>Immutable and thread-safe.
 */
public class ContextVerificationException extends UnitRouterException {

    private static final long serialVersionUID = 1L;

    /** Why the headers were refused. */
    public enum Reason {
        /** A header value does not parse. */
        MALFORMED,
        /** A signature is required but none was sent. */
        UNSIGNED,
        /** The signature does not match the other headers. */
        BAD_SIGNATURE
    }

    private final Reason reason;

    /**
     * @param reason why the headers were refused
     * @param message a sentence naming the header and value
     */
    public ContextVerificationException(Reason reason, String message) {
        super(message, Map.of("reason", reason.name()), null);
        this.reason = reason;
    }

    /** Why the headers were refused. */
    public Reason reason() {
        return reason;
    }
}
