package io.unitrouter.boot.autoconfigure;

import io.unitrouter.boot.circuitbreaker.CellCircuitBreakerExchangeFilterFunction;
import io.unitrouter.boot.circuitbreaker.CellCircuitBreakerInterceptor;
import io.unitrouter.boot.circuitbreaker.CellCircuitBreakers;
import io.unitrouter.boot.client.OutboundRouting;
import io.unitrouter.boot.client.RoutingClientHttpRequestInterceptor;
import io.unitrouter.boot.client.RoutingExchangeFilterFunction;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Puts unit-router's interceptors at the front of every {@link RestClient.Builder}, {@link RestTemplate} and
 * {@link WebClient.Builder} bean: first the routing headers, then the cell's circuit breaker. Being first
 * matters: Spring Cloud LoadBalancer's interceptor, added after them, reads {@code X-Unit-Cell}. Customizers
 * alone would miss builders that applications create themselves, such as {@code @LoadBalanced} ones.
 *
 * <p>Thread-safe.
 */
class UnitRouterClientPostProcessor implements BeanPostProcessor {

    private static final boolean REST = ClassUtils.isPresent("org.springframework.web.client.RestClient",
            UnitRouterClientPostProcessor.class.getClassLoader());
    private static final boolean REACTIVE = ClassUtils.isPresent(
            "org.springframework.web.reactive.function.client.WebClient",
            UnitRouterClientPostProcessor.class.getClassLoader());

    private final ObjectProvider<OutboundRouting> routing;
    private final ObjectProvider<CellCircuitBreakers> breakers;

    UnitRouterClientPostProcessor(ObjectProvider<OutboundRouting> routing,
            ObjectProvider<CellCircuitBreakers> breakers) {
        this.routing = routing;
        this.breakers = breakers;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (REST && bean instanceof RestClient.Builder builder) {
            builder.requestInterceptors(this::addFirst);
        } else if (REST && bean instanceof RestTemplate template) {
            addFirst(template.getInterceptors());
        } else if (REACTIVE && bean instanceof WebClient.Builder builder) {
            builder.filters(this::addFirstFilters);
        }
        return bean;
    }

    private void addFirst(List<ClientHttpRequestInterceptor> interceptors) {
        if (interceptors.stream().anyMatch(RoutingClientHttpRequestInterceptor.class::isInstance)) {
            return;
        }
        CellCircuitBreakers cells = breakers.getIfAvailable();
        if (cells != null) {
            interceptors.add(0, new CellCircuitBreakerInterceptor(cells));
        }
        interceptors.add(0, new RoutingClientHttpRequestInterceptor(routing.getObject()));
    }

    private void addFirstFilters(List<ExchangeFilterFunction> filters) {
        if (filters.stream().anyMatch(RoutingExchangeFilterFunction.class::isInstance)) {
            return;
        }
        CellCircuitBreakers cells = breakers.getIfAvailable();
        if (cells != null) {
            filters.add(0, new CellCircuitBreakerExchangeFilterFunction(cells));
        }
        filters.add(0, new RoutingExchangeFilterFunction(routing.getObject()));
    }
}
