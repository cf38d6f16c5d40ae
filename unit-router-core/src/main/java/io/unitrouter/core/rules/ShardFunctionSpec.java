package io.unitrouter.core.rules;

import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.shard.ShardFunction;
import io.unitrouter.core.shard.ShardFunctions;
import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code shard-function} entry of a rule document: a type and its options.
 *
 * <table>
 *   <caption>Types</caption>
 *   <tr><th>type</th><th>options</th></tr>
 *   <tr><td>{@code mod}</td><td>none</td></tr>
 *   <tr><td>{@code digits}</td><td>{@code position} (default 3), {@code width} (default 2)</td></tr>
 *   <tr><td>{@code hash}</td><td>none</td></tr>
 *   <tr><td>{@code custom}</td><td>{@code class}: a {@link ShardFunction} with a public no-argument constructor</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe.
 *
 * @param type one of {@code mod}, {@code digits}, {@code hash}, {@code custom}
 * @param options the type's options, in declaration order
 */
public record ShardFunctionSpec(String type, Map<String, Object> options) {

    /** Default {@code position} of the digits function: the 3rd digit from the end. */
    public static final int DEFAULT_DIGITS_POSITION = 3;
    /** Default {@code width} of the digits function: two digits, enough for 100 shards. */
    public static final int DEFAULT_DIGITS_WIDTH = 2;

    /** Copies the options. */
    public ShardFunctionSpec {
        Objects.requireNonNull(type, "type");
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** {@code {type: mod}}. */
    public static ShardFunctionSpec mod() {
        return new ShardFunctionSpec("mod", Map.of());
    }

    /** {@code {type: hash}}. */
    public static ShardFunctionSpec hash() {
        return new ShardFunctionSpec("hash", Map.of());
    }

    /** {@code {type: digits, position: p, width: w}}. */
    public static ShardFunctionSpec digits(int position, int width) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("position", position);
        options.put("width", width);
        return new ShardFunctionSpec("digits", options);
    }

    /** {@code {type: custom, class: name}}. */
    public static ShardFunctionSpec custom(String className) {
        return new ShardFunctionSpec("custom", Map.of("class", className));
    }

    /**
     * Instantiates the function this spec describes.
     *
     * @return a thread-safe function
     * @throws UnitRouterException naming the type or class when the spec cannot be turned into a function
     */
    public ShardFunction create() {
        switch (type) {
            case "mod":
                return ShardFunctions.mod();
            case "hash":
                return ShardFunctions.hash();
            case "digits":
                return ShardFunctions.digits(intOption("position", DEFAULT_DIGITS_POSITION),
                        intOption("width", DEFAULT_DIGITS_WIDTH));
            case "custom":
                return instantiate(options.get("class"));
            default:
                throw new UnitRouterException("shard-function: unknown type '" + type
                        + "' (expected mod, digits, hash or custom)");
        }
    }

    private int intOption(String name, int defaultValue) {
        Object value = options.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Integer i) {
            return i;
        }
        throw new UnitRouterException("shard-function: " + name + " must be a whole number, was '" + value + "'");
    }

    private static ShardFunction instantiate(Object className) {
        if (!(className instanceof String name) || name.isBlank()) {
            throw new UnitRouterException("shard-function: type custom needs 'class', the name of a ShardFunction class");
        }
        Class<?> type;
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            type = Class.forName(name, true, loader != null ? loader : ShardFunctionSpec.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new UnitRouterException("shard-function: class '" + name + "' is not on the classpath", e);
        }
        if (!ShardFunction.class.isAssignableFrom(type)) {
            throw new UnitRouterException("shard-function: class '" + name + "' does not implement "
                    + ShardFunction.class.getName());
        }
        try {
            return (ShardFunction) type.getConstructor().newInstance();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new UnitRouterException("shard-function: class '" + name
                    + "' needs a public no-argument constructor", e);
        } catch (InstantiationException | InvocationTargetException e) {
            throw new UnitRouterException("shard-function: class '" + name + "' could not be constructed: "
                    + (e.getCause() != null ? e.getCause() : e), e);
        }
    }
}
