package io.unitrouter.boot.context;

import io.unitrouter.core.context.RoutingContext;

/**
 * The routing context of the request the current thread is working on. The inbound filters set it and
 * clear it when the request ends; outbound clients read it.
 *
 * <p>It is an ordinary {@link ThreadLocal}. It crosses to other threads ({@code @Async}, executors, Reactor
 * operators, virtual threads) through Micrometer context-propagation, which knows it under
 * {@link #CONTEXT_KEY}. WebFlux code can also read it from the Reactor context under the same key.
 *
 * <p>Thread-safe: each thread sees its own value.
 */
public final class RoutingContextHolder {

    /** The key of the routing context in Reactor contexts and for context-propagation. */
    public static final String CONTEXT_KEY = "unit-router.context";

    private static final ThreadLocal<RoutingContext> CURRENT = new ThreadLocal<>();

    private RoutingContextHolder() {
    }

    /** The current thread's routing context, or {@code null}. */
    public static RoutingContext get() {
        return CURRENT.get();
    }

    /** Sets the current thread's routing context; {@code null} clears it. */
    public static void set(RoutingContext context) {
        if (context == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(context);
        }
    }

    /** Clears the current thread's routing context. */
    public static void clear() {
        CURRENT.remove();
    }

    /**
     * Runs {@code action} with {@code context} as the current context, then restores the previous one.
     *
     * @param context the context to run with; {@code null} for none
     * @param action what to run
     */
    public static void runWith(RoutingContext context, Runnable action) {
        RoutingContext previous = CURRENT.get();
        set(context);
        try {
            action.run();
        } finally {
            set(previous);
        }
    }
}
