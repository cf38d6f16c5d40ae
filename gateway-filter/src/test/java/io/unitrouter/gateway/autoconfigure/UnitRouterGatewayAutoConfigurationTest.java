package io.unitrouter.gateway.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.unitrouter.core.Scope;
import io.unitrouter.core.key.KeyExtractor;
import io.unitrouter.gateway.GatewayMetrics;
import io.unitrouter.gateway.GatewayRouting;
import io.unitrouter.gateway.MicrometerGatewayMetrics;
import io.unitrouter.gateway.RoutingHeaderStripWebFilter;
import io.unitrouter.gateway.UnitRouteGatewayFilterFactory;
import io.unitrouter.gateway.UnitRouteGlobalFilter;
import io.unitrouter.gateway.UnitRoutePolicies;
import io.unitrouter.spring.autoconfigure.UnitRouterAutoConfiguration;
import io.unitrouter.spring.autoconfigure.UnitRouterConfigurationException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.cloud.gateway.filter.GlobalFilter;

class UnitRouterGatewayAutoConfigurationTest {

    private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(UnitRouterAutoConfiguration.class,
                    UnitRouterGatewayAutoConfiguration.class))
            .withPropertyValues("unit-router.rules.location=classpath:rules/three-cities.yaml");

    @Test
    void aGatewayGetsTheStripFilterAndTheUnitRouteFilterFactoryButNoGlobalFilterByDefault() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(RoutingHeaderStripWebFilter.class)
                    .hasSingleBean(UnitRouteGatewayFilterFactory.class).hasSingleBean(GatewayRouting.class)
                    .doesNotHaveBean(UnitRouteGlobalFilter.class);
            assertThat(context.getBean(GatewayMetrics.class)).isSameAs(GatewayMetrics.NONE);
        });
    }

    @Test
    void theGlobalFilterIsSwitchedOnByProperty() {
        runner.withPropertyValues("unit-router.gateway.global.enabled=true").run(context ->
                assertThat(context).hasSingleBean(UnitRouteGlobalFilter.class));
    }

    @Test
    void metricsGoToTheMeterRegistryWhenThereIsOne() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context ->
                assertThat(context.getBean(GatewayMetrics.class)).isInstanceOf(MicrometerGatewayMetrics.class));
    }

    @Test
    void applicationBeansReplaceTheDefaults() {
        GatewayMetrics own = GatewayMetrics.NONE;
        runner.withBean("ownMetrics", GatewayMetrics.class, () -> own).run(context ->
                assertThat(context).getBean(GatewayMetrics.class).isSameAs(own));
    }

    @Test
    void keyExtractorBeansAreTheFirstDefaultSources() {
        runner.withBean("sessionKey", KeyExtractor.class, () -> request -> null).run(context ->
                assertThat(context.getBean(UnitRoutePolicies.class).gatewayDefault(Scope.UNIT).keySources())
                        .containsExactly("bean:sessionKey", "header:X-User-Id"));
    }

    @Test
    void theGatewayIntegrationCanBeTurnedOff() {
        runner.withPropertyValues("unit-router.gateway.enabled=false").run(context ->
                assertThat(context).doesNotHaveBean(UnitRouteGatewayFilterFactory.class)
                        .doesNotHaveBean(RoutingHeaderStripWebFilter.class));
    }

    @Test
    void withoutSpringCloudGatewayNothingIsConfigured() {
        runner.withClassLoader(new FilteredClassLoader(GlobalFilter.class)).run(context ->
                assertThat(context).doesNotHaveBean(UnitRouteGatewayFilterFactory.class));
    }

    @Test
    void anInvalidGatewaySettingStopsTheStartNamingTheProperty() {
        runner.withPropertyValues("unit-router.gateway.key-sources=header").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining(
                    "routing-key source 'header' is not of the form type:name");
            assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(
                    io.unitrouter.core.UnitRouterException.class);
            Throwable failure = context.getStartupFailure();
            while (failure != null && !(failure instanceof UnitRouterConfigurationException)) {
                failure = failure.getCause();
            }
            assertThat(failure).isInstanceOf(UnitRouterConfigurationException.class)
                    .hasMessageStartingWith("unit-router.gateway:");
        });
    }

    @Test
    void cityPathsWithoutACityStopTheStart() {
        runner.withPropertyValues("unit-router.gateway.global.enabled=true",
                "unit-router.gateway.global.city-paths=/branches/**").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining(
                            "scope CITY needs the caller's city");
                });
    }
}
