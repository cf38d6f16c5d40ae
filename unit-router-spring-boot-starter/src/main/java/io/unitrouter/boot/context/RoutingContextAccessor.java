package io.unitrouter.boot.context;

import io.micrometer.context.ThreadLocalAccessor;
import io.unitrouter.core.context.RoutingContext;

/**
 * Lets Micrometer context-propagation carry the {@link RoutingContextHolder} value across threads. Registered
 * through {@code META-INF/services}, so {@code ContextRegistry.getInstance()} finds it by itself.
 *
 * <p>Stateless and thread-safe.
 */
public final class RoutingContextAccessor implements ThreadLocalAccessor<RoutingContext> {

    @Override
    public Object key() {
        return RoutingContextHolder.CONTEXT_KEY;
    }

    @Override
    public RoutingContext getValue() {
        return RoutingContextHolder.get();
    }

    @Override
    public void setValue(RoutingContext value) {
        RoutingContextHolder.set(value);
    }

    @Override
    public void setValue() {
        RoutingContextHolder.clear();
    }
}
