package io.unitrouter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.spi.AppliedEpoch;
import io.unitrouter.core.spi.RuleListener;
import io.unitrouter.core.spi.RuleStore;
import io.unitrouter.core.store.InMemoryRuleStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Regression: the router wrote its applied-epoch report to the store while holding its apply lock, so a store
 * whose report hung (a Nacos server that stopped answering) held up every later epoch behind it.
 */
class ReportOutsideApplyLockTest {

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final HangingReports store = new HangingReports(new InMemoryRuleStore(TestRules.threeCities()));
    private final UnitRouter router = UnitRouter.builder().ruleStore(store).localCell("rz01")
            .instanceId("rz01@test").heartbeat(Duration.ZERO).build();

    @AfterEach
    void release() throws InterruptedException {
        store.release.countDown();
        router.close();
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private static RuleDocument epoch(long epoch) {
        return TestRules.threeCities().toBuilder().epoch(epoch).frozen((int) epoch % 100).build();
    }

    @Test
    void aHangingReportHoldsUpNeitherTheNextApplyNorRouting() throws Exception {
        store.hangReports = true;
        Future<Boolean> first = pool.submit(() -> router.apply(epoch(43)));
        assertThat(store.entered.await(10, TimeUnit.SECONDS)).isTrue();

        Future<Boolean> second = pool.submit(() -> router.apply(epoch(44)));

        await().atMost(Duration.ofSeconds(10)).until(second::isDone);
        assertThat(second.get()).isTrue();
        assertThat(first).isNotDone();
        assertThat(router.table().epoch()).isEqualTo(44);
        assertThat(router.route("44", Access.WRITE).writeBlocked()).isTrue();
        assertThat(router.route("43", Access.WRITE).writeBlocked()).isFalse();
    }

    @Test
    void theReportWrittenLastIsOfTheNewestEpochWhenAHangingReportResumes() throws Exception {
        store.hangReports = true;
        Future<Boolean> first = pool.submit(() -> router.apply(epoch(43)));
        assertThat(store.entered.await(10, TimeUnit.SECONDS)).isTrue();
        Future<Boolean> second = pool.submit(() -> router.apply(epoch(44)));
        await().atMost(Duration.ofSeconds(10)).until(second::isDone);

        store.release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(store.reported).last().isEqualTo(44L);
        assertThat(store.appliedEpochs().get("rz01@test").epoch()).isEqualTo(44);
    }

    /** A store whose reports, once {@link #hangReports} is set, wait for {@link #release}. */
    private static final class HangingReports implements RuleStore {

        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<Long> reported = new CopyOnWriteArrayList<>();
        volatile boolean hangReports;
        private final InMemoryRuleStore delegate;

        HangingReports(InMemoryRuleStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public void reportApplied(AppliedEpoch applied) {
            if (hangReports) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            reported.add(applied.epoch());
            delegate.reportApplied(applied);
        }

        @Override
        public String name() {
            return "hanging-reports";
        }

        @Override
        public RuleDocument load() {
            return delegate.load();
        }

        @Override
        public Subscription watch(RuleListener listener) {
            return delegate.watch(listener);
        }

        @Override
        public boolean compareAndSet(long expectedEpoch, RuleDocument next) {
            return delegate.compareAndSet(expectedEpoch, next);
        }

        @Override
        public Map<String, AppliedEpoch> appliedEpochs() {
            return delegate.appliedEpochs();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
