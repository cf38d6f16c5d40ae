package io.unitrouter.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.boot.servlet.RoutingContextFilter;
import io.unitrouter.boot.servlet.ScopeEnforcingInterceptor;
import io.unitrouter.boot.web.EndpointScope;
import io.unitrouter.boot.web.InboundGuard;
import io.unitrouter.boot.web.InboundListener;
import io.unitrouter.boot.web.InboundRequest;
import io.unitrouter.boot.web.Outcome;
import io.unitrouter.boot.web.Verdict;
import io.unitrouter.core.context.RoutingContext;
import io.unitrouter.spring.TestRules;
import io.unitrouter.spring.autoconfigure.ProtectionMode;
import io.unitrouter.spring.autoconfigure.UnitRouterAutoConfiguration;
import io.unitrouter.spring.autoconfigure.UnitRouterProperties;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Inbound protection for Spring MVC: only in a servlet web application, and only in a cell. */
class UnitRouterServletAutoConfigurationTest {

    private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(UnitRouterAutoConfiguration.class,
            UnitRouterKeyAutoConfiguration.class, UnitRouterServletAutoConfiguration.class);
    private static final String[] PROPERTIES = {"unit-router.rules.location=" + TestRules.LOCATION,
        "unit-router.instance-id=servlet-test"};

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(CONFIGURATIONS).withPropertyValues(PROPERTIES);

    @Test
    void cellGetsTheGuardTheFilterAndTheInterceptor() {
        runner.withPropertyValues("unit-router.local-cell=rz01").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(InboundGuard.class)
                    .hasBean("unitRouterContextFilter").hasBean("unitRouterScopeEnforcement");
            FilterRegistrationBean<?> registration = context.getBean("unitRouterContextFilter",
                    FilterRegistrationBean.class);
            assertThat(registration.getFilter()).isInstanceOf(RoutingContextFilter.class);
            assertThat(registration.getOrder()).isEqualTo(UnitRouterServletAutoConfiguration.FILTER_ORDER);
            assertThat(interceptorsOf(context.getBean("unitRouterScopeEnforcement", WebMvcConfigurer.class)))
                    .singleElement().isInstanceOf(ScopeEnforcingInterceptor.class);
        });
    }

    @Test
    void guardFollowsTheProtectionProperties() {
        runner.withPropertyValues("unit-router.local-cell=rz01", "unit-router.protection.mode=observe")
                .run(context -> {
                    InboundGuard guard = context.getBean(InboundGuard.class);
                    assertThat(guard.mode()).isEqualTo(ProtectionMode.OBSERVE);
                    Verdict verdict = guard.check(new InboundRequest(RoutingContext.ofKey("1245"), null,
                            EndpointScope.UNDECLARED, "GET"));
                    assertThat(verdict.outcome()).isEqualTo(Outcome.OBSERVED);
                });
    }

    @Test
    void guardTellsTheApplicationsInboundListeners() {
        runner.withPropertyValues("unit-router.local-cell=rz01").withUserConfiguration(Listening.class)
                .run(context -> {
                    Verdict verdict = context.getBean(InboundGuard.class).check(new InboundRequest(
                            RoutingContext.ofKey("1205"), null, EndpointScope.UNDECLARED, "GET"));
                    assertThat(context.getBean(Listening.class).heard).containsExactly(verdict);
                });
    }

    @Test
    void noInboundProtectionWithoutALocalCell() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(InboundGuard.class)
                    .doesNotHaveBean("unitRouterContextFilter").doesNotHaveBean("unitRouterScopeEnforcement");
        });
    }

    @Test
    void noInboundProtectionWhenUnitRouterIsDisabled() {
        runner.withPropertyValues("unit-router.local-cell=rz01", "unit-router.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(InboundGuard.class)
                    .doesNotHaveBean("unitRouterContextFilter");
        });
    }

    @Test
    void noInboundProtectionWithoutSpringMvc() {
        runner.withPropertyValues("unit-router.local-cell=rz01")
                .withClassLoader(new FilteredClassLoader(DispatcherServlet.class)).run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(InboundGuard.class)
                            .doesNotHaveBean("unitRouterContextFilter");
                });
    }

    @Test
    void noServletProtectionInAReactiveApplication() {
        new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS).withPropertyValues(PROPERTIES)
                .withPropertyValues("unit-router.local-cell=rz01").run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(InboundGuard.class)
                            .doesNotHaveBean("unitRouterContextFilter");
                });
    }

    @Test
    void noServletProtectionOutsideAWebApplication() {
        new ApplicationContextRunner().withConfiguration(CONFIGURATIONS).withPropertyValues(PROPERTIES)
                .withPropertyValues("unit-router.local-cell=rz01").run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(InboundGuard.class)
                            .doesNotHaveBean("unitRouterContextFilter");
                });
    }

    @Test
    void backsOffWhenTheApplicationDeclaresItsOwnGuard() {
        runner.withPropertyValues("unit-router.local-cell=rz01").withUserConfiguration(OwnGuard.class)
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(InboundGuard.class);
                    assertThat(context.getBean(InboundGuard.class)).isSameAs(context.getBean("myGuard"));
                    assertThat(context).hasBean("unitRouterContextFilter");
                });
    }

    @Test
    void backsOffWhenTheApplicationDeclaresItsOwnContextFilter() {
        runner.withPropertyValues("unit-router.local-cell=rz01").withUserConfiguration(OwnFilter.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean("unitRouterContextFilter")).isSameAs(OwnFilter.REGISTRATION);
                });
    }

    static List<?> interceptorsOf(WebMvcConfigurer configurer) {
        InterceptorRegistry registry = new InterceptorRegistry();
        configurer.addInterceptors(registry);
        List<?> interceptors = ReflectionTestUtils.invokeMethod(registry, "getInterceptors");
        return interceptors;
    }

    @Configuration(proxyBeanMethods = false)
    static class Listening {
        final List<Verdict> heard = new CopyOnWriteArrayList<>();

        @Bean
        InboundListener recordingListener() {
            return heard::add;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnGuard {
        @Bean
        InboundGuard myGuard() {
            return new InboundGuard(TestRules.router("rz02"), new UnitRouterProperties.Protection(), "mine",
                    List.of());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnFilter {
        static final FilterRegistrationBean<RoutingContextFilter> REGISTRATION = new FilterRegistrationBean<>();

        @Bean
        FilterRegistrationBean<RoutingContextFilter> unitRouterContextFilter() {
            return REGISTRATION;
        }
    }
}
