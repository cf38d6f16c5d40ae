package io.unitrouter.sharding.internal;

import io.unitrouter.core.Cell;
import io.unitrouter.core.RoutingTable;
import io.unitrouter.core.ShardRange;
import io.unitrouter.core.UnitRouterException;
import io.unitrouter.sharding.FenceRefusedException;
import io.unitrouter.sharding.FenceRow;
import io.unitrouter.sharding.ShardLayout;
import io.unitrouter.sharding.WriteRefusedException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.BitSet;

/**
 * A physical connection of a {@link FencedDataSource}. Before each INSERT, UPDATE or DELETE of a guarded
 * physical table (plain, prepared or batched) it:
 * <ol>
 *   <li>checks in memory that every shard of the table's shard group is owned by this cell and not
 *       frozen, at the epoch in force now (this also catches a batch queued under an older epoch);</li>
 *   <li>reads the group's fence row with a row lock, in the write's transaction, and refuses unless it
 *       names this cell at an epoch no newer than this cell's.</li>
 * </ol>
 * In auto-commit mode the check and the write run in one short transaction of their own. Inside an
 * application transaction the lock is held until it ends, so the group is checked once per transaction.
 * A fence bump therefore either waits for the transaction to end or makes it fail.
 *
 * <p>Not thread-safe, like the connection it wraps.
 */
final class FencedConnection implements InvocationHandler {

    private final FencedDataSource dataSource;
    private final Connection raw;
    private final BitSet verified = new BitSet();
    private PreparedStatement fenceQuery;
    private Connection proxy;

    FencedConnection(FencedDataSource dataSource, Connection raw) {
        this.dataSource = dataSource;
        this.raw = raw;
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        proxy = (Connection) self;
        switch (method.getName()) {
            case "prepareStatement" -> {
                PreparedStatement statement = (PreparedStatement) call(raw, method, args);
                SqlScanner.Shape shape = dataSource.context().scanner().scan((String) args[0]);
                return shape.fenced() ? wrap(statement, PreparedStatement.class, shape) : statement;
            }
            case "createStatement" -> {
                return wrap((Statement) call(raw, method, args), Statement.class, null);
            }
            case "commit", "rollback", "setAutoCommit" -> {
                verified.clear();
                return call(raw, method, args);
            }
            case "close" -> {
                verified.clear();
                closeFenceQuery();
                return call(raw, method, args);
            }
            case "unwrap" -> {
                Class<?> iface = (Class<?>) args[0];
                return iface.isInstance(self) ? self : raw.unwrap(iface);
            }
            case "isWrapperFor" -> {
                return ((Class<?>) args[0]).isInstance(self) || raw.isWrapperFor((Class<?>) args[0]);
            }
            case "equals" -> {
                return self == args[0];
            }
            case "hashCode" -> {
                return System.identityHashCode(self);
            }
            default -> {
                return call(raw, method, args);
            }
        }
    }

    private <T extends Statement> T wrap(T statement, Class<T> type, SqlScanner.Shape shape) {
        return Proxies.create(type, new FencedStatement(statement, shape));
    }

    /**
     * Runs a write of the given physical tables behind the fence.
     *
     * @param tables the table indexes written
     * @param write the write itself
     * @return what the write returned
     */
    private Object fenced(int[] tables, Write write) throws Throwable {
        FenceContext context = dataSource.context();
        RoutingTable table = context.router().table();
        ShardLayout layout = context.layout();
        int[] groups = new int[tables.length];
        for (int i = 0; i < tables.length; i++) {
            groups[i] = layout.groupAt(dataSource.databaseIndex(), tables[i]);
            checkInMemory(table, layout, groups[i], tables[i]);
        }
        if (!raw.getAutoCommit()) {
            for (int group : groups) {
                if (!verified.get(group)) {
                    checkFence(table, group);
                    verified.set(group);
                }
            }
            return write.run();
        }
        raw.setAutoCommit(false);
        boolean committed = false;
        try {
            for (int group : groups) {
                checkFence(table, group);
            }
            Object result = write.run();
            raw.commit();
            committed = true;
            return result;
        } finally {
            try {
                if (!committed) {
                    raw.rollback();
                }
            } finally {
                raw.setAutoCommit(true);
            }
        }
    }

