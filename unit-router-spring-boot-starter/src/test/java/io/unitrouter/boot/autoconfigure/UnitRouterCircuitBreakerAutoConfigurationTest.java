package io.unitrouter.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.unitrouter.boot.circuitbreaker.CellCircuitBreakers;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.spring.TestRules;
import io.unitrouter.spring.autoconfigure.UnitRouterAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Circuit breakers per target cell, from Resilience4j. */
class UnitRouterCircuitBreakerAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(UnitRouterAutoConfiguration.class,
                    UnitRouterCircuitBreakerAutoConfiguration.class))
            .withPropertyValues("unit-router.rules.location=" + TestRules.LOCATION,
                    "unit-router.instance-id=breaker-test");

    @Test
    void breakersPerCellArePresentByDefault() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(CellCircuitBreakers.class);
            assertThat(context.getBean(CellCircuitBreakers.class).of("rz01").getName()).isEqualTo("unit-router-rz01");
        });
    }

    @Test
    void breakersLiveInTheApplicationsRegistry() {
        runner.withUserConfiguration(OwnRegistry.class).run(context -> {
            CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
            context.getBean(CellCircuitBreakers.class).of("rz02");
            assertThat(registry.find("unit-router-rz02")).isPresent();
        });
    }

    @Test
    void breakersLiveInSpringCloudsResilience4jRegistryWhenItsFactoryIsPresent() {
        runner.withUserConfiguration(SpringCloudFactory.class).run(context -> {
            Resilience4JCircuitBreakerFactory factory = context.getBean(Resilience4JCircuitBreakerFactory.class);
            context.getBean(CellCircuitBreakers.class).of("rz03");
            assertThat(factory.getCircuitBreakerRegistry().find("unit-router-rz03")).isPresent();
        });
    }

    @Test
    void noBreakersWhenDisabled() {
        runner.withPropertyValues("unit-router.circuitbreaker.enabled=false").run(context ->
                assertThat(context).hasNotFailed().hasSingleBean(UnitRouter.class)
                        .doesNotHaveBean(CellCircuitBreakers.class));
    }

    @Test
    void noBreakersWhenUnitRouterIsDisabled() {
        runner.withPropertyValues("unit-router.enabled=false").run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(CellCircuitBreakers.class));
    }

    @Test
    void noBreakersWithoutResilience4j() {
        runner.withClassLoader(new FilteredClassLoader("io.github.resilience4j")).run(context ->
                assertThat(context).hasNotFailed().hasSingleBean(UnitRouter.class)
                        .doesNotHaveBean(CellCircuitBreakers.class));
    }

    @Test
    void noBreakersWithoutSpringCloudCircuitBreaker() {
        runner.withClassLoader(new FilteredClassLoader(Resilience4JCircuitBreakerFactory.class)).run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(CellCircuitBreakers.class));
    }

    @Test
    void backsOffWhenTheApplicationDeclaresItsOwnBreakers() {
        runner.withUserConfiguration(OwnBreakers.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(CellCircuitBreakers.class);
            assertThat(context.getBean(CellCircuitBreakers.class)).isSameAs(context.getBean("myBreakers"));
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnRegistry {
        @Bean
        CircuitBreakerRegistry circuitBreakerRegistry() {
            return CircuitBreakerRegistry.ofDefaults();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class SpringCloudFactory {
        @Bean
        Resilience4JCircuitBreakerFactory resilience4JCircuitBreakerFactory() {
            return new Resilience4JCircuitBreakerFactory(CircuitBreakerRegistry.ofDefaults(),
                    io.github.resilience4j.timelimiter.TimeLimiterRegistry.ofDefaults(), null);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBreakers {
        @Bean
        CellCircuitBreakers myBreakers() {
            return new CellCircuitBreakers(CircuitBreakerRegistry.ofDefaults());
        }
    }
}
