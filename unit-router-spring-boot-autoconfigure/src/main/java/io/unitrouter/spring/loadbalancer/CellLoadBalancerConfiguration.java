package io.unitrouter.spring.loadbalancer;

import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.spring.autoconfigure.UnitRouterProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplierBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The per-service load-balancer configuration that unit-router registers as the default for every client:
 * discovery, then caching, then narrowing to the target cell.
 *
 * <p>Discovery is reactive when the application has a {@link ReactiveDiscoveryClient} (WebFlux applications and
 * gateways), and blocking otherwise: a Spring MVC application without WebFlux has only a {@code DiscoveryClient},
 * and asking it for the reactive one failed every load-balanced call.
 */
@Configuration(proxyBeanMethods = false)
public class CellLoadBalancerConfiguration {

    /** Instances from discovery, cached, narrowed to the call's cell. */
    @Bean
    public ServiceInstanceListSupplier unitRouterServiceInstanceListSupplier(ConfigurableApplicationContext context,
            ObjectProvider<UnitRouter> router, ObjectProvider<UnitRouterProperties> properties) {
        UnitRouterProperties.LoadBalancer config = properties.getIfAvailable(UnitRouterProperties::new)
                .getLoadbalancer();
        ServiceInstanceListSupplierBuilder builder = ServiceInstanceListSupplier.builder();
        boolean reactive = context.getBeanProvider(ReactiveDiscoveryClient.class).getIfAvailable() != null;
        return (reactive ? builder.withDiscoveryClient() : builder.withBlockingDiscoveryClient())
                .withCaching()
                .with((ctx, delegate) -> new CellServiceInstanceListSupplier(delegate, router::getObject,
                        config.getReadFallback()))
                .build(context);
    }
}
