package io.unitrouter.core.failover;

import io.unitrouter.core.store.FileFailoverJournal;
import io.unitrouter.core.store.FileRuleStore;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A coordinator in a process of its own, for {@link ProcessCrashTest}: it executes {@code dc-down:hz1} on a
 * file store and, at the given step, prints {@code PAUSED} and waits to be killed.
 *
 * <p>Arguments: the rule file, the fence file, the phase, and {@code begun} or {@code ended}.
 */
public final class CoordinatorProcess {

    private CoordinatorProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path rules = Path.of(args[0]);
        FailoverPhase pauseAt = FailoverPhase.valueOf(args[2]);
        boolean pauseWhenEnded = args[3].equals("ended");
        FileRuleStore store = FileRuleStore.builder(rules).pollInterval(Duration.ofMillis(50)).build();
        FailoverCoordinator coordinator = FailoverCoordinator.builder().ruleStore(store)
                .journal(FileFailoverJournal.beside(rules)).fence(new FileFence(Path.of(args[1])))
                .operator("child").pollInterval(Duration.ofMillis(10)).checkpoint((run, phase, ended) -> {
                    if (phase == pauseAt && ended == pauseWhenEnded) {
                        System.out.println("PAUSED " + run.id());
                        System.out.flush();
                        try {
                            Thread.sleep(Long.MAX_VALUE);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }).build();
        coordinator.execute(coordinator.plan(FailoverEvent.parse("dc-down:hz1")));
        System.out.println("COMPLETED");
    }
}
