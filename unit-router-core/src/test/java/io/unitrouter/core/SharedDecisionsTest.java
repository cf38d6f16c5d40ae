package io.unitrouter.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.core.routing.UnitRouter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A shard's decision is made on its first use in an epoch, and from then on every caller, on every thread,
 * gets that same instance.
 */
class SharedDecisionsTest {

    @Test
    void threadsRacingForAShardsFirstDecisionAllGetTheSameInstance() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (UnitRouter router = UnitRouter.builder().rules(TestRules.threeCities()).localCell("rz01").build()) {
            for (int shard = 0; shard < 100; shard++) {
                int s = shard;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<RouteDecision>> decisions = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    decisions.add(pool.submit(() -> {
                        start.await();
                        return router.routeShard(s, Access.WRITE);
                    }));
                }
                start.countDown();
                RouteDecision first = decisions.get(0).get();
                for (Future<RouteDecision> decision : decisions) {
                    assertThat(decision.get()).isSameAs(first);
                }
                assertThat(router.route(Integer.toString(s), Access.WRITE)).isSameAs(first);
                assertThat(first.shard()).isEqualTo(s);
                assertThat(first.target()).isEqualTo(router.table().targetOfShard(s));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aNewEpochHandsOutDecisionsOfThatEpoch() {
        try (UnitRouter router = UnitRouter.builder().rules(TestRules.threeCities()).localCell("rz01").build()) {
            RouteDecision before = router.routeShard(5, Access.WRITE);

            router.apply(TestRules.threeCities().toBuilder().epoch(43).freeze("5").build());

            RouteDecision after = router.routeShard(5, Access.WRITE);
            assertThat(before.epoch()).isEqualTo(42);
            assertThat(before.frozen()).isFalse();
            assertThat(after.epoch()).isEqualTo(43);
            assertThat(after.frozen()).isTrue();
            assertThat(router.routeShard(5, Access.READ).access()).isEqualTo(Access.READ);
        }
    }
}
