package io.unitrouter.core.failover;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Waits until every live instance that counts has applied an epoch, reading the applied epochs from the rule
 * store every poll interval, or until the timeout passes.
 */
final class Barrier {

    /**
     * How a barrier ended.
     *
     * @param reached whether every counted live instance applied the epoch
     * @param waited how long it waited
     * @param instances how many live instances it counted at the end
     * @param laggards the counted live instances still behind (empty when reached)
     */
    record Result(boolean reached, Duration waited, int instances, List<Convergence.InstanceState> laggards) {
    }

    private Barrier() {
    }

    /**
     * @param excludedCells instances of these cells are not waited for
     * @param excludedInstances nor are these instances
     */
    static Result await(CoordinatorSettings settings, long epoch, Set<String> excludedCells,
            Set<String> excludedInstances) {
        long start = System.nanoTime();
        long timeout = settings.barrierTimeout().toNanos();
        while (true) {
            try {
                Convergence convergence = Convergence.of(settings.store().appliedEpochs().values(),
                        settings.clock().instant(), settings.liveness());
                List<Convergence.InstanceState> counted = convergence.live().stream()
                        .filter(s -> !excludedInstances.contains(s.instanceId())
                                && (s.cell() == null || !excludedCells.contains(s.cell())))
                        .toList();
                List<Convergence.InstanceState> behind = counted.stream().filter(s -> s.epoch() < epoch).toList();
                Duration waited = Duration.ofNanos(System.nanoTime() - start);
                if (behind.isEmpty() || System.nanoTime() - start > timeout) {
                    return new Result(behind.isEmpty(), waited, counted.size(), behind);
                }
            } catch (RuntimeException e) {
                // The store may be briefly unreadable; keep trying until the timeout.
                if (System.nanoTime() - start > timeout) {
                    throw new FailoverException("cannot read the applied epochs from " + settings.store().name() + ": "
                            + e.getMessage(), null, java.util.Map.of("epoch", epoch), e);
                }
            }
            settings.pause();
        }
    }
}
