package io.unitrouter.core.failover;

import io.unitrouter.core.ShardRange;
import io.unitrouter.core.failover.spi.ReplicationProbe;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The six phases that carry a plan out: FREEZE, BARRIER, FENCE, CATCH-UP, SWITCH (and unfreeze), VERIFY.
 * Each is idempotent, so a resumed run repeats whatever step it died in.
 */
final class ForwardSteps {

    private ForwardSteps() {
    }

    /** Runs every phase the journal has not finished, then ends the run as completed. */
    static FailoverRun carryOut(RunDriver driver) {
        driver.step(FailoverPhase.FREEZE, () -> freeze(driver));
        driver.step(FailoverPhase.BARRIER, () -> barrier(driver, FailoverPhase.BARRIER));
        driver.step(FailoverPhase.FENCE, () -> fence(driver));
        driver.step(FailoverPhase.CATCH_UP, () -> catchUp(driver));
        driver.step(FailoverPhase.SWITCH, () -> switchOwners(driver));
        driver.step(FailoverPhase.VERIFY, () -> barrier(driver, FailoverPhase.VERIFY));
        return driver.end(RunStatus.COMPLETED);
    }

    private static RunDriver.Result freeze(RunDriver driver) {
        FailoverPlan plan = driver.plan();
        if (!plan.movesShards()) {
            return RunDriver.Result.skipped("no shard moves");
        }
        boolean published = Publisher.publish(driver, List.of(plan.base()), plan.freezeDocument().orElseThrow());
        return RunDriver.Result.done("epoch " + plan.freezeEpoch() + (published ? " published" : " was already in force")
                + ": shards " + ranges(plan.movingShards()) + " frozen");
    }

    private static RunDriver.Result barrier(RunDriver driver, FailoverPhase phase) {
        FailoverPlan plan = driver.plan();
        boolean verify = phase == FailoverPhase.VERIFY;
        if (!verify && !plan.movesShards()) {
            return RunDriver.Result.skipped("no shard moves, so nothing to wait for before the switch");
        }
        long epoch = verify ? plan.switchEpoch() : plan.freezeEpoch();
        Set<String> excludedCells = excludedCells(driver);
        Barrier.Result result = Barrier.await(driver.settings(), epoch, excludedCells,
                driver.run().excludedInstances());
        driver.notify(l -> l.onBarrier(driver.run(), phase, result.waited(), result.instances(), result.reached()));
        String scope = result.instances() + " live instances" + (excludedCells.isEmpty() ? ""
                : " (not counting the lost cells " + String.join(", ", excludedCells) + ")");
        if (result.reached()) {
            return RunDriver.Result.done(scope + " applied epoch " + epoch + " in " + result.waited().toMillis()
                    + " ms");
        }
        String laggards = result.laggards().stream().map(s -> s.instanceId() + " (" + s.cell() + ", epoch "
                + s.epoch() + ", heard of " + s.age().toMillis() + " ms ago)").collect(Collectors.joining(", "));
        String message = result.laggards().size() + " of " + scope + " had not applied epoch " + epoch + " after "
                + result.waited().toMillis() + " ms: " + laggards;
        if (verify) {
            // The switch is out; a laggard still has the freeze, which refuses the moving shards' writes.
            return RunDriver.Result.done("switched, but " + message);
        }
        throw new BarrierTimeoutException("barrier of run " + driver.run().id() + " timed out: " + message,
                driver.run(), result.laggards());
    }

    /**
     * The cells whose instances the barriers do not wait for: after an unplanned loss, with fences, the lost
     * cells (dead, or cut off and stopped by the fence); otherwise none.
     */
    private static Set<String> excludedCells(RunDriver driver) {
        FailoverPlan plan = driver.plan();
        if (plan.event().planned() || driver.settings().fence() == null) {
            return Set.of();
        }
        return Collections.unmodifiableSet(new LinkedHashSet<>(plan.offlined()));
    }

    private static RunDriver.Result fence(RunDriver driver) {
        FailoverPlan plan = driver.plan();
        if (!plan.movesShards()) {
            return RunDriver.Result.skipped("no shard moves");
        }
        if (driver.settings().fence() == null) {
            return RunDriver.Result.skipped("no fence: the coordinator was built without one");
        }
        Map<String, List<ShardRange>> byOwner = new LinkedHashMap<>();
        plan.moves().forEach(m -> byOwner.computeIfAbsent(m.to(), c -> new ArrayList<>()).add(m.shards()));
        List<String> done = new ArrayList<>();
        byOwner.forEach((owner, ranges) -> {
            driver.settings().fence().bump(ranges, owner, plan.switchEpoch());
            done.add(join(ranges) + " -> " + owner);
        });
        return RunDriver.Result.done("fences at epoch " + plan.switchEpoch() + ": " + String.join(", ", done));
    }

    private static RunDriver.Result catchUp(RunDriver driver) {
        FailoverPlan plan = driver.plan();
        ReplicationProbe probe = driver.settings().probe();
        List<ReplicationProbe.CatchUp> requests = new ArrayList<>();
        Map<String, List<ShardRange>> byPair = new LinkedHashMap<>();
        plan.moves().forEach(m -> byPair.computeIfAbsent(m.from() + " -> " + m.to(), p -> new ArrayList<>())
                .add(m.shards()));
        byPair.forEach((pair, ranges) -> {
            String[] cells = pair.split(" -> ");
            requests.add(new ReplicationProbe.CatchUp(cells[0], cells[1], ranges, plan.event().planned(),
                    driver.settings().catchUpTimeout()));
        });
        plan.gZonePromotion().ifPresent(p -> requests.add(new ReplicationProbe.CatchUp(p.from(), p.to(), List.of(),
                plan.event().planned(), driver.settings().catchUpTimeout())));
        if (requests.isEmpty()) {
            return RunDriver.Result.skipped("nothing changes owner");
        }
        if (probe == ReplicationProbe.none()) {
            return RunDriver.Result.skipped("no replication probe: the databases are shared or replicate"
                    + " synchronously");
        }
        for (ReplicationProbe.CatchUp request : requests) {
            probe.awaitCatchUp(request);
        }
        return RunDriver.Result.done(requests.stream().map(r -> r.toCell() + " caught up with " + r.fromCell())
                .collect(Collectors.joining(", ")));
    }

    private static RunDriver.Result switchOwners(RunDriver driver) {
        FailoverPlan plan = driver.plan();
        boolean published = Publisher.publish(driver, List.of(plan.freezeDocument().orElse(plan.base())),
                plan.target());
        return RunDriver.Result.done("epoch " + plan.switchEpoch() + (published ? " published" : " was already in force")
                + ": " + (plan.movesShards() ? plan.movingShards().length + " shards to their new owners, unfrozen"
                        : "no shard moves") + plan.gZonePromotion().map(p -> "; active GZone " + p).orElse(""));
    }

    static String ranges(int[] shards) {
        return ShardRange.compress(shards).stream().map(ShardRange::toString).collect(Collectors.joining(","));
    }

    static String join(List<ShardRange> ranges) {
        return ranges.stream().map(ShardRange::toString).collect(Collectors.joining(","));
    }
}
