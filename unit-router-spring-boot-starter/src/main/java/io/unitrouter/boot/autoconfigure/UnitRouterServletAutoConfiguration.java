package io.unitrouter.boot.autoconfigure;

import io.unitrouter.boot.servlet.CellForwarder;
import io.unitrouter.boot.servlet.RoutingContextFilter;
import io.unitrouter.boot.servlet.ScopeEnforcingInterceptor;
import io.unitrouter.boot.web.InboundGuard;
import io.unitrouter.boot.web.InboundListener;
import io.unitrouter.boot.web.RoutingKeyResolver;
import io.unitrouter.core.context.RoutingHeaderCodec;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.spring.autoconfigure.UnitRouterAutoConfiguration;
import io.unitrouter.spring.autoconfigure.UnitRouterProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Inbound protection for Spring MVC services: the routing-context filter and the scope-enforcing
 * interceptor. Only for a cell, i.e. when {@code unit-router.local-cell} is set.
 */
@AutoConfiguration(after = UnitRouterAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean(UnitRouter.class)
@ConditionalOnBooleanProperty(name = "unit-router.enabled", matchIfMissing = true)
@ConditionalOnLocalCell
public class UnitRouterServletAutoConfiguration {

    /** Forwarding to the owner cell, for {@code unit-router.protection.mode=FORWARD}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(LoadBalancerClient.class)
    @ConditionalOnProperty(prefix = "unit-router.protection", name = "mode", havingValue = "forward")
    static class Forwarding {

        @Bean
        @ConditionalOnMissingBean
        CellForwarder unitRouterCellForwarder(ObjectProvider<LoadBalancerClient> loadBalancer, Environment environment,
                RoutingHeaderCodec codec) {
            String serviceId = InboundSupport.serviceId(environment);
            return new CellForwarder(InboundSupport.loadBalancer(loadBalancer), serviceId, codec);
        }
    }

    /** Runs early, so that later filters and the whole request see the routing context. */
    public static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    /** Judges inbound requests. */
    @Bean
    @ConditionalOnMissingBean
    public InboundGuard unitRouterInboundGuard(UnitRouter router, RoutingKeyResolver resolver,
            UnitRouterProperties properties, ObjectProvider<InboundListener> listeners) {
        return InboundSupport.guard(router, resolver, properties, listeners);
    }

    /** The routing-context filter. */
    @Bean
    @ConditionalOnMissingBean(name = "unitRouterContextFilter")
    public FilterRegistrationBean<RoutingContextFilter> unitRouterContextFilter(RoutingKeyResolver resolver) {
        FilterRegistrationBean<RoutingContextFilter> registration =
                new FilterRegistrationBean<>(new RoutingContextFilter(resolver));
        registration.setOrder(FILTER_ORDER);
        return registration;
    }

    /** Adds the scope-enforcing interceptor to Spring MVC. */
    @Bean
    public WebMvcConfigurer unitRouterScopeEnforcement(InboundGuard guard, RoutingKeyResolver resolver,
            ObjectProvider<RequestMappingHandlerAdapter> adapter, ObjectProvider<CellForwarder> forwarder) {
        CellForwarder cellForwarder = forwarder.getIfAvailable();
        InboundSupport.requireForwarder(guard, cellForwarder);
        ScopeEnforcingInterceptor interceptor = new ScopeEnforcingInterceptor(guard, resolver,
                () -> adapter.getObject().getMessageConverters(), cellForwarder);
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(interceptor).order(Ordered.HIGHEST_PRECEDENCE);
            }
        };
    }
}
