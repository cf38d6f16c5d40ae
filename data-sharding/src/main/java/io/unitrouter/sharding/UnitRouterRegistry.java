package io.unitrouter.sharding;

import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.routing.UnitRouter;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routers by name, for the ShardingSphere algorithms. ShardingSphere creates its algorithms itself, from
 * their type and properties, so they find the live {@link UnitRouter} here under the name given in their
 * {@code router-name} property.
 *
 * <p>{@link UnitShardingDataSource} registers its router itself. With the ShardingSphere YAML driver,
 * register the router before the first connection is opened:
 * <pre>{@code
 * UnitRouterRegistry.register("rz01", router);
 * Connection c = DriverManager.getConnection("jdbc:shardingsphere:classpath:unit-sharding.yaml");
 * }</pre>
 *
 * <p>Thread-safe. Lookups are one concurrent-map read.
 */
public final class UnitRouterRegistry {

    private static final Map<String, UnitRouter> ROUTERS = new ConcurrentHashMap<>();

    private UnitRouterRegistry() {
    }

    /**
     * Registers a router under a name.
     *
     * @param name the name the algorithms' {@code router-name} property gives
     * @param router the router; its rules are read on every statement
     * @return a handle that unregisters it when closed
     * @throws UnitRouterException if another router is already registered under that name
     */
    public static Registration register(String name, UnitRouter router) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(router, "router");
        UnitRouter previous = ROUTERS.putIfAbsent(name, router);
        if (previous != null && previous != router) {
            throw new UnitRouterException("another UnitRouter is already registered under '" + name
                    + "'; close its registration first or choose another name", Map.of("name", name), null);
        }
        return new Registration(name, router);
    }

    /**
     * The router registered under a name.
     *
     * @param name the name
     * @return the router
     * @throws UnitRouterException naming the registered routers when there is none under that name
     */
    public static UnitRouter lookup(String name) {
        UnitRouter router = name == null ? null : ROUTERS.get(name);
        if (router == null) {
            throw new UnitRouterException("no UnitRouter is registered under '" + name
                    + "'; call UnitRouterRegistry.register(\"" + name + "\", router) before opening the ShardingSphere"
                    + " DataSource (registered: " + new TreeSet<>(ROUTERS.keySet()) + ")",
                    Map.of("name", String.valueOf(name)), null);
        }
        return router;
    }

    /** The router registered under a name, if any. */
    public static Optional<UnitRouter> find(String name) {
        return Optional.ofNullable(name == null ? null : ROUTERS.get(name));
    }

    /**
     * A registration; closing it removes the router from the registry (only if it is still the one
     * registered under its name). Idempotent. Thread-safe.
     */
    public static final class Registration implements AutoCloseable {

        private final String name;
        private final UnitRouter router;

        private Registration(String name, UnitRouter router) {
            this.name = name;
            this.router = router;
        }

        /** The name registered under. */
        public String name() {
            return name;
        }

        /** Unregisters the router. */
        @Override
        public void close() {
            ROUTERS.remove(name, router);
        }
    }
}
