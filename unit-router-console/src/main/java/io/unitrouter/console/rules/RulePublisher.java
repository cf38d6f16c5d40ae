package io.unitrouter.console.rules;

import io.unitrouter.console.failover.AuditLog;
import io.unitrouter.console.failover.FailoverSetup;
import io.unitrouter.core.ShardRange;
import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.failover.FailoverCoordinator;
import io.unitrouter.core.failover.FailoverRun;
import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import io.unitrouter.core.rules.RuleValidationException;
import io.unitrouter.core.spi.RuleStore;
import io.unitrouter.core.spi.RuleStoreException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Publishes a rule document an operator wrote, through the rule store's compare-and-set, refusing what would
 * fail open:
 *
 * <ul>
 *   <li>a document that is not valid;</li>
 *   <li>a document written against another epoch than the one in force (someone published in between);</li>
 *   <li>any publish while a failover run is in progress, which would break the run;</li>
 *   <li>a shard that changes owner without being frozen in the document in force: moves go through the failover
 *       page ({@code move:SHARDS:CELL}), which freezes, fences and switches.</li>
 * </ul>
 *
 * Each attempt is audited with the operator's name. Thread-safe.
 */
public final class RulePublisher {

    /**
     * A published document.
     *
     * @param epoch its epoch
     * @param checksum its routing checksum
     */
    public record Published(long epoch, String checksum) {
    }

    /** The expected epoch of a draft for a store that holds no valid document yet. */
    public static final long NO_EPOCH = -1;

    private final RuleStore store;
    private final FailoverSetup failover;
    private final RuleHistory history;
    private final AuditLog audit;

    /**
     * @param store where to publish
     * @param failover to see whether a run is in progress
     * @param history records what is published
     * @param audit the audit trail
     */
    public RulePublisher(RuleStore store, FailoverSetup failover, RuleHistory history, AuditLog audit) {
        this.store = Objects.requireNonNull(store, "store");
        this.failover = Objects.requireNonNull(failover, "failover");
        this.history = Objects.requireNonNull(history, "history");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /**
     * Validates a draft against the document in force, without publishing it.
     *
     * @param text YAML or JSON
     * @param source a name for messages
     * @return the document
     * @throws RuleValidationException listing every problem, including an epoch that is not newer and an unfrozen
     *     owner change
     */
    public RuleDocument check(String text, String source) {
        RuleDocument next = RuleDocuments.parse(text, source);
        RuleDocument current = inForce().orElse(null);
        if (current == null) {
            return next;
        }
        if (next.epoch() <= current.epoch()) {
            throw new RuleValidationException(source, List.of("epoch " + next.epoch() + " is not newer than the "
                    + current.epoch() + " in force"));
        }
        int common = Math.min(current.shards(), next.shards());
        int[] unfrozenMoves = IntStream.range(0, common)
                .filter(s -> !current.ownerOf(s).equals(next.ownerOf(s)) && !current.isFrozen(s)).toArray();
        if (unfrozenMoves.length > 0) {
            throw new RuleValidationException(source, List.of((unfrozenMoves.length == 1 ? "shard " : "shards ")
                    + String.join(",", ShardRange.compress(unfrozenMoves).stream().map(ShardRange::toString).toList())
                    + " would change owner without having been frozen at epoch " + current.epoch() + "; move shards"
                    + " on the failover page (move:SHARDS:CELL), which freezes them first"));
        }
        return next;
    }

    /**
     * Publishes a draft.
     *
     * @param operator the logged-in operator
     * @param text YAML or JSON
     * @param expectedEpoch the epoch in force the operator wrote it against, {@link #NO_EPOCH} for an empty store
     * @return what was published
     * @throws RuleValidationException if the draft is refused (see {@link #check})
     * @throws PublishConflictException if another epoch is in force now, or a failover is in progress
     */
    public Published publish(String operator, String text, long expectedEpoch) {
        String source = "published by " + operator;
        try {
            long inForce = inForce().map(RuleDocument::epoch).orElse(NO_EPOCH);
            if (inForce != expectedEpoch) {
                throw new PublishConflictException("the draft was written against epoch " + expectedEpoch + ", but "
                        + (inForce == NO_EPOCH ? "no document" : "epoch " + inForce) + " is in force now: reload and"
                        + " edit again");
            }
            FailoverRun active = failover.reader().flatMap(FailoverCoordinator::activeRun).orElse(null);
            if (active != null) {
                throw new PublishConflictException("failover run " + active.id() + " (" + active.event() + ") is in"
                        + " progress; publishing now would break it. Resume or abort it first");
            }
            RuleDocument next = check(text, source);
            if (!store.compareAndSet(expectedEpoch, next)) {
                throw new PublishConflictException("another publisher changed the rules after epoch " + expectedEpoch
                        + "; reload and edit again");
            }
            history.record(next, source);
            Published published = new Published(next.epoch(), RoutingTable.of(next).checksum());
            audit.record(operator, "publish", "epoch " + next.epoch(), "published", "checksum " + published.checksum());
            return published;
        } catch (UnitRouterException e) {
            audit.record(operator, "publish", "draft on epoch " + expectedEpoch, "refused", e.getMessage());
            throw e;
        }
    }

    /** The document in force, or empty when the store holds no valid one. */
    private Optional<RuleDocument> inForce() {
        try {
            return Optional.of(store.load());
        } catch (RuleStoreException e) {
            return Optional.empty();
        }
    }

    /** Another epoch is in force than the draft was written against, or a failover is in progress. */
    public static final class PublishConflictException extends UnitRouterException {

        private static final long serialVersionUID = 1L;

        PublishConflictException(String message) {
            super(message, Map.of(), null);
        }
    }
}