    private void checkInMemory(RoutingTable table, ShardLayout layout, int group, int tableIndex)
            throws SQLException {
        String local = dataSource.context().localCell();
        ShardRange shards;
        try {
            shards = layout.shardsOf(group, table.shards());
        } catch (UnitRouterException e) {
            throw new SQLException(e.getMessage(), "UR000", 0, e);
        }
        for (int shard = shards.from(); shard <= shards.to(); shard++) {
            Cell owner = table.ownerOf(shard);
            boolean foreign = !owner.id().equals(local);
            if (foreign || table.isFrozen(shard)) {
                throw WriteRefusedException.forShards("shard group " + group + " (shards " + shards + ", "
                        + dataSource.name() + " table index " + tableIndex + ")", shard, owner.id(), !foreign, local,
                        table.epoch()).toSQLException();
            }
        }
    }

    private void checkFence(RoutingTable table, int group) throws SQLException {
        if (fenceQuery == null) {
            fenceQuery = raw.prepareStatement(dataSource.dialect(raw).lockQuery());
        }
        fenceQuery.setString(1, Integer.toString(group));
        FenceRow row = null;
        try (ResultSet rs = fenceQuery.executeQuery()) {
            if (rs.next()) {
                row = new FenceRow(group, rs.getString(1), rs.getLong(2));
            }
        }
        String local = dataSource.context().localCell();
        if (row == null || !row.ownerCell().equals(local) || row.epoch() > table.epoch()) {
            ShardRange shards = dataSource.context().layout().shardsOf(group, table.shards());
            throw FenceRefusedException.of(group, shards, dataSource.name(), row, local, table.epoch())
                    .toSQLException();
        }
    }

    private void closeFenceQuery() {
        if (fenceQuery != null) {
            try {
                fenceQuery.close();
            } catch (SQLException e) {
                // The connection is closing; its statements go with it.
            }
            fenceQuery = null;
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** A physical write. */
    @FunctionalInterface
    private interface Write {
        Object run() throws Throwable;
    }

    /** A statement of this connection; writes to guarded tables go through {@link #fenced}. */
    private final class FencedStatement implements InvocationHandler {

        private final Statement statement;
        private final SqlScanner.Shape shape;
        private final BitSet batchTables = new BitSet();

        FencedStatement(Statement statement, SqlScanner.Shape shape) {
            this.statement = statement;
            this.shape = shape;
        }

        @Override
        public Object invoke(Object self, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            switch (name) {
                case "execute", "executeUpdate", "executeLargeUpdate" -> {
                    SqlScanner.Shape target = args == null || args.length == 0 ? shape
                            : dataSource.context().scanner().scan((String) args[0]);
                    if (target != null && target.fenced()) {
                        return fenced(target.tables(), () -> call(statement, method, args));
                    }
                    return call(statement, method, args);
                }
                case "addBatch" -> {
                    SqlScanner.Shape target = args == null || args.length == 0 ? shape
                            : dataSource.context().scanner().scan((String) args[0]);
                    if (target != null && target.fenced()) {
                        for (int t : target.tables()) {
                            batchTables.set(t);
                        }
                    }
                    return call(statement, method, args);
                }
                case "executeBatch", "executeLargeBatch" -> {
                    int[] tables = batchTables.stream().toArray();
                    batchTables.clear();
                    if (tables.length > 0) {
                        return fenced(tables, () -> call(statement, method, args));
                    }
                    return call(statement, method, args);
                }
                case "clearBatch" -> {
                    batchTables.clear();
                    return call(statement, method, args);
                }
                case "getConnection" -> {
                    return proxy;
                }
                case "unwrap" -> {
                    Class<?> iface = (Class<?>) args[0];
                    return iface.isInstance(self) ? self : statement.unwrap(iface);
                }
                case "isWrapperFor" -> {
                    return ((Class<?>) args[0]).isInstance(self) || statement.isWrapperFor((Class<?>) args[0]);
                }
                case "equals" -> {
                    return self == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(self);
                }
                default -> {
                    return call(statement, method, args);
                }
            }
        }
    }
}
