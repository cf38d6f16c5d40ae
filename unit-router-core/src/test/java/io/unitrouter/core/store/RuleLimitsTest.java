package io.unitrouter.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.unitrouter.core.TestRules;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleRejection;
import io.unitrouter.core.spi.RuleListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two size limits of a rule document, 100,000 shards and 4 MiB of text: a document past either is refused
 * with a message that names its value, and the document in force stays.
 */
class RuleLimitsTest {

    private static final int MAX_CHARS = 4 * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void moreThanAHundredThousandShardsIsRefusedAndTheRulesInForceStay() {
        InMemoryRuleStore store = new InMemoryRuleStore(TestRules.threeCities());
        List<RuleRejection> rejections = watch(store);

        boolean published = store.publishText(TestRules.threeCitiesTextWith("epoch: 42", "epoch: 43",
                "shards: 100", "shards: 100001"));

        assertThat(published).isFalse();
        assertThat(rejections).singleElement().satisfies(r -> assertThat(r.errors())
                .contains("shards must be 1..100000, was 100001"));
        assertThat(store.load().epoch()).isEqualTo(42);
        assertThat(store.load().shards()).isEqualTo(100);
    }

    @Test
    void exactlyAHundredThousandShardsIsAccepted() {
        InMemoryRuleStore store = new InMemoryRuleStore(TestRules.threeCities());

        boolean published = store.publishText(TestRules.threeCitiesTextWith("epoch: 42", "epoch: 43",
                "shards: 100", "shards: 100000", "data-center: sz1, capacity: 100", "data-center: sz1",
                "\"80-99\"", "\"80-99999\""));

        assertThat(published).isTrue();
        assertThat(store.load().shards()).isEqualTo(100_000);
    }

    @Test
    void aFileLargerThanFourMebibytesIsRefusedAndTheRulesInForceStay() throws IOException {
        Path file = dir.resolve("rules.yaml");
        Files.writeString(file, TestRules.text("three-cities.yaml"));
        try (FileRuleStore store = FileRuleStore.builder(file).pollInterval(Duration.ofMillis(100)).build()) {
            List<RuleRejection> rejections = watch(store);
            String next = TestRules.threeCitiesTextWith("epoch: 42", "epoch: 43");
            String oversized = next + "#".repeat(MAX_CHARS + 1 - next.length());

            Files.writeString(dir.resolve("incoming"), oversized);
            Files.move(dir.resolve("incoming"), file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(rejections).isNotEmpty());
            assertThat(rejections.get(0).errors())
                    .containsExactly("the document is 4194305 characters long; the limit is 4194304");
            assertThat(store.load().epoch()).isEqualTo(42);
        }
    }

    private static List<RuleRejection> watch(io.unitrouter.core.spi.RuleStore store) {
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
        return rejections;
    }
}
