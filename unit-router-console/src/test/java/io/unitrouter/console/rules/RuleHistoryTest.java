package io.unitrouter.console.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.core.TestRules;
import io.unitrouter.core.failover.FailoverCoordinator;
import io.unitrouter.core.failover.FailoverEvent;
import io.unitrouter.core.failover.FailoverRun;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.store.InMemoryFailoverJournal;
import io.unitrouter.core.store.InMemoryRuleStore;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleHistoryTest {

    private final InMemoryRuleStore store = new InMemoryRuleStore(TestRules.threeCities());

    @Test
    void aFailoverRunFromTheJournalAddsItsFreezeEpochEvenWhenTheStoreWasNotWatched() {
        FailoverCoordinator coordinator = FailoverCoordinator.builder().ruleStore(store)
                .journal(new InMemoryFailoverJournal()).withoutFence().build();
        FailoverRun run = coordinator.execute(coordinator.plan(FailoverEvent.parse("drain:hz1")));
        RuleHistory history = new RuleHistory(new InMemoryRuleStore(TestRules.threeCities()), 10, null,
                Clock.systemUTC()).start();

        history.recordRun(run);

        assertThat(history.entries()).extracting(RuleHistory.Entry::epoch).containsExactly(42L, 43L, 44L);
        assertThat(history.at(43)).hasValueSatisfying(e -> assertThat(e.origin())
                .isEqualTo("journal " + run.id() + " (freeze)"));
        assertThat(history.at(43).orElseThrow().document().isFrozen(5)).isTrue();
    }

    @Test
    void everyDocumentTheStorePutsInForceIsKeptAndTheOldestGoFirst() {
        RuleHistory history = new RuleHistory(store, 3, null, Clock.systemUTC()).start();
        RuleDocument doc = store.load();

        for (int epoch = 43; epoch <= 46; epoch++) {
            store.compareAndSet(epoch - 1, doc.toBuilder().epoch(epoch).build());
        }

        assertThat(history.entries()).extracting(RuleHistory.Entry::epoch).containsExactly(44L, 45L, 46L);
        assertThat(history.entries()).extracting(RuleHistory.Entry::origin).containsOnly("rule store");
    }

    @Test
    void aRejectionIsKeptWithItsReasons() {
        RuleHistory history = new RuleHistory(store, 10, null, Clock.systemUTC()).start();

        store.publishText("epoch: 41\n");

        assertThat(history.rejections()).singleElement().satisfies(r -> assertThat(r.errors()).isNotEmpty());
    }

    @Test
    void aHistoryDirectoryKeepsTheEpochsAcrossARestart(@TempDir Path dir) {
        RuleHistory first = new RuleHistory(store, 10, dir, Clock.systemUTC()).start();
        store.compareAndSet(42, store.load().toBuilder().epoch(43).freeze("1").build());
        first.close();

        RuleHistory second = new RuleHistory(new InMemoryRuleStore(TestRules.threeCities()), 10, dir,
                Clock.systemUTC()).start();

        assertThat(second.entries()).extracting(RuleHistory.Entry::epoch).containsExactly(42L, 43L);
        assertThat(second.at(43).orElseThrow().document().isFrozen(1)).isTrue();
        assertThat(second.sources()).anyMatch(s -> s.contains(dir.toString()));
    }
}
