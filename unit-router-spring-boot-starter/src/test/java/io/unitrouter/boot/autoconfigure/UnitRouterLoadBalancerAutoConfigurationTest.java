package io.unitrouter.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.boot.TestRules;
import io.unitrouter.boot.loadbalancer.CellLoadBalancerConfiguration;
import java.util.Arrays;
import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClientSpecification;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/** The cell-aware load balancer, registered as the default configuration of every Spring Cloud LoadBalancer client. */
class UnitRouterLoadBalancerAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(UnitRouterAutoConfiguration.class,
                    UnitRouterLoadBalancerAutoConfiguration.class))
            .withPropertyValues("unit-router.rules.location=" + TestRules.LOCATION,
                    "unit-router.instance-id=lb-test");

    @Test
    void registersTheCellConfigurationAsTheDefaultForEveryClient() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(cellSpecifications(context)).singleElement().satisfies(specification ->
                    assertThat(specification.getName()).startsWith("default."));
        });
    }

    @Test
    void noCellConfigurationWhenTheLoadBalancerIsDisabled() {
        runner.withPropertyValues("unit-router.loadbalancer.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(cellSpecifications(context)).isEmpty();
        });
    }

    @Test
    void noCellConfigurationWhenUnitRouterIsDisabled() {
        runner.withPropertyValues("unit-router.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(cellSpecifications(context)).isEmpty();
        });
    }

    @Test
    void noCellConfigurationWithoutSpringCloudLoadBalancer() {
        runner.withClassLoader(new FilteredClassLoader(ServiceInstanceListSupplier.class)).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(cellSpecifications(context)).isEmpty();
        });
    }

    static Collection<LoadBalancerClientSpecification> cellSpecifications(AssertableApplicationContext context) {
        return context.getBeansOfType(LoadBalancerClientSpecification.class).values().stream()
                .filter(s -> Arrays.asList(s.getConfiguration()).contains(CellLoadBalancerConfiguration.class))
                .toList();
    }
}
