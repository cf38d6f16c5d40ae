package io.unitrouter.console.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.unitrouter.core.TestRules;
import io.unitrouter.core.failover.FailoverCoordinator;
import io.unitrouter.core.failover.FailoverEvent;
import io.unitrouter.core.failover.FailoverRun;
import io.unitrouter.core.failover.Liveness;
import io.unitrouter.core.failover.spi.ReplicationProbe;
import io.unitrouter.core.store.InMemoryFailoverJournal;
import io.unitrouter.core.store.InMemoryRuleStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FailoverActionsTest {

    private final InMemoryRuleStore store = new InMemoryRuleStore(TestRules.threeCities());
    private final AuditLog audit = new AuditLog(null, Clock.systemUTC());
    private final FailoverSetup setup = new FailoverSetup(store, new InMemoryFailoverJournal(), null, true,
            ReplicationProbe.none(), Liveness.defaults(), Duration.ofSeconds(5), Duration.ofSeconds(5));
    private final FailoverActions actions = new FailoverActions(setup, audit);

    @AfterEach
    void close() {
        actions.close();
    }

    @Test
    void anExecutedRunCarriesTheOperatorsNameIntoTheJournalAndTheAudit() {
        String checksum = setup.plan(FailoverEvent.parse("drain:hz1")).checksum();

        ActionResult result = actions.execute("alice", FailoverEvent.parse("drain:hz1"), checksum);

        FailoverCoordinator reader = setup.reader().orElseThrow();
        await().atMost(Duration.ofSeconds(20)).until(() -> reader.history().size() == 1);
        FailoverRun run = reader.history().get(0);
        assertThat(run.id()).isEqualTo(result.runId());
        assertThat(run.operator()).isEqualTo("alice");
        assertThat(store.load().epoch()).isEqualTo(44);
        await().atMost(Duration.ofSeconds(20)).until(() -> audit.entries().size() == 2);
        assertThat(audit.entries()).extracting(e -> e.operator() + " " + e.action() + " " + e.outcome())
                .containsExactly("alice execute requested", "alice execute completed");
    }

    @Test
    void aChecksumThatIsNotThePlanNowIsRefusedAndAudited() {
        assertThatThrownBy(() -> actions.execute("alice", FailoverEvent.parse("drain:hz1"), "0123456789abcdef"))
                .isInstanceOf(PlanChangedException.class);

        assertThat(store.load().epoch()).isEqualTo(42);
        assertThat(audit.entries()).singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo("refused"));
    }

    @Test
    void aConsoleWithoutAFenceChoiceRefusesToExecuteAndSaysWhatToConfigure() {
        FailoverSetup unfenced = new FailoverSetup(store, new InMemoryFailoverJournal(), null, false,
                ReplicationProbe.none(), Liveness.defaults(), Duration.ofSeconds(5), Duration.ofSeconds(5));
        FailoverActions refusing = new FailoverActions(unfenced, audit);

        assertThatThrownBy(() -> refusing.resume("alice", List.of()))
                .isInstanceOf(FailoverDisabledException.class).hasMessageContaining("without-fence=true");
        assertThat(unfenced.reader()).isPresent();
        refusing.close();
    }
}
