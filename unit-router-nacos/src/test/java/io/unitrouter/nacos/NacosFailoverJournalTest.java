package io.unitrouter.nacos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrouter.core.failover.FailoverCoordinator;
import io.unitrouter.core.failover.FailoverEvent;
import io.unitrouter.core.failover.FailoverRun;
import io.unitrouter.core.failover.RunStatus;
import io.unitrouter.core.spi.RuleStoreException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NacosFailoverJournalTest {

    @TempDir
    Path snapshots;

    private final InMemoryConfigService nacos = new InMemoryConfigService();

    @AfterEach
    void shutDown() {
        nacos.shutDown();
    }

    private NacosRuleStore store() throws Exception {
        nacos.publishConfig("rules.yaml", NacosRuleStore.DEFAULT_GROUP, NacosTestRules.text(), "yaml");
        return NacosRuleStore.builder(nacos, "rules.yaml").snapshotDirectory(snapshots).build();
    }

    @Test
    void theJournalIsAConfigBesideTheDocumentReplacedOnlyFromTheTextRead() throws Exception {
        NacosFailoverJournal journal = NacosFailoverJournal.beside(nacos, store());

        assertThat(journal.dataId()).isEqualTo("rules.yaml.failover");
        assertThat(journal.read()).isEmpty();
        assertThat(journal.replace(null, "one")).isTrue();
        assertThat(journal.replace(null, "two")).as("someone wrote it since").isFalse();
        assertThat(journal.replace("other", "two")).isFalse();
        assertThat(journal.replace("one", "two")).isTrue();
        assertThat(journal.read()).contains("two");
        assertThat(nacos.content("rules.yaml.failover", NacosRuleStore.DEFAULT_GROUP)).isEqualTo("two");
    }

    @Test
    void aCoordinatorRunsAFailoverOnNacos() throws Exception {
        try (NacosRuleStore store = store()) {
            FailoverCoordinator coordinator = FailoverCoordinator.builder().ruleStore(store)
                    .journal(NacosFailoverJournal.beside(nacos, store)).withoutFence()
                    .pollInterval(Duration.ofMillis(5)).build();

            FailoverRun run = coordinator.execute(coordinator.plan(FailoverEvent.parse("drain:hz2")));

            assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(store.load().epoch()).isEqualTo(44);
            assertThat(nacos.content("rules.yaml.failover", NacosRuleStore.DEFAULT_GROUP)).contains("status: COMPLETED");
            assertThat(coordinator.history()).singleElement().extracting(FailoverRun::id).isEqualTo(run.id());
        }
    }

    @Test
    void aServerThatIsDownIsAnErrorNotALostCompareAndSet() throws Exception {
        NacosFailoverJournal journal = NacosFailoverJournal.beside(nacos, store());
        nacos.serverDown();

        assertThatThrownBy(() -> journal.replace(null, "one")).isInstanceOf(RuleStoreException.class)
                .hasMessageContaining("the Nacos client reports the server as DOWN");
        assertThatThrownBy(journal::read).isInstanceOf(RuleStoreException.class);
    }
}
