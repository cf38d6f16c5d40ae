package io.unitrouter.boot.autoconfigure;

import io.unitrouter.boot.web.InboundGuard;
import io.unitrouter.boot.web.InboundListener;
import io.unitrouter.boot.web.RoutingKeyResolver;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.spring.autoconfigure.ProtectionMode;
import io.unitrouter.spring.autoconfigure.UnitRouterConfigurationException;
import io.unitrouter.spring.autoconfigure.UnitRouterProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;

/** What the servlet and WebFlux inbound configurations share: the guard and the checks for FORWARD mode. */
final class InboundSupport {

    private static final String MODE = "unit-router.protection.mode";

    private InboundSupport() {
    }

    static InboundGuard guard(UnitRouter router, RoutingKeyResolver resolver, UnitRouterProperties properties,
            ObjectProvider<InboundListener> listeners) {
        return new InboundGuard(router, properties.getProtection(), resolver.description(),
                listeners.orderedStream().toList());
    }

    /** Fails the start when FORWARD mode is configured but nothing can forward. */
    static void requireForwarder(InboundGuard guard, Object forwarder) {
        if (guard.mode() == ProtectionMode.FORWARD && forwarder == null) {
            throw new UnitRouterConfigurationException(MODE, "FORWARD needs Spring Cloud LoadBalancer to reach the"
                    + " owner cell's instances, and it is not available",
                    "Add spring-cloud-starter-loadbalancer and a discovery client, or use mode REJECT.", null);
        }
    }

    /** The service's own id in discovery, which FORWARD needs to find its instances in other cells. */
    static String serviceId(Environment environment) {
        String serviceId = environment.getProperty("spring.application.name");
        if (serviceId == null || serviceId.isBlank()) {
            throw new UnitRouterConfigurationException(MODE, "FORWARD needs the service's own id to find its"
                    + " instances in other cells, and spring.application.name is not set",
                    "Set spring.application.name to the service id used in discovery.", null);
        }
        return serviceId;
    }

    /** The load balancer FORWARD needs, or a start-up failure saying so. */
    static <T> T loadBalancer(ObjectProvider<T> provider) {
        T loadBalancer = provider.getIfAvailable();
        if (loadBalancer == null) {
            throw new UnitRouterConfigurationException(MODE, "FORWARD needs Spring Cloud LoadBalancer, and it is"
                    + " not configured", "Add spring-cloud-starter-loadbalancer.", null);
        }
        return loadBalancer;
    }
}
