package io.unitrouter.core.key;

/**
 * A routing key as a {@link KeyChain} found it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param source the source that found it, e.g. {@code header:X-User-Id}
 * @param key the key, not empty; its syntax is not yet checked
 */
public record FoundKey(String source, String key) {
}
