package io.unitrouter.boot.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller method, or every method of a controller class, as an endpoint that is served only by the active GZone cell.
 * A method's annotation wins over its class's.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface GlobalScoped {
    /**
     * Whether the endpoint reads or writes. Default {@link AccessMode#AUTO}: GET, HEAD, OPTIONS and TRACE read,
     * everything else writes.
     */
    AccessMode access() default AccessMode.AUTO;
}
