package io.unitrouter.spring.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.unitrouter.spring.metrics.FailoverMetrics;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@code unitrouter.failover.*} metrics for an application that runs a failover coordinator (an operator
 * console, a bank's control plane): a {@link FailoverMetrics} bean to pass to
 * {@code FailoverCoordinator.builder().listener(..)}. It does not need a {@code UnitRouter}: a coordinator
 * usually runs outside the cells.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "unit-router.enabled", matchIfMissing = true)
public class UnitRouterFailoverAutoConfiguration {

    /** The failover metrics listener. */
    @Bean
    @ConditionalOnMissingBean
    FailoverMetrics failoverMetrics(MeterRegistry registry) {
        return new FailoverMetrics(registry);
    }
}
