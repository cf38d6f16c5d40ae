package io.unitrouter.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Root of every exception thrown by unit-router. Unchecked, and carries structured context
 * (for example the routing key, shard, cell or epoch involved) so that logs and problem
 * responses can show what went wrong without parsing the message.
 *
 * <p>Instances are immutable once constructed and safe to share between threads.
 */
public class UnitRouterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Map<String, Object> context;

    /**
     * @param message a sentence that names the offending value
     * @param context extra facts, in display order; may be empty, never {@code null}
     * @param cause the underlying failure, or {@code null}
     */
    public UnitRouterException(String message, Map<String, ?> context, Throwable cause) {
        super(message, cause);
        this.context = Collections.unmodifiableMap(new LinkedHashMap<>(context));
    }

    /** Creates an exception with a message and no context. */
    public UnitRouterException(String message) {
        this(message, Map.of(), null);
    }

    /** Creates an exception with a message and a cause, and no context. */
    public UnitRouterException(String message, Throwable cause) {
        this(message, Map.of(), cause);
    }

    /**
     * Structured facts about the failure, such as {@code key}, {@code shard}, {@code cell} or
     * {@code epoch}. Iteration order is the order in which the thrower supplied them.
     *
     * @return an unmodifiable map, possibly empty
     */
    public Map<String, Object> context() {
        return context;
    }
}
