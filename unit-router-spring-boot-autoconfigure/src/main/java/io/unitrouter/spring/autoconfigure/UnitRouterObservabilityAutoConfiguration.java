package io.unitrouter.spring.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.spi.RuleStore;
import io.unitrouter.spring.actuate.UnitRouterEndpoint;
import io.unitrouter.spring.metrics.RuleMetrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code unitrouter} actuator endpoint and the {@code unitrouter.rules.*} metrics, on a gateway or a cell. */
@AutoConfiguration(after = UnitRouterAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnBean(UnitRouter.class)
@ConditionalOnBooleanProperty(name = "unit-router.enabled", matchIfMissing = true)
public class UnitRouterObservabilityAutoConfiguration {

    /** The {@code unitrouter.rules.*} metrics, when Micrometer is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    static class Metrics {

        @Bean
        @ConditionalOnMissingBean
        RuleMetrics unitRouterRuleMetrics(MeterRegistry registry, UnitRouter router,
                ObjectProvider<RuleStore> store) {
            return new RuleMetrics(registry, router, store.getIfAvailable());
        }
    }

    /** The actuator endpoint, when Actuator is present and the endpoint is enabled and exposed. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
    @ConditionalOnAvailableEndpoint(UnitRouterEndpoint.class)
    static class Endpoint {

        @Bean
        @ConditionalOnMissingBean
        UnitRouterEndpoint unitRouterEndpoint(UnitRouter router, ObjectProvider<RuleStore> store) {
            return new UnitRouterEndpoint(router, store.getIfAvailable());
        }
    }
}
