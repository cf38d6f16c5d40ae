package io.unitrouter.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.boot.reactive.RoutingContextWebFilter;
import io.unitrouter.boot.web.InboundGuard;
import io.unitrouter.spring.TestRules;
import io.unitrouter.spring.autoconfigure.ProtectionMode;
import io.unitrouter.spring.autoconfigure.UnitRouterAutoConfiguration;
import io.unitrouter.spring.autoconfigure.UnitRouterConfigurationException;
import io.unitrouter.spring.autoconfigure.UnitRouterProperties;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/** Inbound protection for WebFlux: only in a reactive web application, and only in a cell. */
class UnitRouterWebFluxAutoConfigurationTest {

    private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(WebFluxAutoConfiguration.class,
            UnitRouterAutoConfiguration.class, UnitRouterKeyAutoConfiguration.class, UnitRouterWebFluxAutoConfiguration.class);
    private static final String[] PROPERTIES = {"unit-router.rules.location=" + TestRules.LOCATION,
        "unit-router.instance-id=webflux-test"};

    private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
            .withConfiguration(CONFIGURATIONS).withPropertyValues(PROPERTIES);

    @Test
    void cellGetsTheGuardAndTheWebFilter() {
        runner.withPropertyValues("unit-router.local-cell=rz01", "unit-router.protection.mode=observe")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(InboundGuard.class)
                            .hasSingleBean(RoutingContextWebFilter.class);
                    assertThat(context.getBean(InboundGuard.class).mode()).isEqualTo(ProtectionMode.OBSERVE);
                    assertThat(context.getBean(RoutingContextWebFilter.class).getOrder())
                            .isEqualTo(RoutingContextWebFilter.ORDER);
                });
    }

    @Test
    void forwardModeWithoutTheServiceNameFailsNamingWhatIsMissing() {
        runner.withPropertyValues("unit-router.local-cell=rz01", "unit-router.protection.mode=forward")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(UnitRouterConfigurationException.class)
                        .hasMessageContaining("spring.application.name is not set"));
    }

    @Test
    void blankLocalCellMeansNoInboundProtection() {
        runner.withPropertyValues("unit-router.local-cell=  ").run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(InboundGuard.class).doesNotHaveBean(RoutingContextWebFilter.class));
    }

    @Test
    void noInboundProtectionWithoutALocalCell() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(InboundGuard.class)
                .doesNotHaveBean(RoutingContextWebFilter.class));
    }

    @Test
    void noInboundProtectionWhenUnitRouterIsDisabled() {
        runner.withPropertyValues("unit-router.local-cell=rz01", "unit-router.enabled=false").run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(InboundGuard.class)
                        .doesNotHaveBean(RoutingContextWebFilter.class));
    }

    @Test
    void noInboundProtectionWithoutWebFlux() {
        runner.withPropertyValues("unit-router.local-cell=rz01")
                .withClassLoader(new FilteredClassLoader(DispatcherHandler.class)).run(context ->
                        assertThat(context).hasNotFailed().doesNotHaveBean(RoutingContextWebFilter.class)
                                .doesNotHaveBean(InboundGuard.class));
    }

    @Test
    void noWebFilterInAServletApplication() {
        new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS).withPropertyValues(PROPERTIES)
                .withPropertyValues("unit-router.local-cell=rz01").run(context ->
                        assertThat(context).hasNotFailed().doesNotHaveBean(RoutingContextWebFilter.class)
                                .doesNotHaveBean(InboundGuard.class));
    }

    @Test
    void noWebFilterOutsideAWebApplication() {
        new ApplicationContextRunner().withConfiguration(CONFIGURATIONS).withPropertyValues(PROPERTIES)
                .withPropertyValues("unit-router.local-cell=rz01").run(context ->
                        assertThat(context).hasNotFailed().doesNotHaveBean(RoutingContextWebFilter.class)
                                .doesNotHaveBean(InboundGuard.class));
    }

    @Test
    void backsOffWhenTheApplicationDeclaresItsOwnGuard() {
        runner.withPropertyValues("unit-router.local-cell=rz01").withUserConfiguration(OwnGuard.class)
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(InboundGuard.class)
                            .hasSingleBean(RoutingContextWebFilter.class);
                    assertThat(context.getBean(InboundGuard.class)).isSameAs(context.getBean("myGuard"));
                });
    }

    @Test
    void backsOffWhenTheApplicationDeclaresItsOwnWebFilter() {
        runner.withPropertyValues("unit-router.local-cell=rz01").withUserConfiguration(OwnWebFilter.class)
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(RoutingContextWebFilter.class);
                    assertThat(context.getBean(RoutingContextWebFilter.class))
                            .isSameAs(context.getBean("myWebFilter"));
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnGuard {
        @Bean
        InboundGuard myGuard() {
            return new InboundGuard(TestRules.router("rz02"), new UnitRouterProperties.Protection(), "mine",
                    List.of());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnWebFilter {
        @Bean
        RoutingContextWebFilter myWebFilter(InboundGuard guard, RequestMappingHandlerMapping requestMappingHandlerMapping,
                ServerCodecConfigurer codecs, io.unitrouter.boot.web.RoutingKeyResolver resolver) {
            return new RoutingContextWebFilter(resolver, guard, requestMappingHandlerMapping, codecs, null);
        }
    }
}
