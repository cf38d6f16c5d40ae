package io.unitrouter.sharding.support;

import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * What the test data sources that stand in front of a real pool ({@link OutageDataSource},
 * {@link RecordingDataSource}) share: the {@link DataSource} plumbing that goes straight to the pool, and
 * the URL and user ShardingSphere reads through {@link #getUrl()} and {@link #getUsername()}. It exists so
 * that each of them holds only what it adds to the connections it hands out.
 */
public abstract class PoolBackedDataSource implements DataSource, AutoCloseable {

    /** The pool on the real database. */
    protected final HikariDataSource delegate;

    /** @param delegate the pool on the real database */
    protected PoolBackedDataSource(HikariDataSource delegate) {
        this.delegate = delegate;
    }

    /**
     * Calls {@code method} on {@code target} as a proxy's handler would, throwing what the call threw rather
     * than the reflection wrapper around it, so callers see the driver's own {@link SQLException}.
     */
    protected static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    public String getUrl() {
        return delegate.getJdbcUrl();
    }

    public String getUsername() {
        return delegate.getUsername();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
