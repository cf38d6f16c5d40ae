package io.unitrouter.core.rules;

import io.unitrouter.core.UnitRouterException;
import java.util.Map;

/**
 * The text of a rule document as a stream of events (a mapping starts, a scalar, a list ends, ...), so that
 * the reader never builds a tree of the whole document: a 100,000-entry routing list then costs a few small
 * objects per entry instead of kilobytes. One implementation per syntax: {@link YamlEvents} (SnakeYAML's event
 * parser) and {@link JsonEvents} (Jackson's streaming parser).
 *
 * <p>Not thread-safe; one per read.
 */
interface RuleEvents {

    /** What the next event is. Keys of a mapping arrive as scalars, each followed by its value. */
    enum Kind {
        MAPPING_START, MAPPING_END, LIST_START, LIST_END, SCALAR, END
    }

    /**
     * Moves to the next event.
     *
     * @return its kind; {@link Kind#END} after the one document, and for an empty document
     * @throws SyntaxException when the text is not well-formed
     */
    Kind next();

    /**
     * The value of the current {@link Kind#SCALAR}, typed as a YAML loader would type it: {@code String},
     * {@code Integer}, {@code Long}, {@code BigInteger}, {@code Double}, {@code Boolean}, a date, or {@code null}.
     */
    Object scalar();

    /** Where the current event is, for messages: {@code line 3, column 1}. */
    String position();

    /** The text is not well-formed YAML or JSON; the message says where and why. */
    final class SyntaxException extends UnitRouterException {

        private static final long serialVersionUID = 1L;

        SyntaxException(String message, Throwable cause) {
            super(message, Map.of(), cause);
        }
    }
}
