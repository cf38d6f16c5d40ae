package io.unitrouter.core.failover;

import io.unitrouter.core.UnitRouterException;
import java.util.Map;

/**
 * The text of a failover event cannot be read, e.g. {@code city-dwn:sh}. The message quotes the text, says
 * what is wrong and lists the valid forms.
 *
 * <p>Immutable and thread-safe.
 */
public class InvalidEventException extends UnitRouterException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message the sentence naming the text and the problem
     * @param context at least {@code event}, the text as given
     */
    public InvalidEventException(String message, Map<String, ?> context) {
        super(message, context, null);
    }
}
