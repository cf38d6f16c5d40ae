package io.unitrouter.sharding.internal;

import io.unitrouter.core.Cell;
import io.unitrouter.core.ShardRange;
import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.sharding.FenceMode;
import io.unitrouter.sharding.FenceRefusedException;
import io.unitrouter.sharding.FenceRow;
import io.unitrouter.sharding.FenceTriggers;
import io.unitrouter.sharding.ShardLayout;
import io.unitrouter.sharding.StatementRefusedException;
import io.unitrouter.sharding.WriteRefusedException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.BitSet;
import java.util.Set;

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
 * <p>Round trips: where the driver pipelines batches (MariaDB Connector/J), the statement that begins the
 * transaction and the locking reads go as one batch, one round trip. An auto-commit write then costs
 * {@code START TRANSACTION} + reads (one round trip), the write, and {@code COMMIT}, with the connection
 * left in auto-commit mode throughout. And {@code setAutoCommit(false)} is held back until the connection
 * runs its next statement. When that is a guarded write, the application's transaction, too, begins with
 * {@code START TRANSACTION} in the batch of its locking reads, and the driver and the pool never see
 * auto-commit off: {@code commit()} or {@code rollback()} ends it (the driver sends them because the server
 * reports a transaction open), and neither {@code set autocommit=0} nor the pool's {@code set autocommit=1}
 * is sent, so the fenced transaction makes one round trip fewer than an unfenced one. Inside such a
 * transaction, plain reads and writes run as they are; anything else (a statement that may end the
 * transaction, a savepoint, any other JDBC call that may send a statement) first sends the held-back
 * {@code set autocommit=0}, which does not end the transaction, and so does a statement that fails, once it
 * has failed (MySQL rolls the transaction back on a deadlock): nothing after it is then committed statement
 * by statement. Until the first statement nothing has reached the database, so
 * {@code commit()} and {@code rollback()} go to the driver as they are (with no transaction open they send
 * nothing) and every other call first sends the held-back change.
 *
 * <p>"Once per transaction" is only safe while the lock is held, so the connection forgets every check as
 * soon as the transaction may have ended in any way: a JDBC call other than those known to leave the
 * transaction alone (commit, rollback to a savepoint, a change of auto-commit, schema or isolation...), any
 * statement that is not a plain read or write (SQL-text COMMIT, ROLLBACK, BEGIN or SET autocommit, DDL and
 * other statements that commit implicitly), and any failed statement (MySQL rolls a transaction back on a
 * deadlock). A statement naming a guarded table that the fence cannot check (several statements in one
 * text, an executable comment, text that reads differently depending on the database's settings, or a
 * statement that is neither a read nor a write) is refused before it is sent.
 *
 * <p><b>{@link FenceMode#TRIGGER}:</b> step 2 is left to the tables' fence triggers ({@link FenceTriggers}),
 * which read the fence row with a shared lock inside the write itself. Before a guarded write the connection
 * only makes sure that its session holds the claim of this cell at the epoch in force ({@link FenceClaim});
 * that costs a statement only when the session's claim is not the one wanted (a new physical connection, a
 * new epoch), so an auto-commit write stays one statement. Auto-commit is not held back, nothing is checked
 * "once per transaction" (every row written is checked), and a trigger's refusal reaches the application as a
 * {@link FenceRefusedException}.
 *
 * <p>Not thread-safe, like the connection it wraps.
 */
final class FencedConnection implements InvocationHandler {

    /**
     * Connection methods that can neither end a transaction nor change how the next statement commits;
     * every other method makes the connection forget its checks.
     */
    private static final Set<String> KEEP_CHECKS = Set.of("prepareStatement", "createStatement", "prepareCall",
            "nativeSQL", "getAutoCommit", "getMetaData", "isClosed", "isReadOnly", "getWarnings", "clearWarnings",
            "getTransactionIsolation", "getCatalog", "getSchema", "getHoldability", "getClientInfo", "getTypeMap",
            "getNetworkTimeout", "isValid", "createClob", "createBlob", "createNClob", "createSQLXML",
            "createArrayOf", "createStruct", "setSavepoint", "releaseSavepoint", "toString");

