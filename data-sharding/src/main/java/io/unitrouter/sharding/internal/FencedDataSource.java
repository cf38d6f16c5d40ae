package io.unitrouter.sharding.internal;

import io.unitrouter.core.UnitRouterException;
import io.unitrouter.sharding.FenceTriggers;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.apache.shardingsphere.infra.datasource.pool.props.creator.DataSourcePoolPropertiesCreator;

/**
 * One physical database, as ShardingSphere sees it when the fence is on: its connections check the fence
 * row of a shard group, in the write's transaction, before every INSERT, UPDATE or DELETE of a guarded
 * physical table (see {@link FencedConnection}).
 *
 * <p>ShardingSphere reads {@link #getUrl()} and {@link #getUsername()} to recognise the database. Closing
 * this data source closes the one it wraps when that is {@link AutoCloseable}.
 *
 * <p>Thread-safe.
 */
public final class FencedDataSource implements DataSource, AutoCloseable {

    private final DataSource delegate;
    private final String name;
    private final int databaseIndex;
    private final FenceContext context;
    private final String url;
    private final String username;
    private volatile FenceDialect dialect;
    private volatile SqlScanner scanner;
    private volatile Boolean pipelinesBatches;
    private volatile FenceTriggers.Dialect triggerDialect;

    /**
     * Wraps a physical database.
     *
     * @param delegate the physical data source, usually a pool
     * @param name its data source name in the sharding configuration
     * @param databaseIndex its index in the layout
     * @param context what all databases share
     * @throws SQLException if the database cannot be reached to learn its URL
     */
    public FencedDataSource(DataSource delegate, String name, int databaseIndex, FenceContext context)
            throws SQLException {
        this.delegate = delegate;
        this.name = name;
        this.databaseIndex = databaseIndex;
        this.context = context;
        Map<String, Object> props = DataSourcePoolPropertiesCreator.create(delegate).getConnectionPropertySynonyms()
                .getStandardProperties();
        Object knownUrl = props.get("url");
        Object knownUser = props.get("username");
        if (knownUrl == null) {
            try (Connection connection = delegate.getConnection()) {
                DatabaseMetaData metaData = connection.getMetaData();
                knownUrl = metaData.getURL();
                knownUser = metaData.getUserName();
            }
        }
        this.url = String.valueOf(knownUrl);
        this.username = knownUser == null ? null : knownUser.toString();
    }

    /** The JDBC URL of the wrapped database, for ShardingSphere. */
    public String getUrl() {
        return url;
    }

    /** The user of the wrapped database, for ShardingSphere. */
    public String getUsername() {
        return username;
    }

    /** The data source name. */
    String name() {
        return name;
    }

    /** The database index in the layout. */
    int databaseIndex() {
        return databaseIndex;
    }

    /** What the databases share. */
    FenceContext context() {
        return context;
    }

    /** The fence lock of this database, learnt from the first connection. */
    FenceDialect dialect(Connection connection) throws SQLException {
        FenceDialect known = dialect;
        if (known == null) {
            known = FenceDialect.of(connection);
            dialect = known;
        }
        return known;
    }

    /**
     * Whether this database's driver sends the statements of a {@link java.sql.Statement#executeBatch() batch}
     * without waiting for each answer and keeps the result sets of those that return rows: MariaDB
     * Connector/J does, so the fence's locking reads can share one round trip with the statement that begins
     * the transaction. Learnt from the first connection.
     */
    boolean pipelinesBatches(Connection connection) throws SQLException {
        Boolean known = pipelinesBatches;
        if (known == null) {
            known = connection.getMetaData().getDriverName().startsWith("MariaDB Connector/J");
            pipelinesBatches = known;
        }
        return known;
    }

    /** The dialect of this database's fence triggers, learnt from the first connection. */
    FenceTriggers.Dialect triggerDialect(Connection connection) throws SQLException {
        FenceTriggers.Dialect known = triggerDialect;
        if (known == null) {
            known = FenceTriggers.Dialect.of(connection);
            triggerDialect = known;
        }
        return known;
    }

    /** The claims the sessions of this database hold. */
    FenceClaim claims() {
        return FenceClaim.SESSIONS;
    }

    /** The scanner of this database's physical SQL, for its dialect. */
    SqlScanner scanner(Connection connection) throws SQLException {
        SqlScanner known = scanner;
        if (known == null) {
            known = new SqlScanner(context.tableIndexes(), dialect(connection).lexerDialect());
            scanner = known;
        }
        return known;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return wrap(delegate.getConnection(user, password));
    }

    private Connection wrap(Connection raw) {
        return Proxies.create(Connection.class, new FencedConnection(this, raw));
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
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || delegate.isWrapperFor(iface);
    }

    /**
     * Closes the wrapped data source when it is {@link AutoCloseable}.
     *
     * @throws UnitRouterException if it fails to close
     */
    @Override
    public void close() {
        if (delegate instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new UnitRouterException("cannot close data source " + name + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public String toString() {
        return "FencedDataSource[" + name + ", database " + databaseIndex + ", " + url + "]";
    }
}
