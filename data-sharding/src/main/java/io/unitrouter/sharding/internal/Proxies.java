package io.unitrouter.sharding.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Array;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

/**
 * Creates the JDBC wrappers. {@link Proxy#newProxyInstance} looks its proxy class up on every call, which
 * shows on a per-statement path; the constructors are looked up once here instead.
 *
 * <p>Thread-safe.
 */
final class Proxies {

    private static final Map<Class<?>, Constructor<?>> CONSTRUCTORS = Map.of(
            Connection.class, constructor(Connection.class),
            Statement.class, constructor(Statement.class),
            PreparedStatement.class, constructor(PreparedStatement.class),
            CallableStatement.class, constructor(CallableStatement.class),
            ResultSet.class, constructor(ResultSet.class),
            DatabaseMetaData.class, constructor(DatabaseMetaData.class),
            Array.class, constructor(Array.class));

    private Proxies() {
    }

    /**
     * A proxy of one JDBC interface.
     *
     * @param type {@link Connection}, {@link Statement}, {@link PreparedStatement}, {@link CallableStatement},
     *     {@link ResultSet}, {@link DatabaseMetaData} or {@link Array}
     * @param handler what its methods do
     * @return the proxy
     */
    static <T> T create(Class<T> type, InvocationHandler handler) {
        try {
            return type.cast(CONSTRUCTORS.get(type).newInstance(handler));
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot create a " + type.getSimpleName() + " proxy", e);
        }
    }

    private static Constructor<?> constructor(Class<?> type) {
        Object sample = Proxy.newProxyInstance(Proxies.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> null);
        try {
            return sample.getClass().getConstructor(InvocationHandler.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("a proxy class has no InvocationHandler constructor", e);
        }
    }
}
