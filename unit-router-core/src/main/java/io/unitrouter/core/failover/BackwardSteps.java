package io.unitrouter.core.failover;

import io.unitrouter.core.ShardRange;
import io.unitrouter.core.rules.RuleDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two phases of an abort before the switch: UNFENCE moves the fences of the moving shards back to their
 * previous owners at the restore epoch (newer than the switch epoch the fences may already name), then
 * RESTORE publishes the base document's content at that epoch, unfreezing the shards for their previous
 * owners. Both are idempotent.
 */
final class BackwardSteps {

    private BackwardSteps() {
    }

    /** Runs every abort phase the journal has not finished, then ends the run as aborted. */
    static FailoverRun rollBack(RunDriver driver) {
        driver.step(FailoverPhase.UNFENCE, () -> unfence(driver));
        driver.step(FailoverPhase.RESTORE, () -> restore(driver));
        return driver.end(RunStatus.ABORTED);
    }

    private static RunDriver.Result unfence(RunDriver driver) {
        FailoverRun run = driver.run();
        if (driver.settings().fence() == null) {
            return RunDriver.Result.skipped("no fence: the coordinator was built without one");
        }
        if (!run.begun(FailoverPhase.FENCE)) {
            return RunDriver.Result.skipped("the fences were not moved");
        }
        Map<String, List<ShardRange>> byOwner = new LinkedHashMap<>();
        driver.plan().moves().forEach(m -> byOwner.computeIfAbsent(m.from(), c -> new ArrayList<>()).add(m.shards()));
        List<String> done = new ArrayList<>();
        byOwner.forEach((owner, ranges) -> {
            driver.settings().fence().bump(ranges, owner, run.restoreEpoch());
            done.add(ForwardSteps.join(ranges) + " -> " + owner);
        });
        return RunDriver.Result.done("fences back at epoch " + run.restoreEpoch() + ": " + String.join(", ", done));
    }

    /** Whether a FREEZE that had something to freeze, or a SWITCH, has begun. */
    private static boolean mayHavePublished(FailoverRun run) {
        return run.steps().stream().anyMatch(s -> s.phase() == FailoverPhase.SWITCH
                || (s.phase() == FailoverPhase.FREEZE && s.outcome() != StepRecord.Outcome.SKIPPED));
    }

    private static RunDriver.Result restore(RunDriver driver) {
        FailoverPlan plan = driver.plan();
        if (!mayHavePublished(driver.run())) {
            return RunDriver.Result.skipped("nothing was published: epoch " + plan.baseEpoch() + " is still in force");
        }
        // The restore has the base's content, so it may replace the base as well as the freeze: that covers a
        // freeze that never landed, and a view of the store that is behind.
        RuleDocument restored = plan.base().toBuilder().epoch(driver.run().restoreEpoch()).build();
        List<RuleDocument> expected = new ArrayList<>();
        plan.freezeDocument().ifPresent(expected::add);
        expected.add(plan.base());
        boolean published = Publisher.publish(driver, expected, restored);
        return RunDriver.Result.done("epoch " + restored.epoch() + (published ? " published" : " was already in force")
                + ": the owners of epoch " + plan.baseEpoch() + " again"
                + (plan.movesShards() ? ", shards " + ForwardSteps.ranges(plan.movingShards()) + " unfrozen" : ""));
    }
}
