package io.unitrouter.boot.circuitbreaker;

import io.unitrouter.core.UnitRouterException;
import java.util.Map;

/**
 * A call to a cell was not made because that cell's circuit breaker is open: recent calls to it failed. The
 * call is not sent to another cell instead.
 *
 * <p>Immutable and thread-safe.
 */
public class CellCircuitOpenException extends UnitRouterException {

    private static final long serialVersionUID = 1L;

    /**
     * @param cell the target cell
     * @param breaker the circuit breaker's name
     * @param cause Resilience4j's refusal
     */
    public CellCircuitOpenException(String cell, String breaker, Throwable cause) {
        super("circuit breaker " + breaker + " for cell " + cell + " is open; the call was not sent",
                Map.of("cell", cell, "breaker", breaker), cause);
    }
}
