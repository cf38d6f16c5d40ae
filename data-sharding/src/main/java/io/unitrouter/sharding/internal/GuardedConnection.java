package io.unitrouter.sharding.internal;

import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.sharding.ReadRefusedException;
import io.unitrouter.sharding.ShardAccessRefusedException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.shardingsphere.infra.database.core.type.DatabaseType;

/**
 * The connection the application gets: a ShardingSphere connection with four more promises.
 * <ul>
 *   <li><b>A refused write spoils its transaction.</b> Once a write has been refused inside a transaction,
 *       {@code commit()} rolls the transaction back and throws an {@link SQLException} with SQL state
 *       {@code UR005}, so that nothing of the transaction is applied even when the application catches the
 *       refusal and commits; until then every other statement on the connection is refused too, so that no
 *       statement (an SQL-text {@code COMMIT}, or one that commits implicitly) can commit the earlier writes.
 *       {@code rollback()} clears the state.</li>
 *   <li><b>Auto-commit writes are all or nothing.</b> A write in auto-commit mode that the guard finds
 *       spanning several shard groups runs in a transaction of its own ({@link AutoCommitScope}); so does
 *       every batch executed in auto-commit mode.</li>
 *   <li><b>Nothing behind it escapes.</b> {@code unwrap} yields only the wrapper; statements, result sets and
 *       metadata lead back to the wrappers ({@link Membrane}).</li>
 *   <li><b>Errors say what happened</b> ({@link SqlFailures}).</li>
 * </ul>
 *
 * <p>Not thread-safe, like the connection it wraps.
 */
public final class GuardedConnection implements InvocationHandler {

    private final Connection delegate;
    private final UnitRouter router;
    private final DatabaseType databaseType;
    private Connection proxy;
    private ShardAccessRefusedException refusal;

    private GuardedConnection(Connection delegate, UnitRouter router, DatabaseType databaseType) {
        this.delegate = delegate;
        this.router = router;
        this.databaseType = databaseType;
    }

    /**
     * Wraps a connection.
     *
     * @param delegate the ShardingSphere connection
     * @param router the data source's router, for the cell and epoch in refusals
     * @param databaseType the logical database's protocol type, to translate ShardingSphere's errors
     * @return the guarded connection
     */
    public static Connection wrap(Connection delegate, UnitRouter router, DatabaseType databaseType) {
        GuardedConnection handler = new GuardedConnection(delegate, router, databaseType);
        handler.proxy = Proxies.create(Connection.class, handler);
        return handler.proxy;
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        try {
            return dispatch(self, method, args);
        } catch (Throwable failure) {
            throw SqlFailures.surface(failure, databaseType);
        }
    }

