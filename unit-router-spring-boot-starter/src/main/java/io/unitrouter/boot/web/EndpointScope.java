package io.unitrouter.boot.web;

import io.unitrouter.core.Scope;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * The routing scope an endpoint declares through {@link UnitScoped}, {@link GlobalScoped}, {@link CityScoped}
 * or {@link NormalScoped}, or {@link #UNDECLARED} when it declares none.
 *
 * <p>Immutable and thread-safe.
 *
 * @param scope the scope; {@code null} for normal and undeclared endpoints
 * @param access the declared access
 * @param declared whether an annotation was present
 */
public record EndpointScope(Scope scope, AccessMode access, boolean declared) {

    /** An endpoint with no scope annotation. */
    public static final EndpointScope UNDECLARED = new EndpointScope(null, AccessMode.AUTO, false);

    /** An endpoint served by any cell. */
    public static final EndpointScope NORMAL = new EndpointScope(null, AccessMode.AUTO, true);

    /**
     * The scopes found so far, by controller class and handler method. Reading merged annotations costs several
     * microseconds, and every request asks: each endpoint's scope is read once. A ClassValue, so that a
     * controller class that is unloaded (a redeployed application) takes its entries with it.
     */
    private static final ClassValue<Map<Method, EndpointScope>> READ = new ClassValue<>() {
        @Override
        protected Map<Method, EndpointScope> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    /**
     * The scope of a handler method: its own annotation, else its class's. Read once per method and class,
     * then remembered.
     *
     * @param method the handler method
     * @param type the controller class (a method inherited by several controllers may take each one's scope)
     * @return the scope
     */
    public static EndpointScope of(Method method, Class<?> type) {
        return READ.get(type).computeIfAbsent(method, m -> read(m, type));
    }

    private static EndpointScope read(Method method, Class<?> type) {
        EndpointScope scope = fromElement(method);
        return scope != null ? scope : fromClass(type);
    }

    private static EndpointScope fromClass(Class<?> type) {
        EndpointScope scope = fromElement(type);
        return scope != null ? scope : UNDECLARED;
    }

    private static EndpointScope fromElement(java.lang.reflect.AnnotatedElement element) {
        UnitScoped unit = AnnotatedElementUtils.findMergedAnnotation(element, UnitScoped.class);
        if (unit != null) {
            return new EndpointScope(Scope.UNIT, unit.access(), true);
        }
        GlobalScoped global = AnnotatedElementUtils.findMergedAnnotation(element, GlobalScoped.class);
        if (global != null) {
            return new EndpointScope(Scope.GLOBAL, global.access(), true);
        }
        CityScoped city = AnnotatedElementUtils.findMergedAnnotation(element, CityScoped.class);
        if (city != null) {
            return new EndpointScope(Scope.CITY, city.access(), true);
        }
        if (AnnotatedElementUtils.hasAnnotation(element, NormalScoped.class)) {
            return NORMAL;
        }
        return null;
    }
}
