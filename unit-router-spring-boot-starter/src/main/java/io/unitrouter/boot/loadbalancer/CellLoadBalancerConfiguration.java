package io.unitrouter.boot.loadbalancer;

import io.unitrouter.boot.autoconfigure.UnitRouterProperties;
import io.unitrouter.core.UnitRouter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * The per-service load-balancer configuration that unit-router registers as the default for every client:
 * discovery, then caching, then narrowing to the target cell.
 */
@Configuration(proxyBeanMethods = false)
public class CellLoadBalancerConfiguration {

    /** Instances from discovery, cached, narrowed to the call's cell. */
    @Bean
    public ServiceInstanceListSupplier unitRouterServiceInstanceListSupplier(ConfigurableApplicationContext context,
            ObjectProvider<UnitRouter> router, ObjectProvider<UnitRouterProperties> properties) {
        UnitRouterProperties.LoadBalancer config = properties.getIfAvailable(UnitRouterProperties::new)
                .getLoadbalancer();
        return ServiceInstanceListSupplier.builder()
                .withDiscoveryClient()
                .withCaching()
                .with((ctx, delegate) -> new CellServiceInstanceListSupplier(delegate, router::getObject,
                        config.getReadFallback()))
                .build(context);
    }
}
