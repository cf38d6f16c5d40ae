package io.unitrouter.boot.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller method, or every method of a controller class, as an endpoint that reads global data from the caller's city CZone (the active GZone when the city has none); city-scoped writes go to the active GZone.
 * A method's annotation wins over its class's.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CityScoped {
    /** Whether the endpoint reads or writes. Default {@link AccessMode#AUTO}, from the HTTP method. */
    AccessMode access() default AccessMode.AUTO;
}
