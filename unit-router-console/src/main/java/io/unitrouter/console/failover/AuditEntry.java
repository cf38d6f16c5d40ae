package io.unitrouter.console.failover;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the console's audit trail: who did what, to what, and how it ended.
 *
 * <p>Immutable and thread-safe.
 *
 * @param at when
 * @param operator the logged-in operator's name, or {@code anonymous}
 * @param action e.g. {@code execute}, {@code abort}, {@code resume}, {@code publish}, {@code login}
 * @param target what it acted on, e.g. {@code drain:hz1 (plan 3c59b3f2cc62a363)} or {@code epoch 44}
 * @param outcome e.g. {@code started}, {@code completed}, {@code refused}, {@code failed}
 * @param detail the run id, the error message, or empty
 */
public record AuditEntry(Instant at, String operator, String action, String target, String outcome, String detail) {

    /** Checks the fields are present; a missing detail is empty. */
    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(outcome, "outcome");
        detail = detail == null ? "" : detail;
    }
}
