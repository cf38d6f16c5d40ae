package io.unitrouter.boot.autoconfigure;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.unitrouter.boot.circuitbreaker.CellCircuitBreakers;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.spring.autoconfigure.UnitRouterAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.context.annotation.Bean;

/**
 * One Resilience4j circuit breaker per target cell for outgoing calls, from the registry of Spring Cloud
 * CircuitBreaker's Resilience4j factory when there is one.
 */
@AutoConfiguration(after = UnitRouterAutoConfiguration.class, afterName =
        "org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JAutoConfiguration")
@ConditionalOnClass({CircuitBreakerRegistry.class, Resilience4JCircuitBreakerFactory.class})
@ConditionalOnBean(UnitRouter.class)
@ConditionalOnBooleanProperty(name = {"unit-router.enabled", "unit-router.circuitbreaker.enabled"},
        matchIfMissing = true)
public class UnitRouterCircuitBreakerAutoConfiguration {

    /** The breakers per cell. */
    @Bean
    @ConditionalOnMissingBean
    public CellCircuitBreakers unitRouterCellCircuitBreakers(ObjectProvider<Resilience4JCircuitBreakerFactory> factory,
            ObjectProvider<CircuitBreakerRegistry> registry) {
        Resilience4JCircuitBreakerFactory springCloud = factory.getIfAvailable();
        if (springCloud != null) {
            return new CellCircuitBreakers(springCloud.getCircuitBreakerRegistry());
        }
        return new CellCircuitBreakers(registry.getIfAvailable(CircuitBreakerRegistry::ofDefaults));
    }
}
