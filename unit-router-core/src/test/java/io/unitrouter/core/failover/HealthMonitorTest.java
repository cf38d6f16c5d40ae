package io.unitrouter.core.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.unitrouter.core.Cell;
import io.unitrouter.core.TestRules;
import io.unitrouter.core.spi.AppliedEpoch;
import io.unitrouter.core.store.InMemoryRuleStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthMonitorTest {

    private final Cluster cluster = new Cluster(10);
    private final Set<String> unreachable = ConcurrentHashMap.newKeySet();
    private HealthMonitor monitor;

    @AfterEach
    void close() {
        if (monitor != null) {
            monitor.close();
        }
        cluster.close();
    }

    private HealthMonitor.Builder monitor() {
        return HealthMonitor.builder(cluster.coordinator().build(), cell -> !unreachable.contains(cell.id()))
                .interval(Duration.ofMillis(200));
    }

    @Test
    void aCityWhoseCellsAllFailThreeRoundsInARowIsProposedAndWaitsForConfirmation() {
        monitor = monitor().autoExecuteCellLoss(true).build();
        unreachable.addAll(List.of("rz03", "rz04", "gz02"));

        assertThat(monitor.probeOnce()).isEmpty();
        assertThat(monitor.probeOnce()).isEmpty();
        Optional<HealthMonitor.Proposal> proposal = monitor.probeOnce();

        assertThat(proposal).hasValueSatisfying(p -> {
            assertThat(p.event()).isEqualTo(FailoverEvent.cityDown("sh"));
            assertThat(p.failedCells()).containsExactly("gz02", "rz03", "rz04");
            assertThat(p.planned()).isPresent();
        });
        assertThat(monitor.proposals()).hasSize(1);
        assertThat(cluster.store.load().epoch()).isEqualTo(42);

        FailoverRun run = monitor.confirm(proposal.get().id());

        assertThat(run.event()).isEqualTo(FailoverEvent.cityDown("sh"));
        assertThat(cluster.store.load().offline()).containsExactly("rz03", "rz04", "gz02");
        assertThat(monitor.proposals()).isEmpty();
        assertThat(monitor.probeOnce()).as("offline cells are not probed").isEmpty();
    }

    @Test
    void aDataCenterIsProposedWhenItsCellsFailButTheCityAnswers() {
        monitor = monitor().build();
        unreachable.addAll(List.of("rz01", "gz01"));

        monitor.probeOnce();
        monitor.probeOnce();

        assertThat(monitor.probeOnce()).map(HealthMonitor.Proposal::event)
                .contains(FailoverEvent.dataCenterDown("hz1"));
        assertThat(monitor.probeOnce()).as("the same event is not proposed twice").isEmpty();
    }

    @Test
    void aCellThatAnswersAgainBeforeTheThresholdIsNotProposed() {
        monitor = monitor().build();
        unreachable.add("rz04");
        monitor.probeOnce();
        monitor.probeOnce();
        unreachable.remove("rz04");
        monitor.probeOnce();
        unreachable.add("rz04");
        monitor.probeOnce();

        assertThat(monitor.probeOnce()).isEmpty();
        assertThat(monitor.probeOnce()).map(HealthMonitor.Proposal::event).contains(FailoverEvent.cellDown("rz04"));
    }

    @Test
    void aCellLossRunsAtOnceWhenAutomaticExecutionIsOn() {
        List<String> heard = new CopyOnWriteArrayList<>();
        monitor = monitor().autoExecuteCellLoss(true).listener(new HealthMonitor.Listener() {
            @Override
            public void onProposal(HealthMonitor.Proposal proposal) {
                heard.add("proposed " + proposal.event());
            }

            @Override
            public void onExecuted(HealthMonitor.Proposal proposal, FailoverRun run) {
                heard.add("executed " + run.event() + " " + run.status());
            }
        }).build();
        unreachable.add("rz04");

        monitor.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.store.load().isOffline("rz04"));
        await().atMost(Duration.ofSeconds(30)).until(() -> heard.size() == 2);
        assertThat(heard).containsExactly("proposed cell-down:rz04", "executed cell-down:rz04 COMPLETED");
        assertThat(monitor.proposals()).isEmpty();
    }

    @Test
    void aProbeThatHangsOrThrowsCountsAsFailed() {
        monitor = HealthMonitor.builder(cluster.coordinator().build(), cell -> {
            if (cell.id().equals("rz05")) {
                throw new IllegalStateException("connection refused");
            }
            if (cell.id().equals("czhz")) {
                sleep(Duration.ofSeconds(5));
            }
            return true;
        }).interval(Duration.ofMillis(100)).failures(1).build();

        Optional<HealthMonitor.Proposal> proposal = monitor.probeOnce();

        assertThat(proposal).map(HealthMonitor.Proposal::failedCells).contains(List.of("czhz", "rz05"));
        assertThat(proposal).map(HealthMonitor.Proposal::event).contains(FailoverEvent.cityDown("sz"));
    }

    @Test
    void aProposalWithoutAPlanSaysWhyAndCannotBeConfirmed() {
        Cluster tight = new Cluster(TestRules.threeCitiesWith(
                "{ id: rz01, kind: RZONE, data-center: hz1, capacity: 100 }",
                "{ id: rz01, kind: RZONE, data-center: hz1, capacity: 20 }",
                "{ id: rz02, kind: RZONE, data-center: hz2, capacity: 100 }",
                "{ id: rz02, kind: RZONE, data-center: hz2, capacity: 20 }",
                "{ id: rz05, kind: RZONE, data-center: sz1, capacity: 100 }",
                "{ id: rz05, kind: RZONE, data-center: sz1, capacity: 20 }"), 10);
        try (HealthMonitor m = HealthMonitor.builder(tight.coordinator().build(), cell -> !cell.city().equals("sh"))
                .failures(1).build()) {
            HealthMonitor.Proposal proposal = m.probeOnce().orElseThrow();

            assertThat(proposal.planned()).isEmpty();
            assertThat(proposal.refusal()).startsWith("city-down:sh needs 40 shards of free capacity");
            assertThatThrownBy(() -> m.confirm(proposal.id())).hasMessageContaining("has no plan: city-down:sh needs");
        } finally {
            tight.close();
        }
    }

    @Test
    void theHeartbeatProbeCallsACellDownWhenNoneOfItsInstancesReportedRecently() {
        InMemoryRuleStore store = new InMemoryRuleStore(TestRules.threeCities());
        Instant now = Instant.parse("2026-01-01T12:00:00Z");
        store.reportApplied(new AppliedEpoch("rz01-a", "rz01", 42, "c", now.minusSeconds(10), now.minusSeconds(1)));
        store.reportApplied(new AppliedEpoch("rz02-a", "rz02", 42, "c", now.minusSeconds(10), now.minusSeconds(5)));
        HeartbeatProbe probe = new HeartbeatProbe(store, Duration.ofSeconds(3), Clock.fixed(now, java.time.ZoneOffset.UTC));

        assertThat(probe.isHealthy(cell("rz01"))).isTrue();
        assertThat(probe.isHealthy(cell("rz02"))).isFalse();
        assertThat(probe.isHealthy(cell("gz01"))).as("no instance ever reported").isTrue();
    }

    private static Cell cell(String id) {
        return TestRules.threeCities().topology().requireCell(id);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
