package io.unitrouter.core.failover;

import io.unitrouter.core.UnitRouterException;
import java.util.Map;
import java.util.Optional;

/**
 * A failover run stopped, or could not start. When a run exists it stays in the journal where it stopped, and
 * {@link #run()} is its state then: {@link FailoverCoordinator#resume()} continues it,
 * {@link FailoverCoordinator#abort()} rolls it back.
 *
 * <p>Immutable and thread-safe.
 */
public class FailoverException extends UnitRouterException {

    private static final long serialVersionUID = 1L;

    private final transient FailoverRun run;

    /**
     * @param message what stopped the run, naming the phase, epoch or instance involved
     * @param run the run as journaled, or {@code null} when none exists
     * @param context extra facts
     * @param cause the underlying failure, or {@code null}
     */
    public FailoverException(String message, FailoverRun run, Map<String, ?> context, Throwable cause) {
        super(message, context, cause);
        this.run = run;
    }

    /** The run as journaled when this was thrown, if one exists. */
    public Optional<FailoverRun> run() {
        return Optional.ofNullable(run);
    }
}
