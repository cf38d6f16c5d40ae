package io.unitrouter.sharding.internal;

import io.unitrouter.core.UnitRouterException;
import java.sql.SQLException;
import org.apache.shardingsphere.infra.database.core.type.DatabaseType;
import org.apache.shardingsphere.infra.exception.core.external.ShardingSphereExternalException;
import org.apache.shardingsphere.infra.exception.core.external.sql.ShardingSphereSQLException;
import org.apache.shardingsphere.infra.exception.dialect.SQLExceptionTransformEngine;

/**
 * Turns what ShardingSphere throws into an {@link SQLException} that says what happened. ShardingSphere
 * collects the failures of several physical connections (setting auto-commit, committing, rolling back)
 * into an {@code SQLException} with no message and no SQL state, the real errors hanging off
 * {@link SQLException#getNextException()}; and some of its own errors escape as unchecked exceptions.
 *
 * <p>Stateless and thread-safe.
 */
public final class SqlFailures {

    private SqlFailures() {
    }

    /**
     * A failure as callers should see it.
     *
     * @param failure what was thrown
     * @return an {@code SQLException} whose message and SQL state are those of the first real error (the
     *     original stays reachable as its cause chain and next exceptions), or the failure itself when it says
     *     what happened already
     */
    public static Throwable surface(Throwable failure) {
        return surface(failure, null);
    }

    /**
     * A failure as callers should see it, translating ShardingSphere's dialect errors for a database type.
     *
     * @param failure what was thrown
     * @param databaseType the logical database's protocol type, or {@code null}
     * @return see {@link #surface(Throwable)}
     */
    public static Throwable surface(Throwable failure, DatabaseType databaseType) {
        Throwable result = failure;
        if (result instanceof ShardingSphereSQLException external) {
            result = external.toSQLException();
        } else if (result instanceof ShardingSphereExternalException external && databaseType != null) {
            result = SQLExceptionTransformEngine.toSQLException(external, databaseType);
        } else if (result instanceof RuntimeException unexpected && !(result instanceof UnitRouterException)) {
            // ShardingSphere lets some failures escape unchecked (a statement its parser cannot visit, say).
            result = new SQLException("ShardingSphere could not handle the statement: " + describe(unexpected),
                    "HY000", unexpected);
        }
        if (result instanceof SQLException sql && isBlank(sql.getMessage()) && sql.getNextException() != null) {
            SQLException first = sql.getNextException();
            SQLException surfaced = new SQLException(first.getMessage(), first.getSQLState(), first.getErrorCode(), first);
            if (first.getNextException() != null) {
                surfaced.setNextException(first.getNextException());
            }
            return surfaced;
        }
        return result;
    }

    /**
     * The message of a failure with its SQL state, digging into causes when the top says nothing.
     *
     * @param failure a failure
     * @return e.g. {@code Connection refused (SQL state 08001)}
     */
    public static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (!isBlank(t.getMessage())) {
                String state = t instanceof SQLException sql && sql.getSQLState() != null
                        ? " (SQL state " + sql.getSQLState() + ")" : "";
                return t.getMessage() + state;
            }
            if (t instanceof SQLException sql && sql.getNextException() != null) {
                return describe(sql.getNextException());
            }
        }
        return failure.getClass().getName();
    }

    private static boolean isBlank(String message) {
        return message == null || message.isBlank();
    }
}
