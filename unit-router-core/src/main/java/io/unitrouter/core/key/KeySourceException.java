package io.unitrouter.core.key;

import io.unitrouter.core.UnitRouterException;
import java.util.Map;

/**
 * A {@link KeyExtractor} failed (threw) while looking for the key. The request must not be routed: its key
 * is unknown, not absent.
 *
 * <p>Immutable and thread-safe.
 */
public class KeySourceException extends UnitRouterException {

    private static final long serialVersionUID = 1L;

    private final String source;

    /**
     * @param source the source that failed, e.g. {@code bean:tenantKeys}
     * @param cause what it threw
     */
    public KeySourceException(String source, RuntimeException cause) {
        super("the routing key from " + source + " could not be read: " + cause, Map.of("source", source), cause);
        this.source = source;
    }

    /** The source that failed. */
    public String source() {
        return source;
    }
}
