package io.unitrouter.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.boot.circuitbreaker.CellCircuitBreakerInterceptor;
import io.unitrouter.boot.client.OutboundListener;
import io.unitrouter.boot.client.OutboundRouting;
import io.unitrouter.boot.client.RoutingClientHttpRequestInterceptor;
import io.unitrouter.boot.client.RoutingFeignRequestInterceptor;
import io.unitrouter.core.RouteDecision;
import io.unitrouter.core.context.RoutingContext;
import io.unitrouter.core.context.RoutingHeaderCodec;
import io.unitrouter.spring.TestRules;
import io.unitrouter.spring.autoconfigure.UnitRouterAutoConfiguration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestTemplate;

/** Outbound propagation: the routing decision, the client interceptors and the Feign interceptor. */
class UnitRouterClientAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(UnitRouterAutoConfiguration.class,
                    UnitRouterClientAutoConfiguration.class, UnitRouterCircuitBreakerAutoConfiguration.class))
            .withPropertyValues("unit-router.rules.location=" + TestRules.LOCATION,
                    "unit-router.instance-id=client-test", "unit-router.local-cell=rz01");

    @Test
    void routingInterceptorsAndFeignInterceptorArePresent() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(OutboundRouting.class)
                    .hasSingleBean(UnitRouterClientPostProcessor.class)
                    .hasSingleBean(RoutingFeignRequestInterceptor.class);
        });
    }

    @Test
    void outboundRoutingUsesTheRouterAndTheCodec() {
        runner.withPropertyValues("unit-router.security.secret=0123456789abcdef0123456789abcdef-client")
                .run(context -> {
                    Map<String, String> headers = new HashMap<>();
                    RouteDecision decision = context.getBean(OutboundRouting.class).apply(
                            RoutingContext.ofKey("1245"), "POST", "/ledger", headers::get, headers::remove,
                            headers::put);
                    assertThat(decision.cell()).isEqualTo("rz03");
                    assertThat(headers).containsOnlyKeys("X-Unit-Context");
                    assertThat(context.getBean(RoutingHeaderCodec.class).decode(headers::get, "POST", "/ledger"))
                            .map(RoutingContext::cell).hasValue("rz03");
                });
    }

    @Test
    void outboundListenerBeansHearEveryRoutedCall() {
        runner.withUserConfiguration(Listening.class).run(context -> {
            Map<String, String> headers = new HashMap<>();
            RouteDecision decision = context.getBean(OutboundRouting.class).apply(RoutingContext.ofKey("1225"),
                    "GET", "/ledger", headers::get, headers::remove, headers::put);
            assertThat(context.getBean(Listening.class).heard).containsExactly(decision);
        });
    }

    @Test
    void restTemplateBeansGetRoutingFirstThenTheCellCircuitBreaker() {
        runner.withUserConfiguration(Templates.class).run(context -> {
            List<ClientHttpRequestInterceptor> interceptors = context.getBean(RestTemplate.class).getInterceptors();
            assertThat(interceptors).hasSize(3);
            assertThat(interceptors.get(0)).isInstanceOf(RoutingClientHttpRequestInterceptor.class);
            assertThat(interceptors.get(1)).isInstanceOf(CellCircuitBreakerInterceptor.class);
            assertThat(interceptors.get(2)).isSameAs(Templates.APPLICATION_INTERCEPTOR);
        });
    }

    @Test
    void restTemplateBeansGetNoCircuitBreakerWhenBreakersAreDisabled() {
        runner.withUserConfiguration(Templates.class).withPropertyValues("unit-router.circuitbreaker.enabled=false")
                .run(context -> {
                    List<ClientHttpRequestInterceptor> interceptors =
                            context.getBean(RestTemplate.class).getInterceptors();
                    assertThat(interceptors).hasSize(2);
                    assertThat(interceptors.get(0)).isInstanceOf(RoutingClientHttpRequestInterceptor.class);
                    assertThat(interceptors.get(1)).isSameAs(Templates.APPLICATION_INTERCEPTOR);
                });
    }

    @Test
    void noFeignInterceptorWithoutFeign() {
        runner.withClassLoader(new FilteredClassLoader("feign.RequestInterceptor")).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(OutboundRouting.class)
                    .doesNotHaveBean(RoutingFeignRequestInterceptor.class);
        });
    }

    @Test
    void nothingWhenUnitRouterIsDisabled() {
        runner.withPropertyValues("unit-router.enabled=false").withUserConfiguration(Templates.class)
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(OutboundRouting.class)
                            .doesNotHaveBean(UnitRouterClientPostProcessor.class)
                            .doesNotHaveBean(RoutingFeignRequestInterceptor.class);
                    assertThat(context.getBean(RestTemplate.class).getInterceptors())
                            .containsExactly(Templates.APPLICATION_INTERCEPTOR);
                });
    }

    @Test
    void backsOffWhenTheApplicationDeclaresItsOwnOutboundRouting() {
        runner.withUserConfiguration(OwnRouting.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(OutboundRouting.class);
            assertThat(context.getBean(OutboundRouting.class)).isSameAs(context.getBean("myRouting"));
        });
    }

    @Test
    void backsOffWhenTheApplicationDeclaresItsOwnFeignInterceptor() {
        runner.withUserConfiguration(OwnFeignInterceptor.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(RoutingFeignRequestInterceptor.class);
            assertThat(context.getBean(RoutingFeignRequestInterceptor.class))
                    .isSameAs(context.getBean("myFeignInterceptor"));
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class Listening {
        final List<RouteDecision> heard = new CopyOnWriteArrayList<>();

        @Bean
        OutboundListener recordingListener() {
            return heard::add;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Templates {
        static final ClientHttpRequestInterceptor APPLICATION_INTERCEPTOR = (request, body, execution) ->
                execution.execute(request, body);

        @Bean
        RestTemplate restTemplate() {
            RestTemplate template = new RestTemplate();
            template.getInterceptors().add(APPLICATION_INTERCEPTOR);
            return template;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnRouting {
        @Bean
        OutboundRouting myRouting() {
            return new OutboundRouting(TestRules.router("rz02"), RoutingHeaderCodec.unsigned(), List.of());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnFeignInterceptor {
        @Bean
        RoutingFeignRequestInterceptor myFeignInterceptor(OutboundRouting routing) {
            return new RoutingFeignRequestInterceptor(routing);
        }
    }
}
