package io.unitrouter.sharding.internal;

import io.unitrouter.sharding.ReadRefusedException;
import io.unitrouter.sharding.ShardAccessRefusedException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.shardingsphere.infra.exception.core.external.sql.ShardingSphereSQLException;

/**
 * A logical (ShardingSphere) connection that makes a refused write spoil its transaction: once a
 * write has been refused inside a transaction, {@code commit()} rolls the transaction back and throws
 * an {@link SQLException} with SQL state {@code UR005}, so that nothing of the transaction is applied even
 * when the application catches the refusal and commits; until then every other statement on the
 * connection is refused too, so that no statement (an SQL-text {@code COMMIT}, or one that commits
 * implicitly) can commit the earlier writes. {@code rollback()} clears the state. A batch
 * executed in auto-commit mode runs as one transaction, so a refused entry leaves none of the others; with
 * the fence, so does every write in auto-commit mode.
 *
 * <p>Not thread-safe, like the connection it wraps.
 */
public final class GuardedConnection implements InvocationHandler {

    private static final SqlScanner WRITES = new SqlScanner(java.util.Map.of(), SqlLexer.Dialect.MYSQL);

    private final Connection delegate;
    private final boolean atomicWrites;
    private Connection proxy;
    private ShardAccessRefusedException refusal;

    private GuardedConnection(Connection delegate, boolean atomicWrites) {
        this.delegate = delegate;
        this.atomicWrites = atomicWrites;
    }

    /**
     * Wraps a connection.
     *
     * @param delegate the ShardingSphere connection
     * @param atomicWrites whether every write in auto-commit mode runs in a transaction of its own (needed
     *     with the fence, which may refuse one physical database after another has written)
     * @return the guarded connection
     */
    public static Connection wrap(Connection delegate, boolean atomicWrites) {
        GuardedConnection handler = new GuardedConnection(delegate, atomicWrites);
        handler.proxy = Proxies.create(Connection.class, handler);
        return handler.proxy;
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "createStatement" -> {
                return statement((Statement) call(delegate, method, args), Statement.class, null);
            }
            case "prepareStatement" -> {
                return statement((PreparedStatement) call(delegate, method, args), PreparedStatement.class,
                        (String) args[0]);
            }
            case "prepareCall" -> {
                return statement((CallableStatement) call(delegate, method, args), CallableStatement.class, null);
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
            case "unwrap" -> {
                Class<?> iface = (Class<?>) args[0];
                return iface.isInstance(self) ? self : delegate.unwrap(iface);
            }
            case "isWrapperFor" -> {
                return ((Class<?>) args[0]).isInstance(self) || delegate.isWrapperFor((Class<?>) args[0]);
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

    private <T extends Statement> T statement(T statement, Class<T> type, String preparedSql) {
        return Proxies.create(type, new GuardedStatement(statement, preparedSql));
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Notes refusals of writes in a transaction; a refused read does not spoil it. */
    private final class GuardedStatement implements InvocationHandler {

        private final Statement statement;
        private final String preparedSql;

        GuardedStatement(Statement statement, String preparedSql) {
            this.statement = statement;
            this.preparedSql = preparedSql;
        }

        /** Whether this call writes and must run in a transaction of its own. */
        private boolean atomic(String name, Object[] args) throws SQLException {
            if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
                return delegate.getAutoCommit();
            }
            if (!atomicWrites || !(name.equals("executeUpdate") || name.equals("executeLargeUpdate")
                    || name.equals("execute"))) {
                return false;
            }
            String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : preparedSql;
            return sql != null && WRITES.scan(sql).kind() == SqlScanner.Kind.WRITE && delegate.getAutoCommit();
        }

        /**
         * Runs an auto-commit batch, or with the fence an auto-commit write, as one transaction.
         * ShardingSphere runs the entries of a plain statement's batch one by one, and the physical
         * statements of a write spanning several groups one after another, so without this an entry
         * refused by the guard, or a group refused by the fence, would leave the others committed.
         */
        private Object atomically(Method method, Object[] args) throws Throwable {
            delegate.setAutoCommit(false);
            boolean committed = false;
            try {
                Object result = method.invoke(statement, args);
                delegate.commit();
                committed = true;
                return result;
            } catch (InvocationTargetException e) {
                Throwable failure = e.getCause();
                throw failure instanceof ShardingSphereSQLException runtime ? runtime.toSQLException() : failure;
            } finally {
                try {
                    if (!committed) {
                        delegate.rollback();
                    }
                } finally {
                    delegate.setAutoCommit(true);
                }
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

        @Override
        public Object invoke(Object self, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("getConnection")) {
                return proxy;
            }
            if (name.equals("unwrap")) {
                Class<?> iface = (Class<?>) args[0];
                return iface.isInstance(self) ? self : statement.unwrap(iface);
            }
            if (name.equals("equals")) {
                return self == args[0];
            }
            if (name.equals("hashCode")) {
                return System.identityHashCode(self);
            }
            if (refusal != null && (name.startsWith("execute") || name.equals("addBatch"))) {
                throw spoiled(name + "(..)");
            }
            if (atomic(name, args)) {
                return atomically(method, args);
            }
            try {
                return method.invoke(statement, args);
            } catch (InvocationTargetException e) {
                Throwable failure = e.getCause();
                if (failure instanceof ShardingSphereSQLException runtime) {
                    // ShardingSphere lets some of its exceptions escape as unchecked ones (addBatch does).
                    failure = runtime.toSQLException();
                }
                if (name.startsWith("execute") || name.equals("addBatch")) {
                    ShardAccessRefusedException.find(failure).ifPresent(this::spoil);
                }
                throw failure;
            }
        }
    }
}
