package io.unitrouter.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.unitrouter.core.failover.BarrierTimeoutException;
import io.unitrouter.core.failover.FailoverCoordinator;
import io.unitrouter.core.failover.FailoverEvent;
import io.unitrouter.core.spi.AppliedEpoch;
import io.unitrouter.core.store.InMemoryFailoverJournal;
import io.unitrouter.core.store.InMemoryRuleStore;
import io.unitrouter.spring.TestRules;
import io.unitrouter.spring.metrics.FailoverMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The unitrouter.failover.* metrics, recorded from a real coordinator run. */
class UnitRouterFailoverAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(UnitRouterFailoverAutoConfiguration.class));

    private static FailoverCoordinator coordinator(InMemoryRuleStore store, FailoverMetrics metrics) {
        return FailoverCoordinator.builder().ruleStore(store).journal(new InMemoryFailoverJournal()).withoutFence()
                .listener(metrics).barrierTimeout(Duration.ofMillis(200)).pollInterval(Duration.ofMillis(5))
                .build();
    }

    @Test
    void aRunRecordsEachPhaseTheBarriersAndItsOutcome() {
        runner.withUserConfiguration(Registry.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(FailoverMetrics.class);
            FailoverCoordinator coordinator = coordinator(new InMemoryRuleStore(TestRules.threeCities()),
                    context.getBean(FailoverMetrics.class));

            coordinator.execute(coordinator.plan(FailoverEvent.parse("drain:hz2")));

            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("unitrouter.failover.phase").tag("phase", "freeze").tag("event", "drain")
                    .tag("outcome", "done").timer().count()).isEqualTo(1);
            assertThat(registry.get("unitrouter.failover.phase").tag("phase", "fence").tag("outcome", "skipped")
                    .timer().count()).isEqualTo(1);
            assertThat(registry.get("unitrouter.failover.phase").timers()).hasSize(6);
            assertThat(registry.get("unitrouter.failover.barrier").tag("phase", "barrier").tag("reached", "true")
                    .timer().count()).isEqualTo(1);
            assertThat(registry.get("unitrouter.failover.barrier").tag("phase", "verify").timer()
                    .totalTime(TimeUnit.NANOSECONDS)).isNotNegative();
            assertThat(registry.get("unitrouter.failover.runs").tag("event", "drain").tag("outcome", "completed")
                    .counter().count()).isEqualTo(1);
        });
    }

    @Test
    void aRunThatStopsIsCountedAsStoppedAndItsFailedPhaseTimed() {
        runner.withUserConfiguration(Registry.class).run(context -> {
            InMemoryRuleStore store = new InMemoryRuleStore(TestRules.threeCities());
            store.reportApplied(new AppliedEpoch("stuck", "rz03", 42, "c", Instant.now().plusSeconds(60)));
            FailoverCoordinator coordinator = coordinator(store, context.getBean(FailoverMetrics.class));

            assertThatThrownBy(() -> coordinator.execute(coordinator.plan(FailoverEvent.parse("cell-down:rz01"))))
                    .isInstanceOf(BarrierTimeoutException.class);

            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("unitrouter.failover.runs").tag("event", "cell-down").tag("outcome", "stopped")
                    .counter().count()).isEqualTo(1);
            assertThat(registry.get("unitrouter.failover.phase").tag("phase", "barrier").tag("outcome", "failed")
                    .timer().count()).isEqualTo(1);
            assertThat(registry.get("unitrouter.failover.barrier").tag("reached", "false").timer().count())
                    .isEqualTo(1);
        });
    }

    @Test
    void noMetricsWithoutAMeterRegistry() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(FailoverMetrics.class));
    }

    @Test
    void noMetricsWithoutMicrometer() {
        runner.withClassLoader(new FilteredClassLoader("io.micrometer.core")).run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(FailoverMetrics.class));
    }

    @Test
    void noMetricsWhenUnitRouterIsDisabled() {
        runner.withPropertyValues("unit-router.enabled=false").withUserConfiguration(Registry.class)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(FailoverMetrics.class));
    }

    @Test
    void backsOffWhenTheApplicationDeclaresItsOwn() {
        runner.withUserConfiguration(Registry.class, Own.class).run(context ->
                assertThat(context.getBean(FailoverMetrics.class)).isSameAs(context.getBean("mine")));
    }

    @Configuration(proxyBeanMethods = false)
    static class Registry {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Own {
        @Bean
        FailoverMetrics mine(MeterRegistry registry) {
            return new FailoverMetrics(registry);
        }
    }
}
