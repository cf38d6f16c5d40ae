package io.unitrouter.sharding.support;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A physical data source that records the SQL ShardingSphere sends it, to show which physical tables a
 * statement reached. ShardingSphere reads its URL and user through {@link #getUrl()} and
 * {@link #getUsername()}.
 */
public final class RecordingDataSource extends PoolBackedDataSource {

    private final String name;
    private final List<String> log;

    /**
     * @param delegate the pool
     * @param name the data source name, prefixed to every recorded statement
     * @param log where statements are recorded, as {@code <name>: <sql>}
     */
    public RecordingDataSource(HikariDataSource delegate, String name, List<String> log) {
        super(delegate);
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

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return delegate.isWrapperFor(iface);
    }
}
