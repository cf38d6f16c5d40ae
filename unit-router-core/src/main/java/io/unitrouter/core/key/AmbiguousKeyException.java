package io.unitrouter.core.key;

import io.unitrouter.core.MalformedKeyException;

/**
 * A request that names more than one routing key, or names it in a way two servers could read differently:
 * two copies of a carrier with different values, two sources that disagree, or a path with dot-segments. It is
 * never routed, since the gateway and the cell might each pick another key, and so another owner.
 *
 * <p>Immutable and thread-safe.
 */
public class AmbiguousKeyException extends MalformedKeyException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String message;

    /**
     * @param source the key source that met the ambiguity, e.g. {@code header:X-User-Id}
     * @param key the first key found, or {@code null} when none could be read
     * @param reason what is ambiguous, naming the sources, e.g.
     *     {@code "from header:X-User-Id has a second value '85'"}
     */
    public AmbiguousKeyException(String source, String key, String reason) {
        super(key, reason);
        this.source = source;
        this.message = key == null ? "routing key " + reason : super.getMessage();
    }

    /** Names the key when one was read, else only what is ambiguous (a missing key is not the problem). */
    @Override
    public String getMessage() {
        return message;
    }

    /** The key source that met the ambiguity. */
    public String source() {
        return source;
    }
}