    /**
     * Connection methods that send no statement whose effect depends on auto-commit, and so may run while
     * {@code setAutoCommit(false)} is held back, even inside a transaction the fence began in SQL text.
     * ({@code commit()} and {@code rollback()} without a savepoint are handled on their own: a driver that
     * pipelines sends them exactly when the server reports a transaction open.)
     */
    private static final Set<String> BEFORE_AUTO_COMMIT_OFF = Set.of("nativeSQL", "getMetaData", "isClosed",
            "isReadOnly", "getWarnings", "clearWarnings", "getTransactionIsolation", "getCatalog", "getSchema",
            "getHoldability", "getClientInfo", "getTypeMap", "getNetworkTimeout", "isValid", "createClob",
            "createBlob", "createNClob", "createSQLXML", "createArrayOf", "createStruct", "toString");

    private final FencedDataSource dataSource;
    private final Connection raw;
    private final BitSet verified = new BitSet();
    private FenceReads fenceReads;
    /** The application turned auto-commit off and the driver has not been told yet. */
    private boolean autoCommitOffHeldBack;
    /**
     * A transaction that the fence began in SQL text ({@code START TRANSACTION}, in the batch of its locking
     * reads) may be open, on a connection that the driver and the pool still see in auto-commit mode: an
     * auto-commit write's own transaction, or the application's transaction while turning auto-commit off is
     * held back. Closing rolls it back before the connection goes back to the pool, which does not know of it.
     */
    private boolean transactionBegun;
    private Connection proxy;
    /** Whether the triggers check the fence ({@link FenceMode#TRIGGER}). */
    private final boolean triggers;
    /** The driver's connection behind the pool's proxy, which keys the claim its session holds. */
    private Connection physical;
    /**
     * The claim was sent inside a PostgreSQL transaction that has not committed yet: should it roll back, the
     * session loses the claim with it.
     */
    private boolean claimAtRisk;

    FencedConnection(FencedDataSource dataSource, Connection raw) {
        this.dataSource = dataSource;
        this.raw = raw;
        this.triggers = dataSource.context().mode() == FenceMode.TRIGGER;
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        proxy = (Connection) self;
        switch (method.getName()) {
            case "prepareStatement" -> {
                SqlScanner.Shape shape = checkable((String) args[0]);
                return wrap((PreparedStatement) call(raw, method, args), PreparedStatement.class, shape);
            }
            case "prepareCall" -> {
                SqlScanner.Shape shape = checkable((String) args[0]);
                return wrap((CallableStatement) call(raw, method, args), CallableStatement.class, shape);
            }
            case "createStatement" -> {
                return wrap((Statement) call(raw, method, args), Statement.class, null);
            }
            case "close" -> {
                verified.clear();
                autoCommitOffHeldBack = false;
                forgetClaimAtRisk();
                if (transactionBegun) {
                    transactionBegun = false;
                    try {
                        raw.rollback();
                    } catch (SQLException e) {
                        // The connection is broken; the pool drops it.
                    }
                }
                if (fenceReads != null) {
                    fenceReads.close();
                    fenceReads = null;
                }
                return call(raw, method, args);
            }
            case "setAutoCommit" -> {
                verified.clear();
                setAutoCommit((Boolean) args[0]);
                if ((Boolean) args[0]) {
                    // Turning auto-commit on commits.
                    claimAtRisk = false;
                }
                return null;
            }
            case "getAutoCommit" -> {
                return !autoCommitOffHeldBack && raw.getAutoCommit();
            }
            case "commit", "rollback" -> {
                verified.clear();
                if (args != null && args.length > 0) {
                    sendAutoCommitOff();
                }
                if (method.getName().equals("rollback")) {
                    forgetClaimAtRisk();
                }
                Object result = call(raw, method, args);
                if (args == null || args.length == 0) {
                    // The driver sent COMMIT or ROLLBACK, since the server reported the transaction open.
                    transactionBegun = false;
                    claimAtRisk = false;
                }
                return result;
            }
            case "unwrap" -> {
                Class<?> iface = (Class<?>) args[0];
                if (iface.isInstance(self)) {
                    return self;
                }
                sendAutoCommitOff();
                return raw.unwrap(iface);
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
                if (!KEEP_CHECKS.contains(method.getName())) {
                    verified.clear();
                }
                if (!BEFORE_AUTO_COMMIT_OFF.contains(method.getName())) {
                    sendAutoCommitOff();
                }
                return call(raw, method, args);
            }
        }
    }

