package io.unitrouter.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.unitrouter.core.CellKind;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import io.unitrouter.core.rules.RuleRejection;
import io.unitrouter.core.rules.RuleValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link RuleStore} must have, as a JUnit 5 test to extend. It is published in the
 * {@code unit-router-core} test-jar, so a store in another module (or another project) runs the same checks
 * as the built-in ones: extend this class, implement the four {@code open...}/{@code write...} methods, and
 * override a hook where the store legitimately differs.
 *
 * <p>What it checks:
 * <ul>
 *   <li>{@link RuleStore#load()} returns the document in force, and fails with {@link RuleStoreException} when
 *       the store holds no valid document;</li>
 *   <li>{@link RuleStore#compareAndSet} publishes from the epoch in force (the publishing store has it in force
 *       when the call returns), returns {@code false} on a stale epoch, throws {@link RuleValidationException}
 *       naming both epochs when the new epoch does not increase, and lets exactly one of racing publishers
 *       win, within one store instance and across instances on the same backing store;</li>
 *   <li>{@link RuleStore#watch} listeners hear every epoch published through the store, in order; changes
 *       written behind the store's back may coalesce (unless {@link #deliversEveryWrite()}), but arrive in
 *       increasing order and end at the newest; an invalid or older document is reported to
 *       {@link RuleListener#onRejected} and the last good document stays in force; a closed subscription
 *       hears nothing more;</li>
 *   <li>{@link RuleStore#reportApplied} keeps the latest report per instance, visible to every instance
 *       through {@link RuleStore#appliedEpochs()}, and {@link RuleStore#pruneAppliedEpochs} deletes old ones
 *       (unless {@link #prunesAppliedEpochs()} is {@code false});</li>
 *   <li>{@link RuleStore#close()} and {@link RuleStore.Subscription#close()} are idempotent; a closed store
 *       refuses {@link RuleStore#compareAndSet} with {@link RuleStoreException}, leaves the backing store as it
 *       was, and its listeners hear nothing more.</li>
 * </ul>
 *
 * <p>Asynchronous effects are awaited (at most {@link #patience()}), never slept for. Every store the
 * subclass opens is closed after each test.
 */
public abstract class RuleStoreContract {

    private final List<RuleStore> opened = new ArrayList<>();

    /**
     * Opens a store on a new, empty backing store (its own file, config server, table, ...) that holds
     * {@code initial}, written as an operator would before the service starts.
     *
     * @param initial the document the backing store holds; its YAML is {@link RuleDocuments#toYaml}
     * @return the store, with {@code initial} in force
     * @throws Exception if it cannot be opened
     */
    protected abstract RuleStore openStore(RuleDocument initial) throws Exception;

    /**
     * Opens a store on a new backing store that holds no document at all.
     *
     * @return the store
     * @throws Exception if it cannot be opened (the contract expects {@link RuleStore#load()} to fail, not this)
     */
    protected abstract RuleStore openEmptyStore() throws Exception;

    /**
     * Opens a second store instance on the same backing store as {@code store}, as another process would. A
     * store that cannot be shared between instances (an in-memory one) returns {@code store} itself.
     *
     * @param store a store this contract opened
     * @return another instance on the same backing store
     * @throws Exception if it cannot be opened
     */
    protected abstract RuleStore openPeer(RuleStore store) throws Exception;

    /**
     * Writes {@code text} straight into the backing store of {@code store}, bypassing the store, as an operator
     * or another tool would (an edit of the file, a publish in the Nacos console). The store is expected to
     * pick it up by itself: watched, pushed or polled.
     *
     * @param store a store this contract opened
     * @param text YAML or JSON; not necessarily valid
     * @throws Exception if it cannot be written
     */
    protected abstract void writeBehind(RuleStore store, String text) throws Exception;

    /**
     * Hook: whether every change written behind the store reaches its listeners, or a burst may coalesce into
     * its newest document. Default {@code false} (a watched file, a configuration server's push); a store
     * whose writes notify synchronously returns {@code true}, and the contract then expects every epoch.
     */
    protected boolean deliversEveryWrite() {
        return false;
    }

    /**
     * Hook: whether {@link RuleStore#pruneAppliedEpochs} deletes old reports. Default {@code true}; a store
     * that keeps no durable reports may keep the interface's default, which deletes nothing and returns 0.
     */
    protected boolean prunesAppliedEpochs() {
        return true;
    }

    /** Hook: how long to wait for an asynchronous effect before failing. Default 10 seconds. */
    protected Duration patience() {
        return Duration.ofSeconds(10);
    }

    /** A small valid document: two RZones sharing four shards, at {@code epoch}. */
    protected static RuleDocument rules(long epoch) {
        return RuleDocument.builder()
                .source("rule-store-contract")
                .epoch(epoch)
                .shards(4)
                .city("hz", "hz1")
                .cell("rz01", CellKind.RZONE, "hz1")
                .cell("rz02", CellKind.RZONE, "hz1")
                .route("0-1", "rz01")
                .route("2-3", "rz02")
                .build();
    }

    private RuleStore open(RuleDocument initial) throws Exception {
        return track(openStore(initial));
    }

    private RuleStore track(RuleStore store) {
        opened.add(store);
        return store;
    }

    @AfterEach
    public void closeStores() {
        opened.forEach(RuleStore::close);
    }

    // --- load ---

    @Test
    public void loadReturnsTheDocumentTheBackingStoreHolds() throws Exception {
        RuleStore store = open(rules(42));

        RuleDocument loaded = store.load();

        assertThat(loaded.epoch()).isEqualTo(42);
        assertThat(RuleDocuments.toYaml(loaded)).isEqualTo(RuleDocuments.toYaml(rules(42)));
    }

    @Test
    public void loadFailsWithRuleStoreExceptionWhenNoValidDocumentExists() throws Exception {
        RuleStore store = track(openEmptyStore());

        assertThatThrownBy(store::load).isInstanceOf(RuleStoreException.class)
                .hasMessageContaining("holds no valid rule document");
    }

    @Test
    public void nameIsNotBlank() throws Exception {
        assertThat(open(rules(42)).name()).isNotBlank();
    }

    // --- compare-and-set ---

    @Test
    public void compareAndSetFromTheEpochInForcePublishesAndPutsItInForce() throws Exception {
        RuleStore store = open(rules(42));

        assertThat(store.compareAndSet(42, rules(43))).isTrue();

        assertThat(store.load().epoch()).isEqualTo(43);
    }

    @Test
    public void compareAndSetFromAStaleEpochReturnsFalseAndKeepsTheEpochInForce() throws Exception {
        RuleStore store = open(rules(42));
        Recorder recorder = watch(store);
        store.compareAndSet(42, rules(43));

        assertThat(store.compareAndSet(42, rules(44))).isFalse();

        assertThat(store.load().epoch()).isEqualTo(43);
        await().atMost(patience()).until(() -> recorder.epochs().contains(43L));
        assertThat(recorder.epochs()).doesNotContain(44L);
    }

    @Test
    public void compareAndSetRefusesAnEpochThatDoesNotIncreaseNamingBothEpochs() throws Exception {
        RuleStore store = open(rules(42));

        assertThatThrownBy(() -> store.compareAndSet(42, rules(42))).isInstanceOf(RuleValidationException.class)
                .hasMessageContaining("epoch 42 is not newer than the expected epoch 42");
        assertThatThrownBy(() -> store.compareAndSet(42, rules(41))).isInstanceOf(RuleValidationException.class)
                .hasMessageContaining("epoch 41 is not newer than the expected epoch 42");
        assertThat(store.load().epoch()).isEqualTo(42);
    }

    @Test
    public void ofPublishersRacingFromTheSameEpochExactlyOneWins() throws Exception {
        RuleStore store = open(rules(42));

        assertThat(race(List.of(store, store, store, store))).isEqualTo(1);
        assertThat(store.load().epoch()).isEqualTo(43);
    }

    @Test
    public void ofPublishersRacingFromTheSameEpochOnTwoInstancesExactlyOneWins() throws Exception {
        RuleStore store = open(rules(42));
        RuleStore peer = track(openPeer(store));

        assertThat(race(List.of(store, peer, store, peer))).isEqualTo(1);
    }

    /** Each store publishes a different epoch-43 document from 42 at once; returns how many won. */
    private static int race(List<RuleStore> publishers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(publishers.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < publishers.size(); i++) {
                RuleStore publisher = publishers.get(i);
                RuleDocument next = rules(42).toBuilder().epoch(43).frozen(i).build();
                results.add(pool.submit(() -> {
                    start.await();
                    return publisher.compareAndSet(42, next);
                }));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> result : results) {
                won += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            return won;
        } finally {
            pool.shutdownNow();
        }
    }

    // --- watch ---

    @Test
    public void listenerHearsEveryEpochPublishedThroughTheStoreInOrder() throws Exception {
        RuleStore store = open(rules(42));
        Recorder recorder = watch(store);

        for (long epoch = 43; epoch <= 47; epoch++) {
            assertThat(store.compareAndSet(epoch - 1, rules(epoch))).isTrue();
        }

        await().atMost(patience()).until(() -> recorder.epochs().contains(47L));
        assertThat(recorder.epochs()).containsExactly(43L, 44L, 45L, 46L, 47L);
    }

    /**
     * A store that hears its own publishes back from the backing store (a configuration server's push, a file
     * watcher) must not report them as rejections when they arrive after a newer epoch is in force: they are
     * not an operator's mistake. The invalid document written last marks the end: once its rejection is heard,
     * every earlier notification has been.
     */
    @Test
    public void publishesInQuickSuccessionAreNotReportedAsRejectionsWhenHeardBackLate() throws Exception {
        RuleStore store = open(rules(42));
        Recorder recorder = watch(store);

        for (long epoch = 43; epoch <= 72; epoch++) {
            assertThat(store.compareAndSet(epoch - 1, rules(epoch))).isTrue();
        }
        writeBehind(store, "epoch: 73\nshards: 0\n");

        await().atMost(patience()).until(() -> !recorder.rejections().isEmpty());
        assertThat(recorder.rejections()).singleElement()
                .satisfies(r -> assertThat(r.errors()).contains("shards must be 1..100000, was 0"));
        assertThat(store.load().epoch()).isEqualTo(72);
    }

    @Test
    public void listenerHearsWritesBehindTheStoreInIncreasingOrderEndingAtTheNewest() throws Exception {
        RuleStore store = open(rules(42));
        Recorder recorder = watch(store);

        for (long epoch = 43; epoch <= 45; epoch++) {
            writeBehind(store, RuleDocuments.toYaml(rules(epoch)));
        }

        await().atMost(patience()).until(() -> recorder.epochs().contains(45L));
        assertThat(store.load().epoch()).isEqualTo(45);
        if (deliversEveryWrite()) {
            assertThat(recorder.epochs()).containsExactly(43L, 44L, 45L);
        } else {
            assertThat(recorder.epochs()).isSorted().doesNotHaveDuplicates().endsWith(45L);
        }
    }

    @Test
    public void anotherInstanceHearsAPublishAndPublishesFromIt() throws Exception {
        RuleStore store = open(rules(42));
        RuleStore peer = track(openPeer(store));
        Recorder recorder = watch(peer);

        assertThat(store.compareAndSet(42, rules(43))).isTrue();

        await().atMost(patience()).until(() -> recorder.epochs().contains(43L));
        assertThat(peer.load().epoch()).isEqualTo(43);
        assertThat(peer.compareAndSet(43, rules(44))).isTrue();
        await().atMost(patience()).until(() -> store.load().epoch() == 44);
    }

    @Test
    public void invalidDocumentWrittenBehindIsRejectedWithItsErrorsAndTheLastGoodStays() throws Exception {
        RuleStore store = open(rules(42));
        Recorder recorder = watch(store);

        writeBehind(store, "epoch: 43\nshards: 0\n");

        await().atMost(patience()).until(() -> !recorder.rejections().isEmpty());
        assertThat(recorder.rejections().get(0).errors()).contains("shards must be 1..100000, was 0");
        assertThat(store.load().epoch()).isEqualTo(42);
        assertThat(recorder.epochs()).isEmpty();
    }

    @Test
    public void storeFollowsAValidDocumentWrittenAfterAnInvalidOne() throws Exception {
        RuleStore store = open(rules(42));
        Recorder recorder = watch(store);
        writeBehind(store, "epoch: 43\nshards: 0\n");
        await().atMost(patience()).until(() -> !recorder.rejections().isEmpty());

        writeBehind(store, RuleDocuments.toYaml(rules(44)));

        await().atMost(patience()).until(() -> recorder.epochs().contains(44L));
        assertThat(store.load().epoch()).isEqualTo(44);
    }

    @Test
    public void olderEpochWrittenBehindIsRejectedNamingBothEpochs() throws Exception {
        RuleStore store = open(rules(42));
        Recorder recorder = watch(store);

        writeBehind(store, RuleDocuments.toYaml(rules(41)));

        await().atMost(patience()).until(() -> !recorder.rejections().isEmpty());
        assertThat(recorder.rejections().get(0).errors())
                .containsExactly("epoch 41 is not newer than the 42 in force");
        assertThat(store.load().epoch()).isEqualTo(42);
    }

    @Test
    public void closedSubscriptionHearsNothingMore() throws Exception {
        RuleStore store = open(rules(42));
        Recorder stopped = new Recorder();
        RuleStore.Subscription subscription = store.watch(stopped);
        Recorder still = watch(store);

        subscription.close();
        subscription.close();
        store.compareAndSet(42, rules(43));

        await().atMost(patience()).until(() -> still.epochs().contains(43L));
        assertThat(stopped.epochs()).isEmpty();
    }

    // --- applied epochs ---

    @Test
    public void appliedEpochsHoldTheLatestReportOfEveryInstance() throws Exception {
        RuleStore store = open(rules(42));
        Instant t0 = Instant.parse("2026-01-01T00:00:00.123456789Z");
        AppliedEpoch first = new AppliedEpoch("rz01@host1#1", "rz01", 42, "c42", t0);
        AppliedEpoch newer = new AppliedEpoch("rz01@host1#1", "rz01", 43, "c43", t0.plusSeconds(5),
                t0.plusSeconds(6));
        AppliedEpoch gateway = new AppliedEpoch("gateway@host2#7", null, 42, "c42", t0, t0.plusSeconds(1));

        store.reportApplied(first);
        store.reportApplied(gateway);
        store.reportApplied(newer);

        assertThat(store.appliedEpochs()).containsOnlyKeys("rz01@host1#1", "gateway@host2#7")
                .containsEntry("rz01@host1#1", newer)
                .containsEntry("gateway@host2#7", gateway);
    }

    @Test
    public void appliedEpochsIncludeReportsMadeThroughAnotherInstance() throws Exception {
        RuleStore store = open(rules(42));
        RuleStore peer = track(openPeer(store));
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        AppliedEpoch mine = new AppliedEpoch("rz01@host1#1", "rz01", 42, "c42", t0);
        AppliedEpoch theirs = new AppliedEpoch("rz02@host2#2", "rz02", 42, "c42", t0);

        store.reportApplied(mine);
        peer.reportApplied(theirs);

        await().atMost(patience()).until(() -> store.appliedEpochs().size() == 2);
        assertThat(store.appliedEpochs()).containsEntry("rz02@host2#2", theirs);
        assertThat(peer.appliedEpochs()).containsEntry("rz01@host1#1", mine);
    }

    @Test
    public void pruneDeletesOnlyReportsLastHeardOfBeforeTheCutOff() throws Exception {
        RuleStore store = open(rules(42));
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        AppliedEpoch stopped = new AppliedEpoch("rz01@host1#1", "rz01", 42, "c42", t0);
        AppliedEpoch alive = new AppliedEpoch("rz01@host1#2", "rz01", 42, "c42", t0, t0.plusSeconds(3600));
        store.reportApplied(stopped);
        store.reportApplied(alive);

        int pruned = store.pruneAppliedEpochs(t0.plusSeconds(60));

        if (prunesAppliedEpochs()) {
            assertThat(pruned).isEqualTo(1);
            assertThat(store.appliedEpochs()).containsOnlyKeys("rz01@host1#2");
        } else {
            assertThat(pruned).isZero();
            assertThat(store.appliedEpochs()).containsOnlyKeys("rz01@host1#1", "rz01@host1#2");
        }
    }

    // --- close ---

    @Test
    public void closeIsIdempotent() throws Exception {
        RuleStore store = open(rules(42));

        assertThatCode(() -> {
            store.close();
            store.close();
        }).doesNotThrowAnyException();
    }

    @Test
    public void aClosedStoreRefusesToPublishAndItsListenersHearNothingMore() throws Exception {
        RuleStore store = open(rules(42));
        Recorder recorder = watch(store);

        store.close();

        assertThatThrownBy(() -> store.compareAndSet(42, rules(43))).isInstanceOf(RuleStoreException.class)
                .hasMessageContaining(store.name()).hasMessageContaining("cannot publish epoch 43")
                .hasMessageContaining("the store is closed");
        assertThat(recorder.epochs()).isEmpty();
        assertThat(track(openPeer(store)).load().epoch()).isEqualTo(42);
    }

    private static Recorder watch(RuleStore store) {
        Recorder recorder = new Recorder();
        store.watch(recorder);
        return recorder;
    }

    /** Records what a listener hears, for assertions from the test thread. */
    private static final class Recorder implements RuleListener {

        private final List<Long> epochs = new CopyOnWriteArrayList<>();
        private final List<RuleRejection> rejections = new CopyOnWriteArrayList<>();

        @Override
        public void onRules(RuleDocument document) {
            epochs.add(document.epoch());
        }

        @Override
        public void onRejected(RuleRejection rejection) {
            rejections.add(rejection);
        }

        List<Long> epochs() {
            return List.copyOf(epochs);
        }

        List<RuleRejection> rejections() {
            return List.copyOf(rejections);
        }
    }
}
