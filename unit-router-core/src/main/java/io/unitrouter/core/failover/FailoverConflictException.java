package io.unitrouter.core.failover;

import java.util.Map;

/**
 * Another coordinator got there first: a run is already in progress (the message names its holder and
 * plan), the run was taken over, or the rule store moved to an epoch this coordinator did not publish. Of
 * two coordinators racing, the loser gets this and nothing of its plan is published.
 *
 * <p>Immutable and thread-safe.
 */
public class FailoverConflictException extends FailoverException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message names the holder and its plan, or the epoch found in force
     * @param run the run in the way (another coordinator's), or this coordinator's run, or {@code null}
     * @param context extra facts
     */
    public FailoverConflictException(String message, FailoverRun run, Map<String, ?> context) {
        super(message, run, context, null);
    }
}
