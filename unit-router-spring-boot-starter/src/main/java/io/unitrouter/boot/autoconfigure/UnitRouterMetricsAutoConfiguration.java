package io.unitrouter.boot.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.unitrouter.boot.metrics.UnitRouterMetrics;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.spring.autoconfigure.UnitRouterObservabilityAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * A cell's traffic meters ({@code unitrouter.requests}, {@code unitrouter.outbound.calls}), when Micrometer is
 * present; the rule meters come from {@link UnitRouterObservabilityAutoConfiguration}. The bean backs off when
 * the application declares its own.
 */
@AutoConfiguration(after = UnitRouterObservabilityAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({MeterRegistry.class, UnitRouter.class})
@ConditionalOnBooleanProperty(name = "unit-router.enabled", matchIfMissing = true)
public class UnitRouterMetricsAutoConfiguration {

    /** Counts inbound verdicts and routed outgoing calls. */
    @Bean
    @ConditionalOnMissingBean
    public UnitRouterMetrics unitRouterMetrics(MeterRegistry registry) {
        return new UnitRouterMetrics(registry);
    }
}
