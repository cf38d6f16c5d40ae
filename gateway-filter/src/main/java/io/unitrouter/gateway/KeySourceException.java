package io.unitrouter.gateway;

import io.unitrouter.core.UnitRouterException;
import java.util.Map;

/**
 * A routing-key source failed while reading a request, e.g. a {@code KeyExtractor} bean threw. The request is
 * treated like one with a malformed key: it is refused, never routed.
 *
 * <p>Immutable and thread-safe.
 */
final class KeySourceException extends UnitRouterException {

    private static final long serialVersionUID = 1L;

    private final String source;

    KeySourceException(String source, RuntimeException cause) {
        super("routing-key source " + source + " failed: " + cause, Map.of("source", source), cause);
        this.source = source;
    }

    /** The source that failed. */
    String source() {
        return source;
    }
}
