package io.unitrouter.core.rules;

import io.unitrouter.core.UnitRouterException;
import java.util.List;
import java.util.Map;

/**
 * A rule document was rejected. {@link #errors()} lists every problem found, each naming the offending
 * entry and value, e.g. {@code shard 37 is owned by both rz01 and rz02}. A rejected document never
 * replaces the one in force.
 *
 * <p>Immutable and thread-safe.
 */
public class RuleValidationException extends UnitRouterException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final List<String> errors;

    /**
     * @param source where the document came from, e.g. a file path; used in the message
     * @param errors the problems found, at least one
     */
    public RuleValidationException(String source, List<String> errors) {
        super(message(source, errors), Map.of("source", source, "errors", List.copyOf(errors)), null);
        this.source = source;
        this.errors = List.copyOf(errors);
    }

    private static String message(String source, List<String> errors) {
        StringBuilder sb = new StringBuilder("rule document ").append(source).append(" is invalid (")
                .append(errors.size()).append(errors.size() == 1 ? " error)" : " errors)");
        for (String error : errors) {
            sb.append("\n  - ").append(error);
        }
        return sb.toString();
    }

    /** Where the document came from. */
    public String source() {
        return source;
    }

    /** Every problem found, in document order; never empty. */
    public List<String> errors() {
        return errors;
    }
}
