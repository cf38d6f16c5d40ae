package io.unitrouter.spring.autoconfigure;

import io.unitrouter.spring.loadbalancer.CellLoadBalancerConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * Makes every Spring Cloud LoadBalancer client cell-aware (see
 * {@link io.unitrouter.spring.loadbalancer.CellServiceInstanceListSupplier}). Turn it off with
 * {@code unit-router.loadbalancer.enabled=false}. An application with its own
 * {@code @LoadBalancerClients(defaultConfiguration = ...)} should turn this off and add
 * {@code CellServiceInstanceListSupplier} to its own supplier chain.
 */
@AutoConfiguration(after = UnitRouterAutoConfiguration.class)
@ConditionalOnClass(ServiceInstanceListSupplier.class)
@ConditionalOnBooleanProperty(name = {"unit-router.enabled", "unit-router.loadbalancer.enabled"}, matchIfMissing = true)
@LoadBalancerClients(defaultConfiguration = CellLoadBalancerConfiguration.class)
public class UnitRouterLoadBalancerAutoConfiguration {
}
