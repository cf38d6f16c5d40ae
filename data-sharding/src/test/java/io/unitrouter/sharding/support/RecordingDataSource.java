package io.unitrouter.sharding.support;

import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A physical data source that records the SQL ShardingSphere sends it, to show which physical tables a
 * statement reached. ShardingSphere reads its URL and user through {@link #getUrl()} and
 * {@link #getUsername()}.
 */
public final class RecordingDataSource implements DataSource, AutoCloseable {

    private final HikariDataSource delegate;
    private final String name;
    private final List<String> log;

    /**
     * @param delegate the pool
     * @param name the data source name, prefixed to every recorded statement
     * @param log where statements are recorded, as {@code <name>: <sql>}
     */
    public RecordingDataSource(HikariDataSource delegate, String name, List<String> log) {
        this.delegate = delegate;
        this.name = name;
        this.log = log;
    }

    /** A log to share between data sources. */
    public static List<String> newLog() {
        return new CopyOnWriteArrayList<>();
    }

    /** The recorded statements that name a table of the given logical table (e.g. {@code t_account}). */
    public static List<String> statementsOn(List<String> log, String logicTable) {
        return log.stream().filter(s -> s.toLowerCase(Locale.ROOT).contains(logicTable + "_")).toList();
    }

    /**
     * The physical tables of a logical table that the recorded statements reached, as
     * {@code <data source>.<table>} (ShardingSphere may combine several tables of one database into one
     * {@code UNION ALL} statement).
     */
    public static Set<String> tablesReached(List<String> log, String logicTable) {
        Pattern table = Pattern.compile("\\b(" + Pattern.quote(logicTable) + "_\\d+)\\b");
        Set<String> reached = new TreeSet<>();
        for (String entry : log) {
            String dataSource = entry.substring(0, entry.indexOf(':'));
            Matcher m = table.matcher(entry);
            while (m.find()) {
                reached.add(dataSource + "." + m.group(1));
            }
        }
        return reached;
    }

    public String getUrl() {
        return delegate.getJdbcUrl();
    }

    public String getUsername() {
        return delegate.getUsername();
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection raw = delegate.getConnection();
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("equals")) {
                        return proxy == args[0];
                    }
                    if (method.getName().equals("hashCode")) {
                        return System.identityHashCode(proxy);
                    }
                    if (method.getName().equals("prepareStatement")) {
                        log.add(name + ": " + args[0]);
                    }
                    Object result = invoke(raw, method, args);
                    if (method.getName().equals("createStatement")) {
                        return recording((Statement) result);
                    }
                    return result;
                });
    }

    private Statement recording(Statement raw) {
        return (Statement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Statement.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("equals")) {
                        return proxy == args[0];
                    }
                    if (method.getName().equals("hashCode")) {
                        return System.identityHashCode(proxy);
                    }
                    if ((method.getName().startsWith("execute") || method.getName().equals("addBatch"))
                            && args != null && args.length > 0 && args[0] instanceof String sql) {
                        log.add(name + ": " + sql);
                    }
                    return invoke(raw, method, args);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
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
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return delegate.isWrapperFor(iface);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
