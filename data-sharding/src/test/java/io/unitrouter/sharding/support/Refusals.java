package io.unitrouter.sharding.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.unitrouter.sharding.ShardAccessRefusedException;
import io.unitrouter.sharding.StatementRefusedException;
import java.sql.SQLException;

/** Assertions on refused JDBC calls. */
public final class Refusals {

    private Refusals() {
    }

    /**
     * Runs a JDBC call that must be refused, and returns the refusal behind the SQLException.
     *
     * @param call the call
     * @param type the refusal expected as the cause
     * @return the refusal
     */
    public static <T extends ShardAccessRefusedException> T assertRefused(JdbcCall call, Class<T> type) {
        SQLException failure = catchThrowableOfType(SQLException.class, call::run);
        assertThat((Throwable) failure).as("the call was not refused").isNotNull();
        assertThat(failure.getCause()).isInstanceOf(type);
        T refusal = type.cast(failure.getCause());
        assertThat(failure.getSQLState()).isEqualTo(refusal.sqlState());
        assertThat(failure.getMessage()).startsWith(refusal.getMessage());
        return refusal;
    }

    /**
     * Runs a JDBC call that the guard must refuse as a statement it cannot prove safe.
     *
     * @param call the call
     * @param reason the reason expected
     * @return the refusal
     */
    public static StatementRefusedException assertStatementRefused(JdbcCall call,
            StatementRefusedException.Reason reason) {
        StatementRefusedException refusal = assertRefused(call, StatementRefusedException.class);
        assertThat(refusal.reason()).isEqualTo(reason);
        assertThat(refusal.sqlState()).isEqualTo(ShardAccessRefusedException.SQLSTATE_STATEMENT);
        assertThat(refusal).hasMessageContaining(" refused in cell rz01: ");
        if (refusal.allowedBy() == null) {
            assertThat(refusal).hasMessageEndingWith("; no setting allows it");
        } else {
            assertThat(refusal).hasMessageEndingWith("; allow it with " + refusal.allowedBy());
        }
        return refusal;
    }

    /** A JDBC call. */
    @FunctionalInterface
    public interface JdbcCall {
        void run() throws SQLException;
    }
}
