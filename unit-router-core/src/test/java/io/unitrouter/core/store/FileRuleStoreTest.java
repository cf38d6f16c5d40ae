package io.unitrouter.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.unitrouter.core.Access;
import io.unitrouter.core.TestRules;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import io.unitrouter.core.rules.RuleRejection;
import io.unitrouter.core.rules.RuleValidationException;
import io.unitrouter.core.spi.RuleListener;
import io.unitrouter.core.spi.RuleStoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRuleStoreTest {

    private static final Duration PICK_UP = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private Path file;
    private final RuleDocument epoch42 = TestRules.threeCities();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void writeInitialRules() throws IOException {
        file = dir.resolve("rules.yaml");
        Files.writeString(file, TestRules.text("three-cities.yaml"));
    }

    @AfterEach
    void closeStores() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    private FileRuleStore open() {
        return track(FileRuleStore.builder(file).pollInterval(Duration.ofMillis(200)).build());
    }

    private <T extends AutoCloseable> T track(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    private RuleDocument next(RuleDocument base, long epoch, int shard, String newOwner) {
        String[] owners = base.owners();
        owners[shard] = newOwner;
        return base.toBuilder().epoch(epoch).owners(owners).build();
    }

    /** Replaces the file the way an operator's tooling would: write a temp file, then rename it over. */
    private void replaceFile(String text) throws IOException {
        Path temp = dir.resolve("incoming.tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void loadsTheDocumentInTheFile() {
        FileRuleStore store = open();

        assertThat(store.load().epoch()).isEqualTo(42);
        assertThat(store.name()).isEqualTo("file:" + file);
    }

    @Test
    void listenerSeesAChangeWrittenByAnotherWriter() throws IOException {
        FileRuleStore store = open();
        List<Long> seen = new CopyOnWriteArrayList<>();
        store.watch(doc -> seen.add(doc.epoch()));

        replaceFile(RuleDocuments.toYaml(next(epoch42, 43, 0, "rz02")));

        await().atMost(PICK_UP).untilAsserted(() -> assertThat(seen).containsExactly(43L));
        assertThat(store.load().ownerOf(0)).isEqualTo("rz02");
    }

    @Test
    void listenerSeesAFileEditedInPlace() throws IOException {
        FileRuleStore store = open();
        List<Long> seen = new CopyOnWriteArrayList<>();
        store.watch(doc -> seen.add(doc.epoch()));

        Files.writeString(file, RuleDocuments.toYaml(next(epoch42, 43, 0, "rz02")));

        await().atMost(PICK_UP).untilAsserted(() -> assertThat(seen).contains(43L));
    }

    @Test
    void corruptFileLeavesTheLastGoodDocumentInForce() throws IOException {
        FileRuleStore store = open();
        List<RuleRejection> rejections = new CopyOnWriteArrayList<>();
        store.watch(listener(rejections));

        replaceFile("epoch: 43\nshards: [this is not\n");

        await().atMost(PICK_UP).untilAsserted(() -> assertThat(rejections).hasSize(1));
        assertThat(rejections.get(0).errors()).singleElement().asString().startsWith("not valid YAML or JSON");
        assertThat(store.load().epoch()).isEqualTo(42);
        assertThat(store.lastRejection()).isPresent();
    }

    @Test
    void invalidDocumentLeavesTheLastGoodDocumentInForceAndReportsEveryError() throws IOException {
        FileRuleStore store = open();
        List<RuleRejection> rejections = new CopyOnWriteArrayList<>();
        store.watch(listener(rejections));

        replaceFile(TestRules.text("three-cities.yaml").replace("epoch: 42", "epoch: 43")
                .replace("\"20-39\", cell: rz02", "\"20-37\", cell: rz09"));

        await().atMost(PICK_UP).untilAsserted(() -> assertThat(rejections).hasSize(1));
        assertThat(rejections.get(0).errors()).containsExactly("routing[1]: cell 'rz09' is not defined",
                "shards 38-39 have no owner");
        assertThat(store.load().epoch()).isEqualTo(42);
    }

    @Test
    void routerKeepsRoutingOnTheLastGoodRulesWhileTheFileIsBroken() throws IOException {
        FileRuleStore store = open();
        UnitRouter router = track(UnitRouter.builder().ruleStore(store).localCell("rz01").build());

        replaceFile("not: [valid");
        await().atMost(PICK_UP).until(() -> router.lastRejection().isPresent());
        assertThat(router.table().epoch()).isEqualTo(42);
        assertThat(router.route("7", Access.WRITE).cell()).isEqualTo("rz01");

        replaceFile(RuleDocuments.toYaml(next(epoch42, 43, 7, "rz05")));
        await().atMost(PICK_UP).untilAsserted(() -> assertThat(router.route("7", Access.WRITE).cell())
                .isEqualTo("rz05"));
    }

    @Test
    void startsFromTheLastGoodCopyWhenTheFileIsCorrupt() throws IOException {
        open().close();
        assertThat(file.resolveSibling("rules.yaml.last-good")).exists();
        Files.writeString(file, "{ broken");

        FileRuleStore store = open();

        assertThat(store.load().epoch()).isEqualTo(42);
        assertThat(store.lastRejection()).hasValueSatisfying(r -> assertThat(r.source()).isEqualTo(file.toString()));
    }

    @Test
    void failsLoadWithTheReasonWhenNoValidDocumentExists() throws IOException {
        Files.writeString(file, "epoch: -1\n");

        FileRuleStore store = open();

        assertThatThrownBy(store::load).isInstanceOf(RuleStoreException.class)
                .hasMessageContaining("holds no valid rule document")
                .hasMessageContaining("epoch must be >= 0, was -1");
    }

    @Test
    void picksUpAFileThatAppearsAfterStart() throws IOException {
        Files.delete(file);
        FileRuleStore store = open();
        assertThatThrownBy(store::load).hasMessageContaining("the rule file does not exist");

        replaceFile(TestRules.text("three-cities.yaml"));

        await().atMost(PICK_UP).ignoreExceptions().untilAsserted(() -> assertThat(store.load().epoch()).isEqualTo(42));
    }

    @Test
    void rejectsAFileWithALowerEpoch() throws IOException {
        FileRuleStore store = open();
        assertThat(store.compareAndSet(42, next(epoch42, 50, 0, "rz02"))).isTrue();

        replaceFile(RuleDocuments.toYaml(next(epoch42, 43, 0, "rz03")));

        await().atMost(PICK_UP).untilAsserted(() -> assertThat(store.lastRejection()).hasValueSatisfying(
                r -> assertThat(r.errors()).containsExactly("epoch 43 is not newer than the 50 in force")));
        assertThat(store.load().epoch()).isEqualTo(50);
    }

    @Test
    void compareAndSetPublishesAndNotifiesAtOnce() {
        FileRuleStore store = track(FileRuleStore.builder(file).watch(false).build());
        List<Long> seen = new CopyOnWriteArrayList<>();
        store.watch(doc -> seen.add(doc.epoch()));

        assertThat(store.compareAndSet(42, next(epoch42, 43, 0, "rz02"))).isTrue();

        assertThat(seen).containsExactly(43L);
        assertThat(RuleDocuments.read(file).epoch()).isEqualTo(43);
        assertThat(RuleDocuments.read(file.resolveSibling("rules.yaml.last-good")).epoch()).isEqualTo(43);
    }

    @Test
    void compareAndSetLosesWhenTheExpectedEpochIsStale() {
        FileRuleStore store = open();
        assertThat(store.compareAndSet(42, next(epoch42, 43, 0, "rz02"))).isTrue();

        assertThat(store.compareAndSet(42, next(epoch42, 44, 0, "rz03"))).isFalse();

        assertThat(RuleDocuments.read(file).ownerOf(0)).isEqualTo("rz02");
    }

    @Test
    void compareAndSetRefusesAnEpochThatDoesNotIncrease() {
        FileRuleStore store = open();

        assertThatThrownBy(() -> store.compareAndSet(42, epoch42)).isInstanceOf(RuleValidationException.class)
                .hasMessageContaining("epoch 42 is not newer than the expected epoch 42");
    }

    @Test
    void concurrentPublishersFromTheSameEpochExactlyOneWins() throws Exception {
        int publishers = 8;
        List<FileRuleStore> stores = new ArrayList<>();
        for (int i = 0; i < publishers; i++) {
            stores.add(track(FileRuleStore.builder(file).watch(false).build()));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(publishers);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < publishers; i++) {
                FileRuleStore store = stores.get(i);
                RuleDocument mine = next(epoch42, 43, i, i % 2 == 0 ? "rz05" : "rz04");
                results.add(pool.submit(() -> {
                    start.await();
                    return store.compareAndSet(42, mine);
                }));
            }
            start.countDown();
            List<Integer> winners = new ArrayList<>();
            for (int i = 0; i < publishers; i++) {
                if (results.get(i).get()) {
                    winners.add(i);
                }
            }

            assertThat(winners).hasSize(1);
            int winner = winners.get(0);
            RuleDocument onDisk = RuleDocuments.read(file);
            assertThat(onDisk.epoch()).isEqualTo(43);
            assertThat(onDisk.ownerOf(winner)).isEqualTo(winner % 2 == 0 ? "rz05" : "rz04");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void leavesNoTemporaryFilesBehind() throws IOException {
        FileRuleStore store = open();
        store.compareAndSet(42, next(epoch42, 43, 0, "rz02"));

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("rules.yaml", "rules.yaml.last-good", "rules.yaml.lock");
        }
    }

    @Test
    void recordsTheAppliedEpochOfEveryInstance() {
        FileRuleStore store = open();
        UnitRouter a = track(UnitRouter.builder().ruleStore(store).localCell("rz01").instanceId("rz01-a").build());
        track(UnitRouter.builder().ruleStore(store).localCell("rz02").instanceId("rz02/b").build());

        assertThat(store.appliedEpochs()).containsOnlyKeys("rz01-a", "rz02/b");
        store.compareAndSet(42, next(epoch42, 43, 0, "rz02"));

        assertThat(store.appliedEpochs().values()).allSatisfy(applied -> {
            assertThat(applied.epoch()).isEqualTo(43);
            assertThat(applied.checksum()).isEqualTo(a.table().checksum());
        });
        assertThat(store.appliedEpochs().get("rz02/b").cell()).isEqualTo("rz02");
    }

    @Test
    void appliedEpochsAreSharedThroughTheDirectory() {
        FileRuleStore writer = open();
        writer.reportApplied(new io.unitrouter.core.spi.AppliedEpoch("gw-1", null, 42, "abc",
                java.time.Instant.parse("2026-01-01T00:00:00Z")));

        FileRuleStore reader = open();

        assertThat(reader.appliedEpochs().get("gw-1")).satisfies(applied -> {
            assertThat(applied.cell()).isNull();
            assertThat(applied.epoch()).isEqualTo(42);
            assertThat(applied.at()).isEqualTo("2026-01-01T00:00:00Z");
        });
    }

    @Test
    void refusesADirectoryThatDoesNotExist() {
        assertThatThrownBy(() -> FileRuleStore.open(dir.resolve("missing/rules.yaml")))
                .isInstanceOf(RuleStoreException.class).hasMessageContaining("does not exist");
    }

    private static RuleListener listener(List<RuleRejection> rejections) {
        return new RuleListener() {
            @Override
            public void onRules(RuleDocument document) {
            }

            @Override
            public void onRejected(RuleRejection rejection) {
                rejections.add(rejection);
            }
        };
    }
}
