package io.unitrouter.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.spring.TestRules;
import io.unitrouter.spring.actuate.UnitRouterEndpoint;
import io.unitrouter.spring.metrics.RuleMetrics;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The unitrouter.* metrics and the unitrouter actuator endpoint. */
class UnitRouterObservabilityAutoConfigurationTest {

    private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(UnitRouterAutoConfiguration.class,
                    UnitRouterObservabilityAutoConfiguration.class))
            .withPropertyValues("unit-router.rules.location=" + TestRules.LOCATION,
                    "unit-router.instance-id=observability-test", "unit-router.local-cell=rz01")
            // As in a SpringApplication: lenient enum conversion, e.g. "none" for Access.NONE.
            .withInitializer(context -> context.getEnvironment().setConversionService(
                    new ApplicationConversionService()));

    @Test
    void metricsArePublishedWhenThereIsAMeterRegistry() {
        runner.withUserConfiguration(Registry.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(RuleMetrics.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("unitrouter.rules.epoch").gauge().value()).isEqualTo(42.0);
            assertThat(registry.get("unitrouter.rules.reloads").counter().count()).isZero();
        });
    }

    @Test
    void noMetricsWithoutAMeterRegistry() {
        runner.run(context -> assertThat(context).hasNotFailed().hasSingleBean(UnitRouter.class)
                .doesNotHaveBean(RuleMetrics.class));
    }

    @Test
    void noMetricsWithoutMicrometer() {
        runner.withClassLoader(new FilteredClassLoader("io.micrometer.core")).run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(RuleMetrics.class));
    }

    @Test
    void noMetricsWhenUnitRouterIsDisabled() {
        runner.withPropertyValues("unit-router.enabled=false").withUserConfiguration(Registry.class)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(RuleMetrics.class));
    }

    @Test
    void backsOffWhenTheApplicationDeclaresItsOwnMetrics() {
        runner.withUserConfiguration(Registry.class, OwnMetrics.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(RuleMetrics.class);
            assertThat(context.getBean(RuleMetrics.class)).isSameAs(context.getBean("myMetrics"));
        });
    }

    @Test
    void endpointIsAbsentUntilExposed() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(UnitRouterEndpoint.class));
    }

    @Test
    void endpointIsPresentWhenExposedOverHttp() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=unitrouter").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(UnitRouterEndpoint.class);
            assertThat(context.getBean(UnitRouterEndpoint.class).state()).containsEntry("localCell", "rz01")
                    .containsEntry("epoch", 42L).containsEntry("activeGZone", "gz01");
        });
    }

    @Test
    void endpointIsPresentWhenEveryEndpointIsExposed() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=*").run(context ->
                assertThat(context).hasNotFailed().hasSingleBean(UnitRouterEndpoint.class));
    }

    @Test
    void endpointIsAbsentWhenExposedButAccessIsNone() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=unitrouter",
                "management.endpoint.unitrouter.access=none").run(context ->
                        assertThat(context).hasNotFailed().doesNotHaveBean(UnitRouterEndpoint.class));
    }

    @Test
    void endpointIsAbsentWhenExcluded() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=*",
                "management.endpoints.web.exposure.exclude=unitrouter").run(context ->
                        assertThat(context).hasNotFailed().doesNotHaveBean(UnitRouterEndpoint.class));
    }

    @Test
    void endpointIsAbsentWhenUnitRouterIsDisabled() {
        runner.withPropertyValues("unit-router.enabled=false", "management.endpoints.web.exposure.include=unitrouter")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(UnitRouterEndpoint.class));
    }

    @Test
    void backsOffWhenTheApplicationDeclaresItsOwnEndpoint() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=unitrouter")
                .withUserConfiguration(OwnEndpoint.class).run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(UnitRouterEndpoint.class);
                    assertThat(context.getBean(UnitRouterEndpoint.class)).isSameAs(context.getBean("myEndpoint"));
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class Registry {
        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnMetrics {
        @Bean
        RuleMetrics myMetrics(MeterRegistry registry, UnitRouter router) {
            return new RuleMetrics(registry, router, null);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnEndpoint {
        @Bean
        UnitRouterEndpoint myEndpoint(UnitRouter router) {
            return new UnitRouterEndpoint(router);
        }
    }
}
