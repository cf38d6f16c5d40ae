package io.unitrouter.sharding;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A statement was refused before it reached the database because the write guard (or, on a physical
 * connection, the fence) cannot prove it safe: it could write rows of shards this cell does not own, or
 * end a transaction behind the fence's back, in a way the guard cannot see. Nothing of it was sent.
 *
 * <p>The message names what was refused, why, and the setting that allows it where one exists, e.g.
 * {@code CALL p() refused in cell rz01: routine p is not on the allow-list, and the guard cannot see what a
 * routine writes; allow routines the team vouches for with allowRoutines("p") (auditor property
 * allowed-routines)}. JDBC callers receive it as the cause of an {@link java.sql.SQLException} with SQL state
 * {@value ShardAccessRefusedException#SQLSTATE_STATEMENT}.
 *
 * <p>Immutable and thread-safe.
 */
public final class StatementRefusedException extends ShardAccessRefusedException {

    private static final long serialVersionUID = 1L;

    /** Why a statement was refused; see {@code docs/data-sharding.md}, "What the guard covers". */
    public enum Reason {
        /** More than one statement in one text: the guard checks one statement at a time. */
        MULTIPLE_STATEMENTS,
        /** A MySQL executable comment ({@code /*! ... *}{@code /}): code that the parser takes for a comment. */
        EXECUTABLE_COMMENT,
        /** Text that reads differently depending on the database's settings, e.g. a backslash in a literal. */
        AMBIGUOUS_TEXT,
        /** Transaction control in SQL text, or a statement that commits implicitly. */
        TRANSACTION_CONTROL,
        /** A schema change. */
        DDL,
        /** {@code EXPLAIN} of a write: {@code EXPLAIN ANALYZE} runs it, unrouted. */
        EXPLAIN_OF_WRITE,
        /** A routine call or function that is not on the allow-list. */
        ROUTINE,
        /** A physical table of a guarded table named directly, bypassing the sharding algorithm. */
        PHYSICAL_TABLE,
        /** A hint that sends the statement to a database this cell does not wholly own. */
        DATA_SOURCE_HINT,
        /** A shard-key value written that cannot be known before the statement runs. */
        UNKNOWN_KEY_VALUE,
        /** A write spanning tables the guard cannot route together. */
        MULTI_TABLE_WRITE,
        /** Any other kind of statement the guard does not check (session settings, locks, maintenance). */
        UNCHECKED_STATEMENT,
        /** A request for an object behind the guarded wrappers ({@code unwrap}). */
        UNWRAP,
        /**
         * Text naming the session claim of the fence triggers ({@code unit_router_fence} or
         * {@code unit_router.fence}): only unit-router sets it, since a forged claim would write past the fence.
         */
        FENCE_CLAIM
    }

    private final Reason reason;
    private final String allowedBy;

    private StatementRefusedException(String message, Map<String, ?> context, Reason reason, String allowedBy,
            String localCell, long epoch) {
        super(message, context, SQLSTATE_STATEMENT, localCell, epoch);
        this.reason = reason;
        this.allowedBy = allowedBy;
    }

    /**
     * A refusal.
     *
     * @param reason why
     * @param what what was refused, e.g. {@code CALL p()}
     * @param why the sentence saying why, e.g. {@code routine p is not on the allow-list}
     * @param allowedBy the setting that allows it, e.g. {@code allowRoutines("p") (auditor property
     *     allowed-routines)}, or {@code null} when nothing does
     * @param localCell this cell
     * @param epoch the epoch of the rules in force
     * @return e.g. {@code CALL p() refused in cell rz01: routine p is not on the allow-list; allow it with
     *     allowRoutines("p") (auditor property allowed-routines)}
     */
    public static StatementRefusedException of(Reason reason, String what, String why, String allowedBy,
            String localCell, long epoch) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("reason", reason.name());
        context.put("cell", localCell);
        context.put("epoch", epoch);
        context.put("allowedBy", allowedBy == null ? "nothing" : allowedBy);
        String message = what + " refused in cell " + localCell + ": " + why + "; "
                + (allowedBy == null ? "no setting allows it" : "allow it with " + allowedBy);
        return new StatementRefusedException(message, context, reason, allowedBy, localCell, epoch);
    }

    /** Why the statement was refused. */
    public Reason reason() {
        return reason;
    }

    /** The setting that allows such statements, or {@code null} when nothing does. */
    public String allowedBy() {
        return allowedBy;
    }
}
