package io.unitrouter.console.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T02:10:00Z"), ZoneOffset.UTC);

    @Test
    void entriesAreAppendedToTheFileAndReadBackAfterARestart(@TempDir Path dir) {
        Path file = dir.resolve("rules.yaml.audit");
        new AuditLog(file, clock).record("alice", "execute", "drain:hz1 (plan 3c59)", "completed", "run f42-7c1e");

        AuditLog again = new AuditLog(file, clock);

        assertThat(again.entries()).containsExactly(new AuditEntry(clock.instant(), "alice", "execute",
                "drain:hz1 (plan 3c59)", "completed", "run f42-7c1e"));
        assertThat(again.location()).isEqualTo(file.toString());
    }

    @Test
    void aTornLastLineDoesNotHideTheEntriesBeforeIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit");
        new AuditLog(file, clock).record("alice", "abort", "run f42-7c1e", "aborted", "");
        Files.writeString(file, "{\"at\":\"2026-11-27T02:", StandardOpenOption.APPEND);

        assertThat(new AuditLog(file, clock).entries()).extracting(AuditEntry::action).containsExactly("abort");
    }

    @Test
    void onlyTheLatestEntriesAreKeptInMemory() {
        AuditLog log = new AuditLog(null, clock);

        for (int i = 0; i < AuditLog.KEPT + 5; i++) {
            log.record("alice", "publish", "epoch " + i, "published", "");
        }

        assertThat(log.entries()).hasSize(AuditLog.KEPT);
        assertThat(log.entries().get(0).target()).isEqualTo("epoch 5");
    }
}