    /**
     * Turns auto-commit on or off. Turning it off is held back where the fence reads can carry it
     * (see the class comment).
     */
    private void setAutoCommit(boolean on) throws SQLException {
        if (autoCommitOffHeldBack) {
            if (on && transactionBegun) {
                // Turning auto-commit on commits the transaction (JDBC); the driver, which sees auto-commit on
                // already, would not. Should the commit fail, the transaction stays open until rollback or close.
                raw.commit();
                transactionBegun = false;
            }
            autoCommitOffHeldBack = !on;
            return;
        }
        if (!on && !triggers && raw.getAutoCommit() && reads().pipelined()) {
            autoCommitOffHeldBack = true;
            return;
        }
        raw.setAutoCommit(on);
    }

    /**
     * Tells the driver that auto-commit is off, if that was held back. A transaction the fence began in SQL
     * text goes on: {@code set autocommit=0} does not end it, and from then on the driver and the pool know of
     * it.
     */
    private void sendAutoCommitOff() throws SQLException {
        if (autoCommitOffHeldBack) {
            autoCommitOffHeldBack = false;
            transactionBegun = false;
            raw.setAutoCommit(false);
        }
    }

    private FenceReads reads() throws SQLException {
        if (fenceReads == null) {
            fenceReads = new FenceReads(raw, dataSource.dialect(raw), dataSource.pipelinesBatches(raw));
        }
        return fenceReads;
    }

    private <T extends Statement> T wrap(T statement, Class<T> type, SqlScanner.Shape shape) {
        return Proxies.create(type, new FencedStatement(statement, shape));
    }

    /** The shape of a statement, refusing it when it names a guarded table but cannot be checked. */
    private SqlScanner.Shape checkable(String sql) throws SQLException {
        SqlScanner.Shape shape = dataSource.scanner(raw).scan(sql);
        String refusal = shape.refusal();
        if (refusal != null) {
            RoutingTable table = dataSource.context().router().table();
            throw StatementRefusedException.of(reasonOf(shape), "statement " + SqlText.quote(sql) + " on database "
                    + dataSource.name(), "the fence cannot check it: " + refusal + ", and it names a guarded table",
                    null, dataSource.context().localCell(), table.epoch()).toSQLException();
        }
        return shape;
    }

    private static StatementRefusedException.Reason reasonOf(SqlScanner.Shape shape) {
        if (shape.unchecked() == null) {
            return StatementRefusedException.Reason.UNCHECKED_STATEMENT;
        }
        if (shape.unchecked().contains("more than one")) {
            return StatementRefusedException.Reason.MULTIPLE_STATEMENTS;
        }
        return shape.unchecked().contains("executable") ? StatementRefusedException.Reason.EXECUTABLE_COMMENT
                : StatementRefusedException.Reason.AMBIGUOUS_TEXT;
    }

