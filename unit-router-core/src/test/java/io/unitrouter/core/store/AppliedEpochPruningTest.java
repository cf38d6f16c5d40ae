package io.unitrouter.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.core.TestRules;
import io.unitrouter.core.spi.AppliedEpoch;
import io.unitrouter.core.spi.RuleStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Both core stores delete the reports of instances that stopped long ago, and keep the rest. */
class AppliedEpochPruningTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    @TempDir
    static Path dir;

    static Stream<RuleStore> stores() throws Exception {
        Path file = Files.writeString(Files.createTempDirectory(dir, "store").resolve("rules.yaml"),
                TestRules.text("three-cities.yaml"));
        return Stream.of(new InMemoryRuleStore(TestRules.threeCities()),
                FileRuleStore.builder(file).watch(false).build());
    }

    @ParameterizedTest
    @MethodSource("stores")
    void pruningDeletesReportsLastHeardOfBeforeTheCutOff(RuleStore store) {
        store.reportApplied(new AppliedEpoch("gone", "rz01", 41, "c", NOW.minusSeconds(7200)));
        store.reportApplied(new AppliedEpoch("alive", "rz01", 42, "c", NOW.minusSeconds(7200), NOW));

        assertThat(store.pruneAppliedEpochs(NOW.minusSeconds(3600))).isEqualTo(1);
        assertThat(store.appliedEpochs()).containsOnlyKeys("alive");
        store.close();
    }
}
