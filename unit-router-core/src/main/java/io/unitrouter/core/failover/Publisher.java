package io.unitrouter.core.failover;

import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.rules.RuleDocument;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Publishes a step's document with compare-and-set, idempotently: a document already in force (published
 * by this coordinator before it crashed) counts as published, and the guard checks every document before
 * it goes out.
 */
final class Publisher {

    private Publisher() {
    }

    /**
     * Publishes {@code next} over whichever of {@code expected} is in force.
     *
     * @param expected the documents this step may replace, e.g. the freeze document (or, for a restore, the
     *     base too)
     * @return {@code true} if this call published it, {@code false} if it was already in force
     * @throws UnsafeStepException if the guard refuses {@code next}
     * @throws FailoverConflictException if something else is in force
     */
    static boolean publish(RunDriver driver, List<RuleDocument> expected, RuleDocument next) {
        CoordinatorSettings settings = driver.settings();
        long deadline = System.nanoTime() + settings.settleTimeout().toNanos();
        long newestExpected = expected.stream().mapToLong(RuleDocument::epoch).max().orElseThrow();
        Set<Long> tried = new HashSet<>();
        while (true) {
            RuleDocument inForce = settings.store().load();
            if (same(inForce, next)) {
                return false;
            }
            RuleDocument base = expected.stream().filter(e -> same(e, inForce)).findFirst().orElse(null);
            if (base != null && tried.add(base.epoch())) {
                PublishGuard.check(driver.run(), inForce, next, driver.fences());
                if (settings.store().compareAndSet(base.epoch(), next)) {
                    return true;
                }
                // Lost: wait until this process sees what won.
                continue;
            }
            if (inForce.epoch() > newestExpected || System.nanoTime() > deadline) {
                throw new FailoverConflictException("run " + driver.run().id() + " expected epoch "
                        + expected.stream().map(e -> e.epoch() + " (checksum " + checksum(e) + ")")
                                .collect(Collectors.joining(" or "))
                        + " in force to publish epoch " + next.epoch() + ", but " + settings.store().name()
                        + " has epoch " + inForce.epoch() + " (checksum " + checksum(inForce) + "): another"
                        + " coordinator or an operator changed the rules; the run stops here", driver.run(),
                        Map.of("run", driver.run().id(), "epoch", inForce.epoch()));
            }
            settings.pause();
        }
    }

    /** Whether two documents have the same epoch and routing content. */
    static boolean same(RuleDocument a, RuleDocument b) {
        return a.epoch() == b.epoch() && checksum(a).equals(checksum(b));
    }

    static String checksum(RuleDocument document) {
        return RoutingTable.of(document).checksum();
    }
}