    /**
     * Runs a statement: behind the fence when it writes guarded tables, and forgetting the checks of this
     * transaction when it may have ended it or failed.
     *
     * @param tables the table indexes of the guarded tables it writes, or none
     * @param mayEndTransaction whether it is something other than a plain read or write
     * @param write the statement itself
     * @return what the statement returned
     */
    private Object run(int[] tables, boolean mayEndTransaction, Write write) throws Throwable {
        try {
            if (tables.length > 0) {
                return fenced(tables, write);
            }
            if (!transactionBegun || mayEndTransaction) {
                // Inside a transaction the fence began, a plain read or write runs as it is; anything that may
                // end the transaction runs with auto-commit off, so that what follows it is not committed
                // statement by statement.
                sendAutoCommitOff();
            }
            return write.run();
        } catch (Throwable failure) {
            // A failed statement may have rolled the transaction back with its locks (MySQL does on a deadlock);
            // inside a transaction the fence began, what follows must then not be committed statement by
            // statement, so the driver learns that auto-commit is off.
            verified.clear();
            forgetClaimAtRisk();
            try {
                sendAutoCommitOff();
            } catch (SQLException suppressed) {
                failure.addSuppressed(suppressed);
            }
            throw failure;
        } finally {
            if (mayEndTransaction) {
                verified.clear();
                forgetClaimAtRisk();
            }
        }
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
        if (triggers) {
            return triggered(table, write);
        }
        if (autoCommitOffHeldBack) {
            int[] unverified = unverified(groups);
            if (!transactionBegun && unverified.length == 0) {
                // Checks outlive no transaction, so this does not happen; should it, nothing would begin one.
                sendAutoCommitOff();
                return write.run();
            }
            String begin = transactionBegun ? null : "START TRANSACTION";
            transactionBegun = true;
            try {
                checkFences(table, unverified, begin);
            } catch (SQLException | RuntimeException failure) {
                // The transaction goes on (with the locks it took) until the application ends it, as after any
                // refused write; the driver learns that auto-commit is off.
                try {
                    sendAutoCommitOff();
                } catch (SQLException suppressed) {
                    failure.addSuppressed(suppressed);
                }
                throw failure;
            }
            markVerified(unverified);
            return write.run();
        }
        if (!raw.getAutoCommit()) {
            int[] unverified = unverified(groups);
            checkFences(table, unverified, null);
            markVerified(unverified);
            return write.run();
        }
        if (reads().pipelined()) {
            // START TRANSACTION leaves auto-commit on: COMMIT ends the transaction with no further change.
            transactionBegun = true;
            try {
                checkFences(table, groups, "START TRANSACTION");
                Object result = write.run();
                raw.commit();
                transactionBegun = false;
                return result;
            } catch (Throwable failure) {
                try {
                    raw.rollback();
                    transactionBegun = false;
                } catch (SQLException suppressed) {
                    failure.addSuppressed(suppressed);
                }
                throw failure;
            }
        }
        raw.setAutoCommit(false);
        boolean committed = false;
        try {
            checkFences(table, groups, null);
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

    /**
     * Runs a write that the tables' triggers check: sends this cell's claim first if the session does not hold
     * it, and turns a trigger's refusal into a {@link FenceRefusedException}.
     */
    private Object triggered(RoutingTable table, Write write) throws Throwable {
        FenceContext context = dataSource.context();
        String claim = FenceTriggers.claim(context.localCell(), table.epoch());
        FenceClaim claims = dataSource.claims();
        Connection session = physical();
        if (!claim.equals(claims.heldBy(session))) {
            FenceTriggers.Dialect dialect = dataSource.triggerDialect(raw);
            FenceClaim.send(raw, dialect, claim);
            claims.hold(session, claim);
            claimAtRisk |= dialect == FenceTriggers.Dialect.POSTGRESQL && !raw.getAutoCommit();
        }
        try {
            return write.run();
        } catch (Throwable failure) {
            FenceClaim.Refusal refusal = FenceClaim.refusal(failure);
            if (refusal == null) {
                throw failure;
            }
            // The session may not hold the claim it was sent (a reset connection): the next write sends it again.
            claims.forget(session);
            ShardRange shards = context.layout().shardsOf(refusal.group(), table.shards());
            SQLException refused = FenceRefusedException.of(refusal.group(), shards, dataSource.name(),
                    refusal.fence(), context.localCell(), table.epoch(), refusal.claim()).toSQLException();
            refused.addSuppressed(failure);
            throw refused;
        }
    }

    /** The driver's connection behind the pool's proxy. */
    private Connection physical() throws SQLException {
        if (physical == null) {
            physical = raw.isWrapperFor(Connection.class) ? raw.unwrap(Connection.class) : raw;
        }
        return physical;
    }

    /** Forgets the claim if it was sent in a PostgreSQL transaction that may now roll back or have rolled back. */
    private void forgetClaimAtRisk() throws SQLException {
        if (claimAtRisk) {
            claimAtRisk = false;
            dataSource.claims().forget(physical());
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

    /** The groups of a write whose fence this transaction has not read yet, distinct. */
    private int[] unverified(int[] groups) {
        BitSet pending = new BitSet();
        for (int group : groups) {
            if (!verified.get(group)) {
                pending.set(group);
            }
        }
        return pending.stream().toArray();
    }

    private void markVerified(int[] groups) {
        for (int group : groups) {
            verified.set(group);
        }
    }

    /**
     * Reads the fence rows of some groups with their lock, refusing unless each names this cell at an epoch
     * no newer than this cell's.
     *
     * @param table the rules in force
     * @param groups the groups; none reads nothing and sends nothing, not even {@code first}
     * @param first a statement to send just before the reads, in the same batch, or {@code null}
     */
    private void checkFences(RoutingTable table, int[] groups, String first) throws SQLException {
        if (groups.length == 0) {
            return;
        }
        FenceRow[] rows = reads().read(groups, first);
        String local = dataSource.context().localCell();
        for (int i = 0; i < groups.length; i++) {
            FenceRow row = rows[i];
            if (row == null || !row.admits(local, table.epoch())) {
                ShardRange shards = dataSource.context().layout().shardsOf(groups[i], table.shards());
                throw FenceRefusedException.of(groups[i], shards, dataSource.name(), row, local, table.epoch())
                        .toSQLException();
            }
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** A physical statement. */
    @FunctionalInterface
    private interface Write {
        Object run() throws Throwable;
    }

    /**
     * A statement of this connection: writes to guarded tables go through {@link #fenced}, and statements
     * that may end the transaction make the connection forget its checks.
     */
    private final class FencedStatement implements InvocationHandler {

        private final Statement statement;
        private final SqlScanner.Shape shape;
        private final BitSet batchTables = new BitSet();
        private boolean batchMayEndTransaction;

        /**
         * @param statement the physical statement
         * @param shape the shape of a prepared or callable statement's SQL; {@code null} for a plain statement
         */
        FencedStatement(Statement statement, SqlScanner.Shape shape) {
            this.statement = statement;
            this.shape = shape;
        }

        @Override
        public Object invoke(Object self, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            switch (name) {
                case "execute", "executeQuery", "executeUpdate", "executeLargeUpdate" -> {
                    SqlScanner.Shape target = args == null || args.length == 0 ? shape : checkable((String) args[0]);
                    return run(target.fenced() ? target.tables() : new int[0], target.mayEndTransaction(),
                            () -> call(statement, method, args));
                }
                case "executeBatch", "executeLargeBatch" -> {
                    int[] tables = batchTables.stream().toArray();
                    boolean mayEnd = batchMayEndTransaction;
                    batchTables.clear();
                    batchMayEndTransaction = false;
                    return run(tables, mayEnd, () -> call(statement, method, args));
                }
                case "addBatch" -> {
                    SqlScanner.Shape target = args == null || args.length == 0 ? shape : checkable((String) args[0]);
                    if (target.fenced()) {
                        for (int t : target.tables()) {
                            batchTables.set(t);
                        }
                    }
                    batchMayEndTransaction |= target.mayEndTransaction();
                    return call(statement, method, args);
                }
                case "clearBatch" -> {
                    batchTables.clear();
                    batchMayEndTransaction = false;
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
