package io.unitrouter.core.failover;

import java.util.Arrays;
import java.util.Optional;

/**
 * Which cell the database fence of each shard names, as far as the journal of a run tells: shards the run
 * does not move keep the base owner; moving shards name the new owner once FENCE has finished, the previous
 * owner again once UNFENCE has finished, and nobody knows while either has begun but not finished.
 */
final class FenceLedger {

    private final boolean fenced;
    private final FailoverPlan plan;
    private final FailoverRun run;
    private final boolean[] moving;

    private FenceLedger(boolean fenced, FailoverPlan plan, FailoverRun run) {
        this.fenced = fenced;
        this.plan = plan;
        this.run = run;
        this.moving = new boolean[plan.base().shards()];
        Arrays.stream(plan.movingShards()).forEach(s -> moving[s] = true);
    }

    /** The ledger of a run; {@code fenced} is whether the coordinator has a fence at all. */
    static FenceLedger of(FailoverRun run, FailoverPlan plan, boolean fenced) {
        return new FenceLedger(fenced, plan, run);
    }

    /** Whether fences exist; without them the guard cannot check them. */
    boolean fenced() {
        return fenced;
    }

    /**
     * The owner the fence of a shard names.
     *
     * @return the cell, or empty when a fence step began and did not finish
     */
    Optional<String> ownerOf(int shard) {
        String before = plan.base().ownerOf(shard);
        if (!moving[shard]) {
            return Optional.of(before);
        }
        if (run.begun(FailoverPhase.UNFENCE)) {
            return run.finished(FailoverPhase.UNFENCE) ? Optional.of(before) : Optional.empty();
        }
        if (run.begun(FailoverPhase.FENCE)) {
            return run.finished(FailoverPhase.FENCE) ? Optional.of(plan.target().ownerOf(shard)) : Optional.empty();
        }
        return Optional.of(before);
    }
}
