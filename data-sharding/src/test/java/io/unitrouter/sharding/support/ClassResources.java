package io.unitrouter.sharding.support;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a {@link PerDatabase} suite opens for one database in its {@code @BeforeParameterizedClassInvocation}
 * method (fixture, routers, data sources), closed in its {@code @AfterParameterizedClassInvocation} method by
 * one {@link #close()}. It exists so that every suite closes them the same way: in the reverse order of
 * opening, only those that were opened (a start that failed half-way leaves the rest unopened), and each
 * once, so the next database's run never closes the previous one's again.
 */
public final class ClassResources implements AutoCloseable {

    private final Deque<AutoCloseable> open = new ArrayDeque<>();

    /**
     * Registers a resource to close.
     *
     * @param resource just opened
     * @return {@code resource}
     */
    public <T extends AutoCloseable> T add(T resource) {
        open.push(resource);
        return resource;
    }

    /**
     * Closes what was registered, last first, and forgets it.
     *
     * @throws IllegalStateException with the first failure to close; those not yet closed stay registered
     */
    @Override
    public void close() {
        while (!open.isEmpty()) {
            try {
                open.pop().close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
