package io.unitrouter.core.failover;

import java.util.Map;

/**
 * The coordinator refused to publish a document because it would break an invariant: a shard that changes
 * owner without having been frozen, a shard made writable for a cell its fence does not name, or a shard
 * without an online owner. Nothing was published; the run stopped. This points at a bug, a hand-edited
 * journal or a plan that does not fit the fence.
 *
 * <p>Immutable and thread-safe.
 */
public class UnsafeStepException extends FailoverException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message names the epoch, the shards and the rule they would break
     * @param run the run, or {@code null} before one started
     * @param context extra facts
     */
    public UnsafeStepException(String message, FailoverRun run, Map<String, ?> context) {
        super(message, run, context, null);
    }
}
