package io.unitrouter.sharding.internal;

import io.unitrouter.core.UnitRouterException;
import io.unitrouter.sharding.ShardAccessRefusedException;
import org.apache.shardingsphere.infra.exception.core.external.sql.ShardingSphereSQLException;

/**
 * Carries a unit-router exception out of a ShardingSphere algorithm. ShardingSphere turns it into the
 * {@link java.sql.SQLException} the caller receives, with this message, SQL state and the unit-router
 * exception as its cause (any other runtime exception would surface as "Unknown exception.").
 *
 * <p>Immutable once thrown.
 */
public final class ShardingSphereRefusal extends ShardingSphereSQLException {

    /** SQL state of errors that are not refusals: a malformed key, a missing router, a layout mismatch. */
    public static final String SQLSTATE_ERROR = "UR000";

    private static final long serialVersionUID = 1L;

    private final UnitRouterException cause;

    private ShardingSphereRefusal(String sqlState, UnitRouterException cause) {
        super(() -> sqlState, 0, 0, "%s", cause.getMessage());
        this.cause = cause;
    }

    /**
     * Wraps an exception for ShardingSphere.
     *
     * @param cause the unit-router exception
     * @return the exception to throw from the algorithm
     */
    public static ShardingSphereRefusal of(UnitRouterException cause) {
        String sqlState = cause instanceof ShardAccessRefusedException refusal ? refusal.sqlState() : SQLSTATE_ERROR;
        return new ShardingSphereRefusal(sqlState, cause);
    }

    /**
     * The unit-router exception. ShardingSphere appends the text of a cause given to its constructor to the
     * message, so the cause is kept here instead; {@link #toSQLException()} reads it through this method.
     */
    @Override
    public synchronized Throwable getCause() {
        return cause;
    }
}
