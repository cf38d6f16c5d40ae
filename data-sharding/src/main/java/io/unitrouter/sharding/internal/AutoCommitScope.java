package io.unitrouter.sharding.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Makes an auto-commit write that spans several shard groups all or nothing. ShardingSphere runs such a
 * write as one physical statement per group, each committing on its own, so that a failure in the second
 * group would leave the first committed. The guarded connection opens a scope around each statement it runs
 * in auto-commit mode; the write guard, which works out the groups a write touches before anything is sent,
 * asks the scope for a transaction when there are several; the guarded connection then commits it, or rolls
 * it back if the statement fails. A write to one group runs as before, in one auto-commit statement.
 *
 * <p>The scope is bound to the calling thread, on which ShardingSphere runs the guard. Not thread-safe.
 */
public final class AutoCommitScope implements AutoCloseable {

    private static final ThreadLocal<AutoCommitScope> CURRENT = new ThreadLocal<>();

    private final Connection connection;
    private final AutoCommitScope outer;
    private boolean opened;

    private AutoCommitScope(Connection connection, AutoCommitScope outer) {
        this.connection = connection;
        this.outer = outer;
    }

    /**
     * Opens a scope on the calling thread.
     *
     * @param connection the ShardingSphere connection about to run a statement in auto-commit mode
     * @return the scope; close it when the statement is done
     */
    public static AutoCommitScope open(Connection connection) {
        AutoCommitScope scope = new AutoCommitScope(connection, CURRENT.get());
        CURRENT.set(scope);
        return scope;
    }

    /**
     * Asks for the statement running on this thread to run in a transaction of its own. Does nothing outside
     * a scope (the connection is not guarded, or is already in a transaction).
     *
     * @throws SQLException if the connection cannot leave auto-commit mode
     */
    public static void requireTransaction() throws SQLException {
        AutoCommitScope scope = CURRENT.get();
        if (scope != null && !scope.opened && scope.connection.getAutoCommit()) {
            scope.connection.setAutoCommit(false);
            scope.opened = true;
        }
    }

    /** Whether the statement asked for a transaction, which the caller must now end. */
    public boolean opened() {
        return opened;
    }

    /** Unbinds the scope from the thread. */
    @Override
    public void close() {
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }
}
