package io.unitrouter.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * An AppActive rule set that cannot be imported: broken, or using something unit-router has no equivalent
 * for. Nothing is written. The CLI prints every problem on its own line and exits with 1.
 */
final class AppActiveRulesException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String dir;
    private final List<String> problems;

    /**
     * @param dir the rule directory
     * @param problems every problem, each naming the file and the entry; at least one
     */
    AppActiveRulesException(Path dir, List<String> problems) {
        super("cannot import the AppActive rules in " + dir + ": " + String.join("; ", problems), null, false,
                false);
        this.dir = dir.toString();
        this.problems = List.copyOf(problems);
    }

    /** The rule directory. */
    String dir() {
        return dir;
    }

    /** Every problem, in the order found. */
    List<String> problems() {
        return problems;
    }
}
