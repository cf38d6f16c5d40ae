package io.unitrouter.boot.circuitbreaker;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.unitrouter.core.UnitRouterException;
import java.util.Map;

/**
 * One Resilience4j circuit breaker per target cell, named {@code unit-router-<cell>}, taken from the registry
 * that Spring Cloud CircuitBreaker's Resilience4j factory uses, so that
 * {@code resilience4j.circuitbreaker.instances.unit-router-rz01.*} configures it and its metrics are published
 * like every other breaker's.
 *
 * <p>Only transport errors and 5xx answers count as failures. A {@code 421 Misdirected Request} is a routing
 * answer, not a failure. The breaker runs on the calling thread with no time limit of its own: timeouts stay
 * with the HTTP client.
 *
 * <p>Thread-safe.
 */
public final class CellCircuitBreakers {

    /** The prefix of every breaker's name. */
    public static final String PREFIX = "unit-router-";

    private final CircuitBreakerRegistry registry;

    /**
     * @param registry where the breakers live
     */
    public CellCircuitBreakers(CircuitBreakerRegistry registry) {
        this.registry = registry;
    }

    /** The breaker of a cell. */
    public CircuitBreaker of(String cell) {
        return registry.circuitBreaker(PREFIX + cell);
    }

    /**
     * Asks the cell's breaker for permission to call.
     *
     * @return the breaker and the start time, to report the outcome to
     * @throws CellCircuitOpenException if the breaker is open
     */
    public Call start(String cell) {
        CircuitBreaker breaker = of(cell);
        try {
            breaker.acquirePermission();
        } catch (CallNotPermittedException e) {
            throw new CellCircuitOpenException(cell, breaker.getName(), e);
        }
        return new Call(breaker, breaker.getCurrentTimestamp());
    }

    /** One permitted call; report exactly one outcome. */
    public record Call(CircuitBreaker breaker, long start) {

        /** The call got an answer with this status. 5xx counts as a failure; anything else (421 too) as a success. */
        public void answered(int status) {
            long elapsed = breaker.getCurrentTimestamp() - start;
            if (status >= 500) {
                breaker.onError(elapsed, breaker.getTimestampUnit(), new CellServerError(status));
            } else {
                breaker.onSuccess(elapsed, breaker.getTimestampUnit());
            }
        }

        /** The call failed without an answer. */
        public void failed(Throwable error) {
            breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), error);
        }

        /** The call was abandoned (e.g. cancelled) before an outcome. */
        public void abandoned() {
            breaker.releasePermission();
        }
    }

    /** Recorded as the failure of a 5xx answer. */
    static final class CellServerError extends UnitRouterException {
        private static final long serialVersionUID = 1L;

        CellServerError(int status) {
            super("cell answered " + status, Map.of("status", status), null);
        }
    }
}
