package io.unitrouter.boot.autoconfigure;

import io.unitrouter.boot.reactive.ReactiveCellForwarder;
import io.unitrouter.boot.reactive.RoutingContextWebFilter;
import io.unitrouter.boot.web.InboundGuard;
import io.unitrouter.boot.web.InboundListener;
import io.unitrouter.boot.web.RoutingKeyResolver;
import io.unitrouter.core.context.RoutingHeaderCodec;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.spring.autoconfigure.UnitRouterAutoConfiguration;
import io.unitrouter.spring.autoconfigure.UnitRouterProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * Inbound protection for WebFlux services: one web filter that rebuilds the context, enforces scopes and
 * puts the context in the Reactor context. Only for a cell, i.e. when {@code unit-router.local-cell} is set.
 */
@AutoConfiguration(after = UnitRouterAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(DispatcherHandler.class)
@ConditionalOnBean(UnitRouter.class)
@ConditionalOnBooleanProperty(name = "unit-router.enabled", matchIfMissing = true)
@ConditionalOnLocalCell
public class UnitRouterWebFluxAutoConfiguration {

    /** Judges inbound requests. */
    @Bean
    @ConditionalOnMissingBean
    public InboundGuard unitRouterInboundGuard(UnitRouter router, RoutingKeyResolver resolver,
            UnitRouterProperties properties, ObjectProvider<InboundListener> listeners) {
        return InboundSupport.guard(router, resolver, properties, listeners);
    }

    /** The inbound web filter. */
    @Bean
    @ConditionalOnMissingBean
    public RoutingContextWebFilter unitRouterContextWebFilter(RoutingKeyResolver resolver, InboundGuard guard,
            @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping handlers,
            ServerCodecConfigurer codecs, ObjectProvider<ReactiveCellForwarder> forwarder) {
        ReactiveCellForwarder cellForwarder = forwarder.getIfAvailable();
        InboundSupport.requireForwarder(guard, cellForwarder);
        return new RoutingContextWebFilter(resolver, guard, handlers, codecs, cellForwarder);
    }

    /** Forwarding to the owner cell, for {@code unit-router.protection.mode=FORWARD}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ReactiveLoadBalancer.class)
    @ConditionalOnProperty(prefix = "unit-router.protection", name = "mode", havingValue = "forward")
    static class Forwarding {

        @Bean
        @ConditionalOnMissingBean
        ReactiveCellForwarder unitRouterReactiveCellForwarder(
                ObjectProvider<ReactiveLoadBalancer.Factory<ServiceInstance>> loadBalancers, Environment environment,
                RoutingHeaderCodec codec) {
            String serviceId = InboundSupport.serviceId(environment);
            return new ReactiveCellForwarder(InboundSupport.loadBalancer(loadBalancers), serviceId, codec);
        }
    }
}
