/**
 * Where a request's routing key comes from: {@link io.unitrouter.core.key.RequestView}, the framework-neutral
 * view of a request, {@link io.unitrouter.core.key.KeyExtractor}, and the built-in sources in
 * {@link io.unitrouter.core.key.KeySources}.
 *
 * <p>To take the key from somewhere the built-in sources do not reach, implement {@code KeyExtractor} (and,
 * in a Spring application, declare it as a bean): return the key as found, or {@code null} when the request
 * has none. Validation of the key happens later, in the router.
 */
package io.unitrouter.core.key;
