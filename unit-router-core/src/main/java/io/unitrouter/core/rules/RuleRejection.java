package io.unitrouter.core.rules;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A rule document that was offered but not put in force, with the reasons. Reported by rule stores and
 * routers so that logs, metrics and the actuator can explain why the rules in force did not change.
 *
 * <p>Immutable and thread-safe.
 *
 * @param source where the document came from
 * @param epoch the epoch the document declared, or {@code -1} when it could not be read
 * @param errors why it was rejected; never empty
 * @param at when it was rejected
 */
public record RuleRejection(String source, long epoch, List<String> errors, Instant at) {

    /** Copies the error list. */
    public RuleRejection {
        Objects.requireNonNull(source, "source");
        errors = List.copyOf(errors);
        Objects.requireNonNull(at, "at");
    }

    /** A rejection for the errors of a validation exception, stamped now. */
    public static RuleRejection of(RuleValidationException e, long epoch) {
        return new RuleRejection(e.source(), epoch, e.errors(), Instant.now());
    }
}
