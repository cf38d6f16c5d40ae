package io.unitrouter.boot.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller method, or every method of a controller class, as an endpoint that needs a routing key and is served only by the cell that owns it (or its override target). Requests for other cells' keys get 421 (or are forwarded); writes to frozen shards get 503.
 * A method's annotation wins over its class's.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface UnitScoped {
    /**
     * Whether the endpoint reads or writes. Default {@link AccessMode#AUTO}: GET, HEAD, OPTIONS and TRACE read,
     * everything else writes.
     */
    AccessMode access() default AccessMode.AUTO;
}
