package io.unitrouter.sharding.support;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;

/**
 * A physical data source whose database can be taken down: from {@link #down()} on, new connections are
 * refused and every call on the connections and statements already handed out fails, with SQL state
 * {@value #SQLSTATE}, as a driver reports a server that went away. ShardingSphere reads its URL and user
 * through {@link #getUrl()} and {@link #getUsername()}.
 */
public final class OutageDataSource extends PoolBackedDataSource {

    /** The SQL state of the simulated failures: communication link failure. */
    public static final String SQLSTATE = "08S01";
    /** The message of the simulated failures. */
    public static final String MESSAGE = "connection to the database lost (simulated outage)";

    private volatile boolean down;

    /** @param delegate the pool on the real database */
    public OutageDataSource(HikariDataSource delegate) {
        super(delegate);
    }

    /** Takes the database down. */
    public void down() {
        down = true;
    }

    /** Brings it back. */
    public void up() {
        down = false;
    }

    @Override
    public Connection getConnection() throws SQLException {
        failIfDown();
        return (Connection) wrap(delegate.getConnection(), Connection.class);
    }

    private Object wrap(Object target, Class<?> type) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("equals")) {
                return proxy == args[0];
            }
            if (method.getName().equals("hashCode")) {
                return System.identityHashCode(proxy);
            }
            if (!method.getName().equals("close") && !method.getName().equals("isClosed")) {
                failIfDown();
            }
            Object result = invoke(target, method, args);
            if (result instanceof Statement statement && type == Connection.class) {
                Class<?> statementType = method.getReturnType();
                return wrap(statement, statementType);
            }
            return result;
        };
        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, handler);
    }

    private void failIfDown() throws SQLException {
        if (down) {
            throw new SQLNonTransientConnectionException(MESSAGE, SQLSTATE);
        }
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
