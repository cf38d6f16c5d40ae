package io.unitrouter.sharding.internal;

import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.sharding.StatementRefusedException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Keeps the objects behind the guarded wrappers out of the application's reach: a ShardingSphere or
 * physical connection would write past the write guard (and, unfenced, past everything). Result sets,
 * database metadata and arrays are handed out wrapped; their way back ({@code getStatement()},
 * {@code getConnection()}) leads to the guarded statement or connection, and {@code unwrap} yields only the
 * wrapper itself.
 *
 * <p>Stateless and thread-safe; the wrappers are as thread-safe as what they wrap.
 */
final class Membrane {

    private Membrane() {
    }

    /**
     * The refusal of an {@code unwrap} to anything but the wrapper itself.
     *
     * @param iface what was asked for
     * @param router for the cell and epoch in the message
     * @return the exception to throw
     */
    static SQLException unwrapRefused(Class<?> iface, UnitRouter router) {
        return StatementRefusedException.of(StatementRefusedException.Reason.UNWRAP, "unwrap(" + iface.getName() + ")",
                "the data source hands out only its guarded wrappers, because what is behind them writes past the write"
                        + " guard", null, router.localCell().map(c -> c.id()).orElse("(none)"), router.table().epoch())
                .toSQLException();
    }

    /**
     * A result set whose {@code getStatement()} is the guarded statement.
     *
     * @param resultSet what ShardingSphere returned
     * @param owner the guarded statement, or {@code null} for a metadata result set
     * @param router for refusals
     * @return the wrapper, or {@code null} for {@code null}
     */
    static ResultSet resultSet(ResultSet resultSet, Statement owner, UnitRouter router) {
        return resultSet == null ? null : Proxies.create(ResultSet.class, new Sealed(resultSet, owner, router));
    }

    /**
     * Database metadata whose {@code getConnection()} is the guarded connection.
     *
     * @param metaData what ShardingSphere returned
     * @param owner the guarded connection
     * @param router for refusals
     * @return the wrapper
     */
    static DatabaseMetaData metaData(DatabaseMetaData metaData, Connection owner, UnitRouter router) {
        return Proxies.create(DatabaseMetaData.class, new Sealed(metaData, owner, router));
    }

    /** Wraps what a wrapped object returns, if it could lead behind the wrappers. */
    private static Object seal(Object value, UnitRouter router) {
        if (value instanceof ResultSet resultSet) {
            return resultSet(resultSet, null, router);
        }
        if (value instanceof Array array) {
            return Proxies.create(Array.class, new Sealed(array, null, router));
        }
        return value;
    }

    /** A result set, metadata or array, with its way back and its unwrapping sealed. */
    private static final class Sealed implements InvocationHandler {

        private final Object target;
        private final Object owner;
        private final UnitRouter router;

        Sealed(Object target, Object owner, UnitRouter router) {
            this.target = target;
            this.owner = owner;
            this.router = router;
        }

        @Override
        public Object invoke(Object self, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "getStatement", "getConnection" -> {
                    return owner;
                }
                case "unwrap" -> {
                    Class<?> iface = (Class<?>) args[0];
                    if (iface.isInstance(self)) {
                        return self;
                    }
                    throw unwrapRefused(iface, router);
                }
                case "isWrapperFor" -> {
                    return ((Class<?>) args[0]).isInstance(self);
                }
                case "equals" -> {
                    return self == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(self);
                }
                default -> {
                    try {
                        return seal(method.invoke(target, args), router);
                    } catch (InvocationTargetException e) {
                        throw SqlFailures.surface(e.getCause());
                    }
                }
            }
        }
    }
}
