package io.unitrouter.spring.autoconfigure;

import static io.unitrouter.nacos.NacosTestRules.next;
import static io.unitrouter.nacos.NacosTestRules.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.alibaba.nacos.api.config.ConfigService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.unitrouter.core.Access;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.spi.RuleStore;
import io.unitrouter.core.store.InMemoryRuleStore;
import io.unitrouter.nacos.InMemoryConfigService;
import io.unitrouter.nacos.NacosRuleStore;
import io.unitrouter.nacos.NacosTestRules;
import io.unitrouter.spring.actuate.UnitRouterEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class UnitRouterNacosAutoConfigurationTest {

    @TempDir
    Path snapshots;

    private final InMemoryConfigService nacos = new InMemoryConfigService();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(UnitRouterNacosAutoConfiguration.class,
                    UnitRouterAutoConfiguration.class));

    @AfterEach
    void shutDown() {
        nacos.shutDown();
    }

    private ApplicationContextRunner withNacos(String... properties) {
        return runner.withBean(ConfigService.class, () -> nacos)
                .withPropertyValues("unit-router.rules.nacos.snapshot-dir=" + snapshots)
                .withPropertyValues(properties);
    }

    /** The {@link UnitRouterConfigurationException} that stopped the context, which Boot's failure analyzer prints. */
    private static UnitRouterConfigurationException configurationFailure(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
            if (t instanceof UnitRouterConfigurationException failure) {
                return failure;
            }
        }
        throw new AssertionError("no UnitRouterConfigurationException in the chain", context.getStartupFailure());
    }

    @Test
    void aNacosLocationWithTheApplicationsConfigServiceGivesARouterFollowingNacos() throws Exception {
        nacos.publishConfig("rules.yaml", "UNIT_ROUTER", NacosTestRules.text(), "yaml");

        withNacos("unit-router.rules.location=nacos:rules.yaml", "unit-router.local-cell=rz01",
                "unit-router.instance-id=rz01-test-1", "unit-router.rules.nacos.server-addr=10.0.0.1:8848")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(ConfigService.class)
                            .doesNotHaveBean("unitRouterNacosConfigService");
                    RuleStore store = context.getBean(RuleStore.class);
                    assertThat(store).isInstanceOf(NacosRuleStore.class);
                    assertThat(store.name()).isEqualTo("nacos:rules.yaml (group UNIT_ROUTER, server 10.0.0.1:8848)");
                    assertThat(((NacosRuleStore) store).snapshotFile())
                            .isEqualTo(snapshots.resolve("UNIT_ROUTER@rules.yaml.yaml"));
                    UnitRouter router = context.getBean(UnitRouter.class);
                    assertThat(router.table().epoch()).isEqualTo(42);
                    assertThat(router.localCell()).hasValueSatisfying(c -> assertThat(c.id()).isEqualTo("rz01"));
                    assertThat(router.route("2088000037", Access.WRITE).cell()).isEqualTo("rz02");
                    assertThat(router.route("2088000005", Access.WRITE).local()).isTrue();
                    assertThat(store.appliedEpochs()).containsOnlyKeys("rz01-test-1");

                    nacos.publishConfig("rules.yaml", "UNIT_ROUTER",
                            yaml(next(NacosTestRules.threeCities(), 43, 37, "rz05")), "yaml");

                    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                        assertThat(router.table().epoch()).isEqualTo(43);
                        assertThat(store.appliedEpochs().get("rz01-test-1").epoch()).isEqualTo(43);
                    });
                    assertThat(router.route("2088000037", Access.WRITE).cell()).isEqualTo("rz05");
                });
        assertThat(nacos.listenerCount("rules.yaml", "UNIT_ROUTER")).isZero();
    }

    @Test
    void aRejectionAtStartUpOnTheLastGoodCopyShowedNeitherInTheEndpointNorInTheRejectionsCounter() throws Exception {
        Files.writeString(snapshots.resolve("UNIT_ROUTER@rules.yaml.yaml"), NacosTestRules.text());
        nacos.publishConfig("rules.yaml", "UNIT_ROUTER", "epoch: not-a-number", "yaml");

        withNacos("unit-router.rules.location=nacos:rules.yaml", "unit-router.instance-id=rz01-test-1")
                .withConfiguration(AutoConfigurations.of(UnitRouterObservabilityAutoConfiguration.class))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("management.endpoints.web.exposure.include=unitrouter")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(UnitRouter.class).table().epoch()).isEqualTo(42);
                    Object rejection = context.getBean(UnitRouterEndpoint.class).state().get("lastRejection");
                    assertThat(rejection).asString().contains("not-a-number");
                    assertThat(context.getBean(MeterRegistry.class).get("unitrouter.rules.rejections").counter()
                            .count()).isEqualTo(1);
                });
    }

    @Test
    void theGroupComesFromTheProperties() throws Exception {
        nacos.publishConfig("rules.yaml", "BANK_A", NacosTestRules.text(), "yaml");

        withNacos("unit-router.rules.location=nacos: rules.yaml ", "unit-router.rules.nacos.group=BANK_A")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    NacosRuleStore store = context.getBean(NacosRuleStore.class);
                    assertThat(store.dataId()).isEqualTo("rules.yaml");
                    assertThat(store.group()).isEqualTo("BANK_A");
                    assertThat(context.getBean(UnitRouter.class).table().epoch()).isEqualTo(42);
                });
    }

    @Test
    void aClasspathLocationLeavesTheNacosConfigurationOff() {
        withNacos("unit-router.rules.location=classpath:" + NacosTestRules.RESOURCE).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(UnitRouterNacosAutoConfiguration.class)
                    .doesNotHaveBean(NacosRuleStore.class).doesNotHaveBean("unitRouterNacosConfigService");
            assertThat(context.getBean(RuleStore.class).name()).isEqualTo("memory");
            assertThat(context.getBean(UnitRouter.class).route("2088000037", Access.WRITE).cell()).isEqualTo("rz02");
        });
        assertThat(nacos.calls()).isEmpty();
    }

    @Test
    void aNacosLocationWithoutADataIdFailsNamingTheProperty() {
        withNacos("unit-router.rules.location=nacos:").run(context -> {
            UnitRouterConfigurationException failure = configurationFailure(context);
            assertThat(failure).hasMessage("unit-router.rules.location: 'nacos:' names no data id");
            assertThat(failure.property()).isEqualTo("unit-router.rules.location");
            assertThat(failure.action()).contains("unit-router.rules.location=nacos:");
        });
    }

    @Test
    void aDataIdNacosDoesNotAllowFailsNamingTheProperty() {
        withNacos("unit-router.rules.location=nacos:rules/prod.yaml").run(context -> assertThat(
                configurationFailure(context))
                .hasMessageStartingWith("unit-router.rules.location: 'nacos:rules/prod.yaml': the Nacos data id")
                .hasMessageContaining("contains '/'"));
    }

    @Test
    void aBadGroupOrTimeoutFailsNamingItsProperty() {
        withNacos("unit-router.rules.location=nacos:rules.yaml", "unit-router.rules.nacos.group=UNIT ROUTER")
                .run(context -> assertThat(configurationFailure(context))
                        .hasMessageStartingWith("unit-router.rules.nacos.group: "));
        withNacos("unit-router.rules.location=nacos:rules.yaml", "unit-router.rules.nacos.timeout=0s")
                .run(context -> assertThat(configurationFailure(context))
                        .hasMessageStartingWith("unit-router.rules.nacos.timeout: "));
    }

    @Test
    void anUnreachableServerWithoutASnapshotFailsTheStartNamingTheDataIdAndServer() {
        nacos.serverDown();

        withNacos("unit-router.rules.location=nacos:rules.yaml", "unit-router.rules.nacos.server-addr=10.0.0.1:8848")
                .run(context -> assertThat(configurationFailure(context))
                        .hasMessageContaining("unit-router.rules.location: no valid rules: nacos:rules.yaml")
                        .hasMessageContaining("cannot read data id rules.yaml in group UNIT_ROUTER from Nacos server"
                                + " 10.0.0.1:8848")
                        .hasMessageContaining("no local snapshot"));
    }

    @Test
    void withoutTheNacosClientANacosLocationFailsAskingForTheNacosModule() {
        assertNacosModuleAskedFor(new FilteredClassLoader(ConfigService.class));
    }

    @Test
    void withTheNacosClientButWithoutTheNacosModuleANacosLocationFailsAskingForIt() {
        assertNacosModuleAskedFor(new FilteredClassLoader(NacosRuleStore.class));
    }

    private void assertNacosModuleAskedFor(FilteredClassLoader classLoader) {
        runner.withClassLoader(classLoader)
                .withPropertyValues("unit-router.rules.location=nacos:rules.yaml")
                .run(context -> {
                    UnitRouterConfigurationException failure = configurationFailure(context);
                    assertThat(failure).hasMessage("unit-router.rules.location: 'nacos:rules.yaml' needs the Nacos"
                            + " rule store");
                    assertThat(failure.action()).contains("io.unitrouter:unit-router-nacos");
                });
    }

    @Test
    void anApplicationRuleStoreWinsOverTheNacosOne() {
        RuleStore own = new InMemoryRuleStore(NacosTestRules.threeCities());

        withNacos("unit-router.rules.location=nacos:rules.yaml").withBean(RuleStore.class, () -> own)
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(NacosRuleStore.class);
                    assertThat(context.getBean(RuleStore.class)).isSameAs(own);
                });
        assertThat(nacos.listenerCount("rules.yaml", "UNIT_ROUTER")).isZero();
    }
}
