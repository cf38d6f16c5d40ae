package io.unitrouter.nacos;

import static io.unitrouter.nacos.NacosTestRules.next;
import static io.unitrouter.nacos.NacosTestRules.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.alibaba.nacos.api.config.listener.AbstractListener;
import com.alibaba.nacos.api.exception.NacosException;
import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleRejection;
import io.unitrouter.core.rules.RuleValidationException;
import io.unitrouter.core.spi.AppliedEpoch;
import io.unitrouter.core.spi.RuleListener;
import io.unitrouter.core.spi.RuleStoreException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NacosRuleStoreTest {

    private static final String DATA_ID = "rules.yaml";
    private static final String GROUP = NacosRuleStore.DEFAULT_GROUP;
    private static final String SERVER = "nacos-test:8848";
    private static final Duration PUSH = Duration.ofSeconds(10);

    @TempDir
    Path snapshots;

    private final InMemoryConfigService nacos = new InMemoryConfigService();
    private final RuleDocument epoch42 = NacosTestRules.threeCities();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        Collections.reverse(closeables);
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        nacos.shutDown();
    }

    private NacosRuleStore open() {
        return track(NacosRuleStore.builder(nacos, DATA_ID).serverAddr(SERVER).snapshotDirectory(snapshots)
                .timeout(Duration.ofMillis(500)).build());
    }

    private static ConditionFactory eventually() {
        return await().atMost(PUSH).pollInterval(Duration.ofMillis(10));
    }

    private <T extends AutoCloseable> T track(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    private void publish(String text) throws NacosException {
        assertThat(nacos.publishConfig(DATA_ID, GROUP, text, "yaml")).isTrue();
    }

    private Path snapshotFile() {
        return snapshots.resolve(GROUP + "@" + DATA_ID + ".yaml");
    }

    /** The reference document with an RZone cell that is not declared: valid YAML, invalid rules. */
    private static String invalidText(long epoch) {
        return NacosTestRules.text().replace("epoch: 42", "epoch: " + epoch)
                .replace("{ shards: \"20-39\", cell: rz02 }", "{ shards: \"20-39\", cell: rz99 }");
    }

    private static final class Recorder implements RuleListener {
        final List<RuleDocument> documents = new CopyOnWriteArrayList<>();
        final List<RuleRejection> rejections = new CopyOnWriteArrayList<>();

        @Override
        public void onRules(RuleDocument document) {
            documents.add(document);
        }

        @Override
        public void onRejected(RuleRejection rejection) {
            rejections.add(rejection);
        }
    }

    @Test
    void loadsTheDocumentFromTheServer() throws Exception {
        publish(NacosTestRules.text());

        NacosRuleStore store = open();

        assertThat(store.load().epoch()).isEqualTo(42);
        assertThat(yaml(store.load())).isEqualTo(yaml(epoch42));
        assertThat(store.lastRejection()).isEmpty();
        assertThat(store.name()).contains(DATA_ID, GROUP, SERVER);
    }

    @Test
    void aPublishOnTheServerReachesTheListenersAndLoad() throws Exception {
        publish(NacosTestRules.text());
        NacosRuleStore store = open();
        Recorder recorder = new Recorder();
        store.watch(recorder);
        RuleDocument epoch43 = next(epoch42, 43, 0, "rz02");

        publish(yaml(epoch43));

        eventually().untilAsserted(() -> {
            assertThat(recorder.documents).extracting(RuleDocument::epoch).containsExactly(43L);
            assertThat(store.load().epoch()).isEqualTo(43);
        });
        assertThat(store.load().owners()[0]).isEqualTo("rz02");
    }

    @Test
    void anInvalidDocumentPushedByTheServerIsRejectedAndTheLastGoodStays() throws Exception {
        publish(NacosTestRules.text());
        NacosRuleStore store = open();
        Recorder recorder = new Recorder();
        store.watch(recorder);

        publish(invalidText(43));

        eventually().until(() -> !recorder.rejections.isEmpty());
        assertThat(store.load().epoch()).isEqualTo(42);
        assertThat(recorder.documents).isEmpty();
        RuleRejection rejection = store.lastRejection().orElseThrow();
        assertThat(rejection.source()).contains(DATA_ID, GROUP, SERVER);
        assertThat(rejection.errors()).isNotEmpty().anySatisfy(error -> assertThat(error).contains("rz99"));
    }

    @Test
    void aLowerEpochPushedByTheServerIsRejected() throws Exception {
        publish(NacosTestRules.text());
        NacosRuleStore store = open();
        Recorder recorder = new Recorder();
        store.watch(recorder);

        publish(yaml(next(epoch42, 41, 0, "rz02")));

        eventually().until(() -> !recorder.rejections.isEmpty());
        assertThat(store.load().epoch()).isEqualTo(42);
        assertThat(store.lastRejection().orElseThrow().errors())
                .containsExactly("epoch 41 is not newer than the 42 in force");
    }

    @Test
    void ownPublishesHeardBackAfterANewerOneAreNotReportedAsRejections() throws Exception {
        publish(NacosTestRules.text());
        // The store hears its pushes only after both publishes.
        CountDownLatch release = holdUpNotifications();
        NacosRuleStore store = open();
        Recorder recorder = new Recorder();
        store.watch(recorder);

        assertThat(store.compareAndSet(42, next(epoch42, 43, 0, "rz02"))).isTrue();
        assertThat(store.compareAndSet(43, next(epoch42, 44, 0, "rz03"))).isTrue();
        release.countDown();
        nacos.awaitNotifications();

        assertThat(recorder.rejections).isEmpty();
        assertThat(store.lastRejection()).isEmpty();
        assertThat(recorder.documents).extracting(RuleDocument::epoch).containsExactly(43L, 44L);
        assertThat(store.load().epoch()).isEqualTo(44);
    }

    @Test
    void aDocumentRemovedFromTheServerIsRejectedAndTheLastGoodStays() throws Exception {
        publish(NacosTestRules.text());
        NacosRuleStore store = open();
        Recorder recorder = new Recorder();
        store.watch(recorder);

        assertThat(nacos.removeConfig(DATA_ID, GROUP)).isTrue();

        eventually().until(() -> !recorder.rejections.isEmpty());
        assertThat(store.load().epoch()).isEqualTo(42);
        assertThat(store.lastRejection().orElseThrow().errors())
                .containsExactly("data id rules.yaml in group UNIT_ROUTER was removed or emptied on Nacos server "
                        + SERVER);
    }

    @Test
    void serverDownAtStartStartsFromTheSnapshotWrittenByAnEarlierStore() throws Exception {
        publish(NacosTestRules.text());
        NacosRuleStore earlier = open();
        RuleDocument epoch43 = next(epoch42, 43, 0, "rz02");
        publish(yaml(epoch43));
        eventually().untilAsserted(() -> assertThat(Files.readString(snapshotFile(), StandardCharsets.UTF_8))
                .isEqualTo(yaml(epoch43)));
        earlier.close();
        nacos.serverDown();

        NacosRuleStore store = open();

        assertThat(store.load().epoch()).isEqualTo(43);
        assertThat(yaml(store.load())).isEqualTo(yaml(epoch43));
        assertThat(store.lastRejection().orElseThrow().errors()).singleElement().asString()
                .contains("cannot read data id rules.yaml in group UNIT_ROUTER from Nacos server " + SERVER)
                .contains("-401")
                .contains("starting from the local snapshot " + snapshotFile());
    }

    @Test
    void aDataIdMissingOnTheServerStartsFromTheSnapshot() throws Exception {
        publish(NacosTestRules.text());
        open().close();
        assertThat(nacos.removeConfig(DATA_ID, GROUP)).isTrue();

        NacosRuleStore store = open();

        assertThat(store.load().epoch()).isEqualTo(42);
        assertThat(store.lastRejection().orElseThrow().errors()).singleElement().asString()
                .contains("data id rules.yaml in group UNIT_ROUTER does not exist on Nacos server " + SERVER);
    }

    @Test
    void anInvalidDocumentOnTheServerAtStartStartsFromTheSnapshot() throws Exception {
        publish(NacosTestRules.text());
        open().close();
        publish(invalidText(43));

        NacosRuleStore store = open();

        assertThat(store.load().epoch()).isEqualTo(42);
        assertThat(store.lastRejection().orElseThrow().errors()).anySatisfy(e -> assertThat(e).contains("rz99"));
    }

    @Test
    void serverDownAndNoSnapshotMakesLoadFailNamingTheDataIdGroupAndServer() {
        nacos.serverDown();

        NacosRuleStore store = open();

        assertThatThrownBy(store::load)
                .isInstanceOf(RuleStoreException.class)
                .hasMessageContaining("holds no valid rule document")
                .hasMessageContaining("cannot read data id rules.yaml in group UNIT_ROUTER from Nacos server "
                        + SERVER)
                .hasMessageContaining("there is no local snapshot at " + snapshotFile());
    }

    @Test
    void theListenerIsRegisteredBeforeTheReadSoAPublishAfterTheServerComesBackIsHeard() throws Exception {
        nacos.serverDown();
        assertThatThrownBy(() -> nacos.getConfigAndSignListener(DATA_ID, GROUP, 500, null))
                .isInstanceOf(NacosException.class)
                .extracting(e -> ((NacosException) e).getErrCode()).isEqualTo(NacosException.CLIENT_DISCONNECT);
        assertThat(nacos.listenerCount(DATA_ID, GROUP)).isZero();

        NacosRuleStore store = open();

        assertThat(nacos.listenerCount(DATA_ID, GROUP)).isEqualTo(1);
        assertThat(nacos.calls()).containsExactly("getConfigAndSignListener rules.yaml", "addListener rules.yaml",
                "getConfig rules.yaml");
        assertThatThrownBy(store::load).isInstanceOf(RuleStoreException.class);
        nacos.serverUp();
        publish(NacosTestRules.text());
        eventually().untilAsserted(() -> assertThat(store.load().epoch()).isEqualTo(42));
    }

    @Test
    void theServerComingBackDeliversTheNewerDocumentItHolds() throws Exception {
        publish(NacosTestRules.text());
        open().close();
        RuleDocument epoch43 = next(epoch42, 43, 0, "rz02");
        publish(yaml(epoch43));
        nacos.serverDown();
        NacosRuleStore store = open();
        assertThat(store.load().epoch()).isEqualTo(42);

        nacos.serverUp();

        eventually().untilAsserted(() -> assertThat(store.load().epoch()).isEqualTo(43));
        // The push thread may still be writing the snapshot; the temporary directory goes when the test ends.
        eventually().untilAsserted(() -> assertThat(Files.readString(snapshotFile(), StandardCharsets.UTF_8))
                .isEqualTo(yaml(epoch43)));
    }

    @Test
    void theSnapshotFollowsEveryAcceptedDocumentAndNoTemporaryFileIsLeft() throws Exception {
        publish(NacosTestRules.text());
        NacosRuleStore store = open();
        assertThat(store.snapshotFile()).isEqualTo(snapshotFile());
        assertThat(Files.readString(snapshotFile(), StandardCharsets.UTF_8)).isEqualTo(NacosTestRules.text());
        RuleDocument epoch43 = next(epoch42, 43, 0, "rz02");

        publish(yaml(epoch43));

        eventually().untilAsserted(() -> assertThat(Files.readString(snapshotFile(), StandardCharsets.UTF_8))
                .isEqualTo(yaml(epoch43)));
        publish(invalidText(44));
        eventually().until(() -> store.lastRejection().isPresent());
        assertThat(Files.readString(snapshotFile(), StandardCharsets.UTF_8)).isEqualTo(yaml(epoch43));
        try (Stream<Path> files = Files.list(snapshots)) {
            assertThat(files).containsExactly(snapshotFile());
        }
    }

    @Test
    void compareAndSetWinsOnceAndTheServerHoldsTheYaml() throws Exception {
        publish(NacosTestRules.text());
        NacosRuleStore store = open();
        RuleDocument epoch43 = next(epoch42, 43, 0, "rz02");

        assertThat(store.compareAndSet(42, epoch43)).isTrue();

        assertThat(store.load().epoch()).isEqualTo(43);
        assertThat(nacos.content(DATA_ID, GROUP)).isEqualTo(yaml(epoch43));
        assertThat(nacos.type(DATA_ID, GROUP)).isEqualTo("yaml");
        assertThat(store.compareAndSet(42, next(epoch42, 43, 0, "rz03"))).isFalse();
        assertThat(nacos.content(DATA_ID, GROUP)).isEqualTo(yaml(epoch43));
    }

    @Test
    void compareAndSetWithAStaleExpectedEpochLoses() throws Exception {
        publish(NacosTestRules.text());
        NacosRuleStore store = open();

        assertThat(store.compareAndSet(41, next(epoch42, 43, 0, "rz02"))).isFalse();

        assertThat(nacos.content(DATA_ID, GROUP)).isEqualTo(NacosTestRules.text());
        assertThat(store.load().epoch()).isEqualTo(42);
    }

    @Test
    void compareAndSetLosesToAChangeOnTheServerTheStoreHasNotHeardYet() throws Exception {
        publish(NacosTestRules.text());
        // The store does not hear the change before the release.
        CountDownLatch release = holdUpNotifications();
        NacosRuleStore store = open();
        RuleDocument theirs = next(epoch42, 43, 0, "rz03");
        publish(yaml(theirs));

        try {
            assertThat(store.compareAndSet(42, next(epoch42, 43, 0, "rz02"))).isFalse();
            assertThat(store.load().epoch()).isEqualTo(42);
        } finally {
            release.countDown();
        }

        assertThat(nacos.content(DATA_ID, GROUP)).isEqualTo(yaml(theirs));
    }

    @Test
    void twoStoresRacingFromTheSameEpochExactlyOneWins() throws Exception {
        publish(NacosTestRules.text());
        NacosRuleStore first = open();
        NacosRuleStore second = open();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            RuleDocument base = epoch42;
            for (int round = 0; round < 10; round++) {
                long from = base.epoch();
                RuleDocument mine = next(base, from + 1, round, "rz02");
                RuleDocument theirs = next(base, from + 1, round, "rz03");
                CountDownLatch go = new CountDownLatch(1);
                Future<Boolean> a = pool.submit(() -> {
                    go.await();
                    return first.compareAndSet(from, mine);
                });
                Future<Boolean> b = pool.submit(() -> {
                    go.await();
                    return second.compareAndSet(from, theirs);
                });
                go.countDown();
                boolean aWon = a.get(10, TimeUnit.SECONDS);
                boolean bWon = b.get(10, TimeUnit.SECONDS);

                assertThat(aWon ^ bWon).as("exactly one winner in round %d", round).isTrue();
                RuleDocument winner = aWon ? mine : theirs;
                assertThat(nacos.content(DATA_ID, GROUP)).isEqualTo(yaml(winner));
                eventually().untilAsserted(() -> {
                    assertThat(yaml(first.load())).isEqualTo(yaml(winner));
                    assertThat(yaml(second.load())).isEqualTo(yaml(winner));
                });
                base = winner;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void compareAndSetLosesWhenTheDocumentChangesBetweenTheReadAndThePublish() throws Exception {
        publish(NacosTestRules.text());
        NacosRuleStore store = open();
        RuleDocument theirs = next(epoch42, 43, 0, "rz03");
        nacos.beforeNextCas(() -> {
            try {
                publish(yaml(theirs));
            } catch (NacosException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(store.compareAndSet(42, next(epoch42, 43, 0, "rz02"))).isFalse();

        assertThat(nacos.content(DATA_ID, GROUP)).isEqualTo(yaml(theirs));
        eventually().untilAsserted(() -> assertThat(yaml(store.load())).isEqualTo(yaml(theirs)));
    }

    @Test
    void compareAndSetWhileTheServerIsDownThrowsNamingTheDataIdGroupAndServer() throws Exception {
        publish(NacosTestRules.text());
        NacosRuleStore store = open();
        nacos.serverDown();

        assertThatThrownBy(() -> store.compareAndSet(42, next(epoch42, 43, 0, "rz02")))
                .isInstanceOf(RuleStoreException.class)
                .hasMessageContaining("publish epoch 43 to data id rules.yaml in group UNIT_ROUTER")
                .hasMessageContaining(SERVER);
        assertThat(store.load().epoch()).isEqualTo(42);
    }

    @Test
    void compareAndSetFailingAtTheServerMidwayThrowsNamingTheDataIdAndServer() throws Exception {
        publish(NacosTestRules.text());
        NacosRuleStore store = open();
        nacos.beforeNextCas(nacos::serverDown);

        assertThatThrownBy(() -> store.compareAndSet(42, next(epoch42, 43, 0, "rz02")))
                .isInstanceOf(RuleStoreException.class)
                .hasMessageContaining("cannot publish epoch 43 to data id rules.yaml in group UNIT_ROUTER on Nacos"
                        + " server " + SERVER)
                .hasMessageContaining("Nacos error -401")
                .hasCauseInstanceOf(NacosException.class);
        assertThat(store.load().epoch()).isEqualTo(42);
    }

    @Test
    void compareAndSetNeedsAnEpochAboveTheExpectedOne() throws Exception {
        publish(NacosTestRules.text());
        NacosRuleStore store = open();

        assertThatThrownBy(() -> store.compareAndSet(42, epoch42)).isInstanceOf(RuleValidationException.class);

        assertThat(nacos.content(DATA_ID, GROUP)).isEqualTo(NacosTestRules.text());
    }

    @Test
    void compareAndSetReplacesAnInvalidDocumentOnTheServerFromTheEpochInForce() throws Exception {
        publish(NacosTestRules.text());
        NacosRuleStore store = open();
        publish(invalidText(43));
        eventually().until(() -> store.lastRejection().isPresent());
        RuleDocument epoch43 = next(epoch42, 43, 0, "rz02");

        assertThat(store.compareAndSet(42, epoch43)).isTrue();

        assertThat(nacos.content(DATA_ID, GROUP)).isEqualTo(yaml(epoch43));
        assertThat(store.load().epoch()).isEqualTo(43);
    }

    @Test
    void appliedEpochsOfTwoRoutersAreListedAndFollowAPublish() throws Exception {
        publish(NacosTestRules.text());
        NacosRuleStore storeA = open();
        NacosRuleStore storeB = open();
        UnitRouter routerA = track(UnitRouter.builder().ruleStore(storeA).localCell("rz01")
                .instanceId("rz01@host-a#101").build());
        UnitRouter routerB = track(UnitRouter.builder().ruleStore(storeB).localCell("rz03")
                .instanceId("rz03@host-b#202").build());

        Map<String, AppliedEpoch> applied = storeA.appliedEpochs();

        assertThat(applied).containsOnlyKeys("rz01@host-a#101", "rz03@host-b#202");
        assertThat(applied.get("rz01@host-a#101")).satisfies(a -> {
            assertThat(a.cell()).isEqualTo("rz01");
            assertThat(a.epoch()).isEqualTo(42);
            assertThat(a.checksum()).isEqualTo(routerA.table().checksum());
        });
        assertThat(applied.get("rz03@host-b#202").cell()).isEqualTo("rz03");
        assertThat(storeB.appliedEpochs()).isEqualTo(applied);

        publish(yaml(next(epoch42, 43, 0, "rz02")));

        eventually().untilAsserted(() -> assertThat(storeB.appliedEpochs().values())
                .extracting(AppliedEpoch::epoch).containsExactly(43L, 43L));
        RoutingTable tableB = routerB.table();
        assertThat(storeB.appliedEpochs().get("rz03@host-b#202").checksum()).isEqualTo(tableB.checksum());
    }

    @Test
    void eachReportIsItsOwnConfigAndTheIndexListsTheInstances() throws Exception {
        publish(NacosTestRules.text());
        NacosRuleStore store = open();
        Instant at = Instant.parse("2025-01-02T03:04:05Z");

        store.reportApplied(new AppliedEpoch("rz01@host-a#101", "rz01", 42, "c1", at));
        store.reportApplied(new AppliedEpoch("rz01_40host-a_23101", null, 41, "c2", at));

        assertThat(store.appliedIndexDataId()).isEqualTo("rules.yaml.applied");
        assertThat(store.appliedDataId("rz01@host-a#101")).isEqualTo("rules.yaml.applied.rz01_40host-a_23101");
        assertThat(nacos.dataIds(GROUP)).containsExactly("rules.yaml", "rules.yaml.applied",
                "rules.yaml.applied.rz01_40host-a_23101", "rules.yaml.applied.rz01_5f40host-a_5f23101");
        assertThat(nacos.content("rules.yaml.applied", GROUP).lines().filter(l -> !l.startsWith("#")))
                .containsExactly("rz01_40host-a_23101", "rz01_5f40host-a_5f23101");
        assertThat(nacos.type("rules.yaml.applied.rz01_40host-a_23101", GROUP)).isEqualTo("properties");
        assertThat(nacos.content("rules.yaml.applied.rz01_40host-a_23101", GROUP).lines())
                .containsExactly("instance=rz01@host-a#101", "cell=rz01", "epoch=42", "checksum=c1",
                        "at=2025-01-02T03:04:05Z", "heartbeat=2025-01-02T03:04:05Z");
        assertThat(store.appliedEpochs()).containsOnly(
                Map.entry("rz01@host-a#101", new AppliedEpoch("rz01@host-a#101", "rz01", 42, "c1", at)),
                Map.entry("rz01_40host-a_23101", new AppliedEpoch("rz01_40host-a_23101", null, 41, "c2", at)));
    }

    @Test
    void aLaterReportReplacesTheEarlierOneWithoutRewritingTheIndex() throws Exception {
        publish(NacosTestRules.text());
        NacosRuleStore store = open();
        Instant at = Instant.parse("2025-01-02T03:04:05Z");
        store.reportApplied(new AppliedEpoch("gw-1", null, 42, "c42", at));
        String index = nacos.content("rules.yaml.applied", GROUP);

        store.reportApplied(new AppliedEpoch("gw-1", null, 43, "c43", at.plusSeconds(1)));

        assertThat(store.appliedEpochs().get("gw-1").epoch()).isEqualTo(43);
        assertThat(nacos.content("rules.yaml.applied", GROUP)).isSameAs(index);
    }

    @Test
    void aHeartbeatDoesNotReadTheIndexAgain() throws Exception {
        publish(NacosTestRules.text());
        NacosRuleStore store = open();
        Instant at = Instant.parse("2025-01-02T03:04:05Z");
        AppliedEpoch report = new AppliedEpoch("gw-1", null, 42, "c42", at);
        store.reportApplied(report);
        int callsBefore = nacos.calls().size();

        store.reportApplied(report.withHeartbeat(at.plusSeconds(1)));

        assertThat(nacos.calls()).hasSize(callsBefore);
        assertThat(store.appliedEpochs().get("gw-1").heartbeat()).isEqualTo(at.plusSeconds(1));
    }

    @Test
    void pruningDeletesReportsOfInstancesThatStoppedLongAgoAndTheirIndexEntries() throws Exception {
        publish(NacosTestRules.text());
        NacosRuleStore store = open();
        Instant now = Instant.parse("2025-01-02T12:00:00Z");
        store.reportApplied(new AppliedEpoch("gone", "rz01", 41, "c", now.minusSeconds(7200)));
        store.reportApplied(new AppliedEpoch("alive", "rz01", 42, "c", now.minusSeconds(7200), now));
        nacos.publishConfig("rules.yaml.applied", GROUP, nacos.content("rules.yaml.applied", GROUP) + "vanished\n");

        assertThat(store.pruneAppliedEpochs(now.minusSeconds(3600))).isEqualTo(1);

        assertThat(store.appliedEpochs()).containsOnlyKeys("alive");
        assertThat(nacos.dataIds(GROUP)).doesNotContain("rules.yaml.applied.gone");
        assertThat(nacos.content("rules.yaml.applied", GROUP).lines().filter(l -> !l.startsWith("#")))
                .containsExactly("alive");
    }

    @Test
    void anInstanceJoinsTheIndexEvenWhenAnotherChangesItConcurrently() throws Exception {
        publish(NacosTestRules.text());
        NacosRuleStore mine = open();
        NacosRuleStore theirs = open();
        Instant at = Instant.now();
        nacos.beforeNextCas(() -> theirs.reportApplied(new AppliedEpoch("gw-2", null, 42, "c", at)));

        mine.reportApplied(new AppliedEpoch("gw-1", null, 42, "c", at));

        assertThat(mine.appliedEpochs()).containsOnlyKeys("gw-1", "gw-2");
    }

    @Test
    void reportAppliedGivesUpAfterFiveAttemptsWhenTheIndexKeepsChanging() throws Exception {
        publish(NacosTestRules.text());
        NacosRuleStore store = open();
        AtomicInteger interruptions = new AtomicInteger();
        Runnable[] rival = new Runnable[1];
        rival[0] = () -> {
            try {
                nacos.publishConfig("rules.yaml.applied", GROUP, "rival-" + interruptions.incrementAndGet() + "\n");
            } catch (NacosException e) {
                throw new IllegalStateException(e);
            }
            nacos.beforeNextCas(rival[0]);
        };
        nacos.beforeNextCas(rival[0]);

        assertThatThrownBy(() -> store.reportApplied(new AppliedEpoch("gw-1", null, 42, "c", Instant.now())))
                .isInstanceOf(RuleStoreException.class)
                .hasMessageContaining("could not add gw-1 to the applied-epoch index data id rules.yaml.applied in"
                        + " group UNIT_ROUTER on Nacos server " + SERVER + " in 5 attempts");

        assertThat(interruptions).hasValue(NacosRuleStore.INDEX_ATTEMPTS);
        assertThat(nacos.content("rules.yaml.applied.gw-1", GROUP)).contains("epoch=42");
        nacos.beforeNextCas(null);
    }

    @Test
    void appliedEpochsWhileTheServerIsDownThrowsNamingTheDataIdAndServer() throws Exception {
        publish(NacosTestRules.text());
        NacosRuleStore store = open();
        nacos.serverDown();

        assertThatThrownBy(store::appliedEpochs)
                .isInstanceOf(RuleStoreException.class)
                .hasMessageContaining("read the applied epochs of data id rules.yaml in group UNIT_ROUTER")
                .hasMessageContaining(SERVER);
        assertThatThrownBy(() -> store.reportApplied(new AppliedEpoch("gw-1", null, 42, "c", Instant.now())))
                .isInstanceOf(RuleStoreException.class)
                .hasMessageContaining("data id rules.yaml.applied.gw-1 in group UNIT_ROUTER on Nacos server " + SERVER);
    }

    @Test
    void closeRemovesTheListenerAndLaterPublishesAreNotTaken() throws Exception {
        publish(NacosTestRules.text());
        NacosRuleStore store = open();
        assertThat(nacos.listenerCount(DATA_ID, GROUP)).isEqualTo(1);

        store.close();
        store.close();

        assertThat(nacos.listenerCount(DATA_ID, GROUP)).isZero();
        publish(yaml(next(epoch42, 43, 0, "rz02")));
        nacos.awaitNotifications();
        assertThat(store.load().epoch()).isEqualTo(42);
    }

    @Test
    void theBuilderRefusesDataIdsAndGroupsNacosDoesNotAllow() {
        assertThatThrownBy(() -> NacosRuleStore.builder(nacos, " ").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the Nacos data id is empty");
        assertThatThrownBy(() -> NacosRuleStore.builder(nacos, "rules/prod.yaml").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contains '/'");
        assertThatThrownBy(() -> NacosRuleStore.builder(nacos, DATA_ID).group("UNIT ROUTER"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group 'UNIT ROUTER'");
        assertThatThrownBy(() -> NacosRuleStore.builder(nacos, DATA_ID).timeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        assertThat(nacos.listenerCount(DATA_ID, GROUP)).isZero();
    }

    @Test
    void readsAndWritesInTheConfiguredGroup() throws Exception {
        assertThat(nacos.publishConfig(DATA_ID, "BANK_A", NacosTestRules.text())).isTrue();
        NacosRuleStore store = track(NacosRuleStore.builder(nacos, DATA_ID).group("BANK_A").serverAddr(SERVER)
                .snapshotDirectory(snapshots).build());

        assertThat(store.compareAndSet(42, next(epoch42, 43, 0, "rz02"))).isTrue();

        assertThat(nacos.content(DATA_ID, "BANK_A")).isEqualTo(yaml(next(epoch42, 43, 0, "rz02")));
        assertThat(nacos.content(DATA_ID, GROUP)).isNull();
        assertThat(store.snapshotFile()).isEqualTo(snapshots.resolve("BANK_A@rules.yaml.yaml"));
        assertThat(store.name()).isEqualTo("nacos:rules.yaml (group BANK_A, server " + SERVER + ")");
    }

    /**
     * Registers a listener, ahead of any store opened after it, that holds up the notification thread until the
     * returned latch is released: stores hear the pushes of the publishes made meanwhile only then.
     */
    private CountDownLatch holdUpNotifications() throws NacosException {
        CountDownLatch release = new CountDownLatch(1);
        nacos.addListener(DATA_ID, GROUP, new AbstractListener() {
            @Override
            public void receiveConfigInfo(String text) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        return release;
    }
}
