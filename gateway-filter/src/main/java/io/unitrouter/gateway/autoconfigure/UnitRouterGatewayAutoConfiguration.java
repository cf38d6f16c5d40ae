package io.unitrouter.gateway.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.context.RoutingHeaderCodec;
import io.unitrouter.core.key.KeyExtractor;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.gateway.GatewayMetrics;
import io.unitrouter.gateway.GatewayRouting;
import io.unitrouter.gateway.MicrometerGatewayMetrics;
import io.unitrouter.gateway.RoutingHeaderStripWebFilter;
import io.unitrouter.gateway.UnitRouteGatewayFilterFactory;
import io.unitrouter.gateway.UnitRouteGlobalFilter;
import io.unitrouter.gateway.UnitRoutePolicies;
import io.unitrouter.gateway.UnitRouterGatewayProperties;
import io.unitrouter.spring.autoconfigure.UnitRouterAutoConfiguration;
import io.unitrouter.spring.autoconfigure.UnitRouterConfigurationException;
import io.unitrouter.spring.autoconfigure.UnitRouterProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;

/**
 * unit-router in a Spring Cloud Gateway (server-webflux) application: the incoming-header strip filter, the
 * {@code UnitRoute} filter factory and, with {@code unit-router.gateway.global.enabled=true}, the global filter.
 * Reuses the {@link UnitRouter} and {@link RoutingHeaderCodec} of {@link UnitRouterAutoConfiguration} (the shared
 * unit-router-spring-boot-autoconfigure, not the cell starter); its cell-aware load balancer serves
 * {@code lb://} routes. Every bean backs off when the application declares its own.
 */
@AutoConfiguration(after = UnitRouterAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass({GlobalFilter.class, AbstractGatewayFilterFactory.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBooleanProperty(name = {"unit-router.enabled", "unit-router.gateway.enabled"}, matchIfMissing = true)
@ConditionalOnBean({UnitRouter.class, RoutingHeaderCodec.class})
@EnableConfigurationProperties(UnitRouterGatewayProperties.class)
public class UnitRouterGatewayAutoConfiguration {

    /** Gateway metrics through Micrometer, when a meter registry is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    static class Metrics {

        @Bean
        @ConditionalOnMissingBean
        GatewayMetrics unitRouterGatewayMetrics(MeterRegistry registry) {
            return new MicrometerGatewayMetrics(registry);
        }
    }

    /** No metrics, when there is no meter registry. */
    @Bean
    @ConditionalOnMissingBean
    public GatewayMetrics unitRouterGatewayNoMetrics() {
        return GatewayMetrics.NONE;
    }

    /** The routing shared by the filter factory and the global filter. */
    @Bean
    @ConditionalOnMissingBean
    public GatewayRouting unitRouterGatewayRouting(UnitRouter router, RoutingHeaderCodec codec, GatewayMetrics metrics,
            UnitRouterGatewayProperties properties) {
        return new GatewayRouting(router, codec, metrics, properties);
    }

    /** Compiles route settings with the gateway-wide defaults. */
    @Bean
    @ConditionalOnMissingBean
    public UnitRoutePolicies unitRouterGatewayPolicies(UnitRouterGatewayProperties properties,
            ObjectProvider<UnitRouterProperties> routerProperties, ConfigurableListableBeanFactory beans,
            UnitRouter router) {
        List<String> fallback = routerProperties.getIfAvailable(UnitRouterProperties::new).getKey().getSources();
        try {
            return new UnitRoutePolicies(properties, fallback, extractorBeans(beans), router);
        } catch (UnitRouterException e) {
            throw new UnitRouterConfigurationException("unit-router.gateway", e.getMessage(),
                    "Fix the gateway settings under unit-router.gateway (see docs/gateway.md).", e);
        }
    }

    /** Removes incoming X-Unit-* headers before anything reads them. */
    @Bean
    @ConditionalOnMissingBean
    public RoutingHeaderStripWebFilter unitRouterHeaderStripWebFilter(RoutingHeaderCodec codec, GatewayMetrics metrics,
            UnitRouterGatewayProperties properties) {
        return new RoutingHeaderStripWebFilter(codec, metrics, properties.getForgedHeaders());
    }

    /** The {@code UnitRoute} gateway filter. */
    @Bean
    @ConditionalOnMissingBean
    public UnitRouteGatewayFilterFactory unitRouteGatewayFilterFactory(GatewayRouting routing,
            UnitRoutePolicies policies) {
        return new UnitRouteGatewayFilterFactory(routing, policies);
    }

    /** Unit routing for every route. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty("unit-router.gateway.global.enabled")
    public UnitRouteGlobalFilter unitRouteGlobalFilter(GatewayRouting routing, UnitRoutePolicies policies,
            UnitRouterGatewayProperties properties) {
        try {
            return new UnitRouteGlobalFilter(routing, policies, properties.getGlobal().getGlobalPaths(),
                    properties.getGlobal().getCityPaths());
        } catch (UnitRouterException | IllegalArgumentException e) {
            throw new UnitRouterConfigurationException("unit-router.gateway.global", e.getMessage(),
                    "Fix the gateway-wide settings the global filter uses (see docs/gateway.md).", e);
        }
    }

    private static Map<String, KeyExtractor> extractorBeans(ConfigurableListableBeanFactory beans) {
        Map<String, KeyExtractor> found = beans.getBeansOfType(KeyExtractor.class);
        List<Map.Entry<String, KeyExtractor>> ordered = new java.util.ArrayList<>(found.entrySet());
        ordered.sort((a, b) -> AnnotationAwareOrderComparator.INSTANCE.compare(a.getValue(), b.getValue()));
        Map<String, KeyExtractor> result = new LinkedHashMap<>();
        ordered.forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }
}
