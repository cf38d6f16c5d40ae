package io.unitrouter.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.unitrouter.boot.metrics.UnitRouterMetrics;
import io.unitrouter.spring.TestRules;
import io.unitrouter.spring.autoconfigure.UnitRouterAutoConfiguration;
import io.unitrouter.spring.autoconfigure.UnitRouterObservabilityAutoConfiguration;
import io.unitrouter.spring.metrics.RuleMetrics;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A cell's traffic meters beside the shared rule meters. */
class UnitRouterMetricsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(UnitRouterAutoConfiguration.class,
                    UnitRouterObservabilityAutoConfiguration.class, UnitRouterMetricsAutoConfiguration.class))
            .withPropertyValues("unit-router.rules.location=" + TestRules.LOCATION, "unit-router.local-cell=rz01",
                    "unit-router.heartbeat=0");

    @Test
    void aCellWithAMeterRegistryGetsTrafficAndRuleMetrics() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> assertThat(context)
                .hasNotFailed().hasSingleBean(UnitRouterMetrics.class).hasSingleBean(RuleMetrics.class));
    }

    @Test
    void noTrafficMetricsWithoutAMeterRegistry() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(UnitRouterMetrics.class));
    }

    @Test
    void noTrafficMetricsWithoutMicrometer() {
        runner.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(UnitRouterMetrics.class));
    }

    @Test
    void backsOffWhenTheApplicationDeclaresItsOwnTrafficMetrics() {
        UnitRouterMetrics own = new UnitRouterMetrics(new SimpleMeterRegistry());
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).withBean(UnitRouterMetrics.class, () -> own)
                .run(context -> assertThat(context.getBean(UnitRouterMetrics.class)).isSameAs(own));
    }
}
