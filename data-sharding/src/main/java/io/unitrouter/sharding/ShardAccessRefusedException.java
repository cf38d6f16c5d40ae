package io.unitrouter.sharding;

import io.unitrouter.core.UnitRouterException;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * A statement was refused by the data layer before it reached the database (or, for the fence, by the
 * database itself): a write to a shard this cell does not own or that is frozen, a read refused by
 * {@link ReadPolicy#REJECT}, a stale owner stopped by the fence, or a statement the guard cannot prove safe.
 *
 * <p>JDBC callers receive a {@link SQLException} whose {@linkplain SQLException#getSQLState() SQL state} is
 * {@link #sqlState()} and whose cause is this exception; {@link #find(Throwable)} digs it out of any cause
 * chain (for example Spring's {@code DataAccessException}).
 *
 * <p>Immutable and thread-safe.
 */
public class ShardAccessRefusedException extends UnitRouterException {

    /** SQL state of a write to a shard owned by another cell. */
    public static final String SQLSTATE_NOT_OWNER = "UR001";
    /** SQL state of a write to a frozen shard. */
    public static final String SQLSTATE_FROZEN = "UR002";
    /** SQL state of a write refused by the database fence. */
    public static final String SQLSTATE_FENCE = "UR003";
    /** SQL state of a read refused by {@link ReadPolicy#REJECT}. */
    public static final String SQLSTATE_READ = "UR004";
    /** SQL state of a commit refused because a write in the transaction was refused; it was rolled back. */
    public static final String SQLSTATE_ROLLED_BACK = "UR005";
    /** SQL state of a statement the guard cannot prove safe ({@link StatementRefusedException}). */
    public static final String SQLSTATE_STATEMENT = "UR006";

    private static final long serialVersionUID = 1L;

    private final String sqlState;
    private final String localCell;
    private final long epoch;

    /**
     * @param message the full sentence
     * @param context structured facts, in display order
     * @param sqlState one of the {@code SQLSTATE_*} constants
     * @param localCell the refusing cell
     * @param epoch the epoch of the rules the decision was made with
     */
    protected ShardAccessRefusedException(String message, Map<String, ?> context, String sqlState, String localCell,
            long epoch) {
        super(message, context, null);
        this.sqlState = sqlState;
        this.localCell = localCell;
        this.epoch = epoch;
    }

    /** The SQL state JDBC callers see, {@code UR001..UR004} or {@code UR006}. */
    public String sqlState() {
        return sqlState;
    }

    /** The cell that refused the statement. */
    public String localCell() {
        return localCell;
    }

    /** The epoch of the local rules the refusal was decided with. */
    public long epoch() {
        return epoch;
    }

    /**
     * This refusal as the {@link SQLException} a JDBC caller receives.
     *
     * @return an exception with this message, {@link #sqlState()} and this as its cause
     */
    public SQLException toSQLException() {
        return new SQLException(getMessage(), sqlState, 0, this);
    }

    /**
     * Finds a refusal in a chain of causes.
     *
     * @param failure any exception, e.g. an {@link SQLException} or a Spring {@code DataAccessException}
     * @return the first refusal in the chain, if any
     */
    public static Optional<ShardAccessRefusedException> find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ShardAccessRefusedException refusal) {
                return Optional.of(refusal);
            }
        }
        return Optional.empty();
    }
}
