package io.unitrouter.console.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.alibaba.nacos.api.config.ConfigService;
import io.unitrouter.console.ConsoleFixture;
import io.unitrouter.console.failover.AuditLog;
import io.unitrouter.console.failover.FailoverSetup;
import io.unitrouter.console.rules.RuleHistory;
import io.unitrouter.core.ShardRange;
import io.unitrouter.core.failover.spi.Fence;
import io.unitrouter.core.spi.RuleStore;
import io.unitrouter.core.store.FileRuleStore;
import io.unitrouter.nacos.NacosRuleStore;
import io.unitrouter.spring.autoconfigure.UnitRouterNacosAutoConfiguration;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ConsoleAutoConfigurationTest {

    private final Path rules = ConsoleFixture.rulesFile();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(UnitRouterNacosAutoConfiguration.class,
                    ConsoleStoreAutoConfiguration.class, ConsoleAutoConfiguration.class))
            .withPropertyValues("unit-router.rules.location=file:" + rules);

    @Test
    void aFileLocationGivesAFileStoreWithItsJournalBesideTheRuleFile() {
        runner.withPropertyValues("unit-router.console.failover.without-fence=true").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(RuleStore.class)).isInstanceOf(FileRuleStore.class);
            FailoverSetup setup = context.getBean(FailoverSetup.class);
            assertThat(setup.journalName()).hasValue("file:" + rules + ".failover");
            assertThat(setup.disabledReason()).isEmpty();
            assertThat(context.getBean(AuditLog.class).location()).isEqualTo(rules + ".audit");
            assertThat(context.getBean(RuleHistory.class).entries()).extracting(RuleHistory.Entry::epoch)
                    .containsExactly(42L);
        });
    }

    @Test
    void withoutAFenceOrTheChoiceToRunWithoutOneTheConsoleDoesNotExecute() {
        runner.run(context -> assertThat(context.getBean(FailoverSetup.class).disabledReason()).hasValueSatisfying(
                reason -> assertThat(reason).contains("provide a Fence bean")
                        .contains("unit-router.console.failover.without-fence=true")));
    }

    @Test
    void aFenceBeanIsTheFenceTheCoordinatorsBump() {
        runner.withBean(Fence.class, () -> new Fence() {
            @Override
            public String name() {
                return "test fence";
            }

            @Override
            public void bump(List<ShardRange> shards, String owner, long epoch) {
            }
        }).run(context -> {
            FailoverSetup setup = context.getBean(FailoverSetup.class);
            assertThat(setup.fenceName()).isEqualTo("test fence");
            assertThat(setup.disabledReason()).isEmpty();
            assertThat(setup.canExclude()).isTrue();
        });
    }

    @Test
    void aLocationTheConsoleCannotPublishToStopsItWithTheProperty() {
        runner.withPropertyValues("unit-router.rules.location=classpath:unit-router/rules.yaml").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("unit-router.rules.location:")
                        .hasMessageContaining("is not a location the console can publish to"));
    }

    @Test
    void aRuleFileInADirectoryThatDoesNotExistStopsIt(@TempDir Path dir) {
        runner.withPropertyValues("unit-router.rules.location=file:" + dir.resolve("nowhere/rules.yaml")).run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("does not exist"));
    }

    @Test
    void aNacosLocationUsesTheStartersNacosStoreAndItsJournalBesideTheDocument(@TempDir Path snapshots) {
        runner.withBean(ConfigService.class, () -> mock(ConfigService.class))
                .withPropertyValues("unit-router.rules.location=nacos:rules.yaml",
                        "unit-router.rules.nacos.snapshot-dir=" + snapshots,
                        "unit-router.console.failover.without-fence=true")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(RuleStore.class)).isInstanceOf(NacosRuleStore.class);
                    FailoverSetup setup = context.getBean(FailoverSetup.class);
                    assertThat(setup.journalName()).hasValue("nacos:rules.yaml.failover (group UNIT_ROUTER)");
                    assertThat(setup.disabledReason()).isEmpty();
                });
    }

    @Test
    void aJournalFileMakesFailoverPossibleOnAnyStore(@TempDir Path dir) {
        runner.withPropertyValues("unit-router.console.failover.journal-file=" + dir.resolve("journal.yaml"),
                "unit-router.console.failover.without-fence=true").run(context ->
                assertThat(context.getBean(FailoverSetup.class).journalName())
                        .hasValue("file:" + dir.resolve("journal.yaml")));
    }
}
