package io.unitrouter.core.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Coordinators that start the same failover at the same moment: exactly one wins. */
class RacingCoordinatorsTest {

    private static final int RACERS = 6;

    private final Cluster cluster = new Cluster(10);

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void exactlyOneOfSeveralRacingCoordinatorsRunsAndTheLosersNameItsHolderAndPlan() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch losersDone = new CountDownLatch(RACERS - 1);
        List<FailoverCoordinator> racers = new ArrayList<>();
        List<FailoverPlan> plans = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            // The winner waits, after its run is journaled and before it publishes, until every loser has lost.
            FailoverCoordinator racer = cluster.coordinator().operator("racer-" + i).checkpoint((run, phase, ended) -> {
                if (phase == FailoverPhase.FREEZE && !ended) {
                    await(losersDone);
                }
            }).build();
            racers.add(racer);
            plans.add(racer.plan(FailoverEvent.parse("dc-down:hz1")));
        }
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        List<Future<FailoverRun>> results = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            FailoverCoordinator racer = racers.get(i);
            FailoverPlan plan = plans.get(i);
            results.add(pool.submit(() -> {
                await(start);
                try {
                    return racer.execute(plan);
                } catch (FailoverConflictException lost) {
                    losersDone.countDown();
                    throw lost;
                }
            }));
        }
        start.countDown();

        List<FailoverRun> won = new ArrayList<>();
        List<Throwable> lost = new ArrayList<>();
        for (Future<FailoverRun> result : results) {
            try {
                won.add(result.get(60, TimeUnit.SECONDS));
            } catch (java.util.concurrent.ExecutionException e) {
                lost.add(e.getCause());
            }
        }
        pool.shutdownNow();

        assertThat(won).hasSize(1);
        FailoverRun winner = won.get(0);
        assertThat(lost).hasSize(RACERS - 1).allSatisfy(e -> assertThat(e)
                .isInstanceOf(FailoverConflictException.class)
                .hasMessageContaining("another failover is in progress: run " + winner.id() + " of dc-down:hz1 (plan "
                        + winner.planChecksum() + ") held by " + winner.holder()));
        assertThat(cluster.log.epochs()).containsExactly(42L, 43L, 44L);
        assertThat(racers.get(0).history()).singleElement().extracting(FailoverRun::id).isEqualTo(winner.id());
        cluster.log.assertSafe(true);
    }

    @Test
    void aCoordinatorOnAnotherJournalLosesAtTheStoresCompareAndSet() {
        FailoverCoordinator first = cluster.coordinator().operator("first").build();
        FailoverPlan mine = first.plan(FailoverEvent.parse("dc-down:hz1"));
        // A second coordinator, wrongly configured with a journal of its own, gets past the journal; while it is
        // about to freeze, the first one runs its whole plan.
        FailoverCoordinator other = FailoverCoordinator.builder().ruleStore(cluster.store)
                .journal(new io.unitrouter.core.store.InMemoryFailoverJournal()).fence(cluster.fence)
                .operator("other").pollInterval(java.time.Duration.ofMillis(5))
                .checkpoint((run, phase, ended) -> {
                    if (phase == FailoverPhase.FREEZE && !ended) {
                        first.execute(mine);
                    }
                }).build();
        FailoverPlan theirs = other.plan(FailoverEvent.parse("dc-down:hz2"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> other.execute(theirs))
                .isInstanceOf(FailoverConflictException.class)
                .hasMessageContaining("expected epoch 42").hasMessageContaining("has epoch 44");
        assertThat(cluster.log.epochs()).containsExactly(42L, 43L, 44L);
        cluster.log.assertSafe(true);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released in 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