    private Object dispatch(Object self, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "createStatement" -> {
                return statement((Statement) call(delegate, method, args), Statement.class);
            }
            case "prepareStatement" -> {
                return statement((PreparedStatement) call(delegate, method, args), PreparedStatement.class);
            }
            case "prepareCall" -> {
                return statement((CallableStatement) call(delegate, method, args), CallableStatement.class);
            }
            case "commit" -> {
                if (refusal != null) {
                    throw rollBack("commit");
                }
                return call(delegate, method, args);
            }
            case "setAutoCommit" -> {
                if (refusal != null && Boolean.TRUE.equals(args[0]) && !delegate.getAutoCommit()) {
                    SQLException failure = rollBack("setAutoCommit(true)");
                    delegate.setAutoCommit(true);
                    throw failure;
                }
                return call(delegate, method, args);
            }
            case "rollback" -> {
                if (args == null || args.length == 0) {
                    refusal = null;
                }
                return call(delegate, method, args);
            }
            case "close" -> {
                refusal = null;
                return call(delegate, method, args);
            }
            case "getMetaData" -> {
                return Membrane.metaData(delegate.getMetaData(), proxy, router);
            }
            case "unwrap" -> {
                Class<?> iface = (Class<?>) args[0];
                if (iface.isInstance(self)) {
                    return self;
                }
                throw Membrane.unwrapRefused(iface, router);
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
                return call(delegate, method, args);
            }
        }
    }

    private SQLException spoiled(String action) {
        return new SQLException(action + " refused: a statement earlier in this transaction was refused, so the"
                + " transaction can only be rolled back; call rollback(). The first refusal: " + refusal.getMessage(),
                ShardAccessRefusedException.SQLSTATE_ROLLED_BACK, 0, refusal);
    }

    private SQLException rollBack(String action) throws SQLException {
        ShardAccessRefusedException cause = refusal;
        refusal = null;
        delegate.rollback();
        return new SQLException(action + " refused: the transaction was rolled back because a statement in it was"
                + " refused: " + cause.getMessage(), ShardAccessRefusedException.SQLSTATE_ROLLED_BACK, 0, cause);
    }

    private <T extends Statement> T statement(T statement, Class<T> type) {
        return Proxies.create(type, new GuardedStatement(statement));
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Notes refusals of writes in a transaction (a refused read does not spoil it) and runs writes atomically. */
    private final class GuardedStatement implements InvocationHandler {

        private final Statement statement;

        GuardedStatement(Statement statement) {
            this.statement = statement;
        }

        @Override
        public Object invoke(Object self, Method method, Object[] args) throws Throwable {
            try {
                return dispatch(self, method, args);
            } catch (Throwable failure) {
                throw SqlFailures.surface(failure, databaseType);
            }
        }

        private Object dispatch(Object self, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            switch (name) {
                case "getConnection" -> {
                    return proxy;
                }
                case "unwrap" -> {
                    Class<?> iface = (Class<?>) args[0];
                    if (iface.isInstance(self)) {
                        return self;
                    }
                    throw Membrane.unwrapRefused(iface, router);
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
                    boolean runs = name.startsWith("execute") || name.equals("addBatch");
                    if (refusal != null && runs) {
                        throw spoiled(name + "(..)");
                    }
                    Object result = runs ? run(name, method, args) : call(statement, method, args);
                    return result instanceof ResultSet resultSet ? Membrane.resultSet(resultSet, (Statement) self, router)
                            : result;
                }
            }
        }

        private Object run(String name, Method method, Object[] args) throws Throwable {
            try {
                if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
                    return delegate.getAutoCommit() ? inTransaction(method, args) : call(statement, method, args);
                }
                if (name.startsWith("execute") && delegate.getAutoCommit()) {
                    return inScope(method, args);
                }
                return call(statement, method, args);
            } catch (Throwable failure) {
                Throwable surfaced = SqlFailures.surface(failure, databaseType);
                ShardAccessRefusedException.find(surfaced).ifPresent(this::spoil);
                throw surfaced;
            }
        }

        /**
         * Runs an auto-commit statement in a scope where the guard can ask for a transaction (a write spanning
         * several shard groups), and ends that transaction.
         */
        private Object inScope(Method method, Object[] args) throws Throwable {
            AutoCommitScope scope = AutoCommitScope.open(delegate);
            boolean committed = false;
            try {
                Object result = call(statement, method, args);
                if (scope.opened()) {
                    delegate.commit();
                }
                committed = true;
                return result;
            } finally {
                scope.close();
                if (scope.opened()) {
                    endTransaction(committed);
                }
            }
        }

        /**
         * Runs an auto-commit batch as one transaction. ShardingSphere runs the entries of a plain statement's
         * batch one by one, and a prepared batch per physical statement, so without this an entry refused when
         * the batch runs (by the fence, or a plain statement's entry by the guard) would leave the others
         * committed.
         */
        private Object inTransaction(Method method, Object[] args) throws Throwable {
            delegate.setAutoCommit(false);
            boolean committed = false;
            try {
                Object result = call(statement, method, args);
                delegate.commit();
                committed = true;
                return result;
            } finally {
                endTransaction(committed);
            }
        }

        private void endTransaction(boolean committed) throws SQLException {
            try {
                if (!committed) {
                    delegate.rollback();
                }
            } finally {
                delegate.setAutoCommit(true);
            }
        }

        private void spoil(ShardAccessRefusedException refused) {
            if (refused instanceof ReadRefusedException || refusal != null) {
                return;
            }
            try {
                if (!delegate.getAutoCommit()) {
                    refusal = refused;
                }
            } catch (SQLException closed) {
                // The connection is unusable; nothing can be committed on it anyway.
            }
        }
    }
}
