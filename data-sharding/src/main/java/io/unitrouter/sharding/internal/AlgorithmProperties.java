package io.unitrouter.sharding.internal;

import io.unitrouter.core.UnitRouterException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the properties of a ShardingSphere algorithm, which YAML may give as strings or numbers.
 *
 * <p>Stateless and thread-safe.
 */
public final class AlgorithmProperties {

    private AlgorithmProperties() {
    }

    /**
     * A required text property.
     *
     * @throws UnitRouterException naming the algorithm type and property when it is missing or blank
     */
    public static String required(String type, Properties props, String name) {
        String value = optional(props, name);
        if (value == null) {
            throw new UnitRouterException(type + " needs the property " + name, Map.of("property", name), null);
        }
        return value;
    }

    /** An optional text property, trimmed; {@code null} when missing or blank. */
    public static String optional(Properties props, String name) {
        Object value = props.get(name);
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }

    /**
     * A whole-number property.
     *
     * @param defaultValue the value when missing, or {@code null} when it is required
     * @throws UnitRouterException naming the property when it is missing (and required) or not a number
     */
    public static int number(String type, Properties props, String name, Integer defaultValue) {
        String text = optional(props, name);
        if (text == null) {
            if (defaultValue == null) {
                throw new UnitRouterException(type + " needs the property " + name, Map.of("property", name), null);
            }
            return defaultValue;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new UnitRouterException(type + " property " + name + " must be a whole number, was '" + text + "'",
                    Map.of("property", name, "value", text), null);
        }
    }

    /**
     * A boolean property, {@code true} or {@code false}.
     *
     * @throws UnitRouterException naming the property when it is something else
     */
    public static boolean bool(String type, Properties props, String name, boolean defaultValue) {
        String text = optional(props, name);
        if (text == null) {
            return defaultValue;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new UnitRouterException(type + " property " + name + " must be true or false, was '" + text
                    + "'", Map.of("property", name, "value", text), null);
        };
    }

    /**
     * An enum property, case-insensitive.
     *
     * @throws UnitRouterException naming the property and the allowed values when it is something else
     */
    public static <E extends Enum<E>> E choice(String type, Properties props, String name, Class<E> values,
            E defaultValue) {
        String text = optional(props, name);
        if (text == null) {
            if (defaultValue == null) {
                throw new UnitRouterException(type + " needs the property " + name, Map.of("property", name), null);
            }
            return defaultValue;
        }
        for (E value : values.getEnumConstants()) {
            if (value.name().equalsIgnoreCase(text)) {
                return value;
            }
        }
        throw new UnitRouterException(type + " property " + name + " must be one of "
                + java.util.Arrays.toString(values.getEnumConstants()).toLowerCase(Locale.ROOT) + ", was '" + text + "'",
                Map.of("property", name, "value", text), null);
    }
}
