package io.unitrouter.boot.autoconfigure;

import io.unitrouter.boot.client.OutboundListener;
import io.unitrouter.boot.client.OutboundRouting;
import io.unitrouter.boot.client.RoutingFeignRequestInterceptor;
import io.unitrouter.core.context.RoutingHeaderCodec;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.spring.autoconfigure.UnitRouterAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Outbound propagation: routing headers on every RestClient, RestTemplate, WebClient and OpenFeign call.
 * The interceptors are put first on every client builder and template in the context (see
 * {@link UnitRouterClientPostProcessor}), so the cell-aware load balancer sees their headers.
 */
@AutoConfiguration(after = UnitRouterAutoConfiguration.class)
@ConditionalOnBean(UnitRouter.class)
@ConditionalOnBooleanProperty(name = "unit-router.enabled", matchIfMissing = true)
public class UnitRouterClientAutoConfiguration {

    /** Decides the routing headers of outgoing calls. */
    @Bean
    @ConditionalOnMissingBean
    public OutboundRouting unitRouterOutboundRouting(UnitRouter router, RoutingHeaderCodec codec,
            ObjectProvider<OutboundListener> listeners) {
        return new OutboundRouting(router, codec, listeners.orderedStream().toList());
    }

    /** Adds the interceptors to client builders and templates as they are created. */
    @Bean
    public static UnitRouterClientPostProcessor unitRouterClientPostProcessor(
            ObjectProvider<OutboundRouting> routing,
            ObjectProvider<io.unitrouter.boot.circuitbreaker.CellCircuitBreakers> breakers) {
        return new UnitRouterClientPostProcessor(routing, breakers);
    }

    /** OpenFeign: a request interceptor, which Feign applies to every client. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "feign.RequestInterceptor")
    static class Feign {

        @Bean
        @ConditionalOnMissingBean
        RoutingFeignRequestInterceptor unitRouterFeignInterceptor(OutboundRouting routing) {
            return new RoutingFeignRequestInterceptor(routing);
        }
    }
}
