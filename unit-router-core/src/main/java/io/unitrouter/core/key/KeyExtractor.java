package io.unitrouter.core.key;

/**
 * Finds the routing key of a request. Built-in extractors come from {@link KeySources#parse}; provide your
 * own as a bean (Spring) when the key lives somewhere else, for example in the request body.
 *
 * <p>Implementations must be thread-safe; one instance serves all requests.
 */
@FunctionalInterface
public interface KeyExtractor {

    /**
     * @param request the request
     * @return the key as found, not yet validated; {@code null} when this extractor finds none
     */
    String extract(RequestView request);
}
