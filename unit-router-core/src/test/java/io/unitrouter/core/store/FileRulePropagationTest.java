package io.unitrouter.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.unitrouter.core.TestRules;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import io.unitrouter.core.rules.RuleRejection;
import io.unitrouter.core.spi.RuleListener;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How publishes reach other stores on the same file: every watcher ends at the last epoch of a burst, in
 * epoch order, and a file written in pieces is read once it is whole rather than reported as broken.
 */
class FileRulePropagationTest {

    private static final Duration PICK_UP = Duration.ofSeconds(20);
    private static final int INSTANCES = 5;
    private static final int BURST = 30;

    @TempDir
    Path dir;

    private Path file;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void writeInitialRules() throws IOException {
        file = dir.resolve("rules.yaml");
        Files.writeString(file, TestRules.text("three-cities.yaml"));
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    @Test
    void aBurstOfPublishesEndsAtItsLastEpochInEveryInstance() {
        // A long poll interval: what the watchers see, they see through file events and their own re-checks.
        List<List<Long>> seen = new ArrayList<>();
        List<UnitRouter> routers = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            FileRuleStore store = track(FileRuleStore.builder(file).pollInterval(Duration.ofMinutes(10)).build());
            UnitRouter router = track(UnitRouter.builder().ruleStore(store).localCell("rz01").instanceId("i" + i)
                    .heartbeat(Duration.ZERO).build());
            List<Long> epochs = new CopyOnWriteArrayList<>();
            router.addListener((previous, current) -> epochs.add(current.epoch()));
            seen.add(epochs);
            routers.add(router);
        }
        FileRuleStore publisher = track(FileRuleStore.builder(file).watch(false).build());
        RuleDocument document = publisher.load();

        for (int p = 0; p < BURST; p++) {
            RuleDocument next = moveShard(document, p);
            assertThat(publisher.compareAndSet(document.epoch(), next)).isTrue();
            document = next;
        }
        long last = document.epoch();

        await().atMost(PICK_UP).untilAsserted(() -> assertThat(routers)
                .allSatisfy(r -> assertThat(r.table().epoch()).isEqualTo(last)));
        for (List<Long> epochs : seen) {
            assertThat(epochs).isSortedAccordingTo(Long::compare).doesNotHaveDuplicates().last().isEqualTo(last);
        }
        assertThat(routers).allSatisfy(r -> assertThat(r.lastRejection()).isEmpty());
        assertThat(routers).allSatisfy(r -> assertThat(r.table().document().ownerOf(BURST - 1)).isEqualTo("rz02"));
    }

    @Test
    void aFileWrittenInPlaceInTwoPiecesIsReadWholeWithoutARejection() throws IOException {
        FileRuleStore store = track(FileRuleStore.builder(file).pollInterval(Duration.ofMinutes(10)).build());
        List<RuleRejection> rejections = new CopyOnWriteArrayList<>();
        List<Long> epochs = new CopyOnWriteArrayList<>();
        store.watch(new RuleListener() {
            @Override
            public void onRules(RuleDocument document) {
                epochs.add(document.epoch());
            }

            @Override
            public void onRejected(RuleRejection rejection) {
                rejections.add(rejection);
            }
        });
        byte[] text = RuleDocuments.toYaml(moveShard(store.load(), 0)).getBytes(StandardCharsets.UTF_8);
        int half = text.length / 2;

        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(text, 0, half);
            out.flush();
            out.write(text, half, text.length - half);
        }

        await().atMost(PICK_UP).untilAsserted(() -> assertThat(epochs).containsExactly(43L));
        assertThat(rejections).isEmpty();
    }

    @Test
    void aFileThatStaysBrokenIsReportedOnce() throws IOException {
        FileRuleStore store = track(FileRuleStore.builder(file).pollInterval(Duration.ofMinutes(10)).build());
        List<RuleRejection> rejections = new CopyOnWriteArrayList<>();
        store.watch(new RuleListener() {
            @Override
            public void onRules(RuleDocument document) {
            }

            @Override
            public void onRejected(RuleRejection rejection) {
                rejections.add(rejection);
            }
        });

        Files.writeString(file, "epoch: 43\nshards: [this is not\n");

        await().atMost(PICK_UP).untilAsserted(() -> assertThat(rejections).hasSize(1));
        assertThat(rejections.get(0).errors()).singleElement().asString().startsWith("not valid YAML or JSON");
        assertThat(store.load().epoch()).isEqualTo(42);
    }

    @Test
    void aPublishIsOnDiskAndInForceWhenCompareAndSetReturns() {
        FileRuleStore store = track(FileRuleStore.builder(file).watch(false).build());
        List<Long> epochs = new CopyOnWriteArrayList<>();
        store.watch(document -> epochs.add(document.epoch()));

        assertThat(store.compareAndSet(42, moveShard(store.load(), 0))).isTrue();

        assertThat(epochs).containsExactly(43L);
        assertThat(RuleDocuments.read(file).epoch()).isEqualTo(43);
        assertThat(RuleDocuments.read(file.resolveSibling("rules.yaml.last-good")).epoch()).isEqualTo(43);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The next epoch, with shard {@code shard} moved from rz01 to rz02. */
    private static RuleDocument moveShard(RuleDocument base, int shard) {
        String[] owners = base.owners();
        owners[shard] = "rz02";
        return base.toBuilder().epoch(base.epoch() + 1).owners(owners).build();
    }

    private <T extends AutoCloseable> T track(T closeable) {
        closeables.add(closeable);
        return closeable;
    }
}
