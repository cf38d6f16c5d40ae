package io.unitrouter.core.spi;

import io.unitrouter.core.UnitRouterException;
import java.util.Map;

/**
 * A rule store could not be read or written: the file system, or the configuration server, failed. The
 * rules in force are unaffected.
 *
 * <p>Immutable and thread-safe.
 */
public class RuleStoreException extends UnitRouterException {

    private static final long serialVersionUID = 1L;

    /**
     * @param store the store's {@link io.unitrouter.core.spi.RuleStore#name()}
     * @param message what failed, naming the resource
     * @param cause the underlying failure, or {@code null}
     */
    public RuleStoreException(String store, String message, Throwable cause) {
        super(store + ": " + message, Map.of("store", store), cause);
    }
}
