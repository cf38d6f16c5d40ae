package io.unitrouter.spring.autoconfigure;

import io.unitrouter.core.UnitRouterException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * unit-router is configured in a way it cannot start with. The message says what is wrong, naming the
 * property and its value; {@link #action()} says what to change. Spring Boot's failure analysis prints both.
 *
 * <p>Immutable and thread-safe.
 */
public class UnitRouterConfigurationException extends UnitRouterException {

    private static final long serialVersionUID = 1L;

    private final String property;
    private final String action;

    /**
     * @param property the property at fault, e.g. {@code unit-router.local-cell}
     * @param problem what is wrong, naming the value
     * @param action what to change
     * @param cause the underlying failure, or {@code null}
     */
    public UnitRouterConfigurationException(String property, String problem, String action, Throwable cause) {
        super(property + ": " + problem, context(property), cause);
        this.property = property;
        this.action = action;
    }

    private static Map<String, Object> context(String property) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("property", property);
        return context;
    }

    /** The property at fault. */
    public String property() {
        return property;
    }

    /** What to change. */
    public String action() {
        return action;
    }
}
