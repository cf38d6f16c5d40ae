package io.unitrouter.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.core.spi.AppliedEpoch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppliedEpochDirectoryTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aHeartbeatReplacesTheInstancesReport() {
        AppliedEpochDirectory reports = new AppliedEpochDirectory(dir.resolve("rules.yaml.applied"), "test");
        AppliedEpoch first = new AppliedEpoch("rz01/a", "rz01", 42, "c", NOW);

        reports.report(first);
        reports.report(first.withHeartbeat(NOW.plusSeconds(1)));

        assertThat(reports.readAll()).containsOnlyKeys("rz01/a");
        assertThat(reports.readAll().get("rz01/a").heartbeat()).isEqualTo(NOW.plusSeconds(1));
        assertThat(reports.readAll().get("rz01/a").at()).isEqualTo(NOW);
    }

    @Test
    void pruningDeletesOnlyReportsLastHeardOfBeforeTheCutOff() {
        AppliedEpochDirectory reports = new AppliedEpochDirectory(dir, "test");
        reports.report(new AppliedEpoch("old", "rz01", 41, "c", NOW.minusSeconds(7200)));
        reports.report(new AppliedEpoch("restarted", "rz01", 41, "c", NOW.minusSeconds(7200),
                NOW.minusSeconds(10)));

        int pruned = reports.prune(NOW.minusSeconds(3600));

        assertThat(pruned).isEqualTo(1);
        assertThat(reports.readAll()).containsOnlyKeys("restarted");
    }

    @Test
    void anUnreadableReportIsSkippedAndKept() throws IOException {
        AppliedEpochDirectory reports = new AppliedEpochDirectory(dir, "test");
        reports.report(new AppliedEpoch("good", "rz01", 41, "c", NOW));
        Files.writeString(dir.resolve("broken"), "epoch=x\n");

        assertThat(reports.readAll()).containsOnlyKeys("good");
        assertThat(reports.prune(NOW.plusSeconds(10))).isEqualTo(1);
        assertThat(dir.resolve("broken")).exists();
    }

    @Test
    void aMissingDirectoryHasNoReports() {
        AppliedEpochDirectory reports = new AppliedEpochDirectory(dir.resolve("none"), "test");

        assertThat(reports.readAll()).isEmpty();
        assertThat(reports.prune(NOW)).isZero();
    }
}
