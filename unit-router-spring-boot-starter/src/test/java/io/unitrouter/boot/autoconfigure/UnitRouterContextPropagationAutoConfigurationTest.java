package io.unitrouter.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.boot.context.RoutingContextHolder;
import io.unitrouter.core.context.RoutingContext;
import java.util.concurrent.atomic.AtomicReference;
import io.micrometer.context.ContextRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

/** Carrying the routing context across threads: the task decorator and Reactor's automatic propagation. */
class UnitRouterContextPropagationAutoConfigurationTest {

    /**
     * Loads the context-propagation registry with the whole classpath in sight. Loaded first under a
     * {@link FilteredClassLoader} that hides Reactor, it would find Reactor's {@code META-INF/services} entry but
     * not its class, fail, and stay broken for every later test in this JVM.
     */
    @BeforeAll
    static void loadContextRegistry() {
        assertThat(ContextRegistry.getInstance().getThreadLocalAccessors())
                .anyMatch(accessor -> RoutingContextHolder.CONTEXT_KEY.equals(accessor.key()));
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(UnitRouterContextPropagationAutoConfiguration.class));

    @Test
    void taskDecoratorCarriesTheRoutingContextToAnotherThread() throws Exception {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(TaskDecorator.class)
                    .hasSingleBean(ContextPropagatingTaskDecorator.class);
            TaskDecorator decorator = context.getBean(TaskDecorator.class);
            AtomicReference<RoutingContext> seen = new AtomicReference<>();
            RoutingContext key = RoutingContext.ofKey("1245");
            AtomicReference<Runnable> decorated = new AtomicReference<>();
            RoutingContextHolder.runWith(key, () -> decorated.set(decorator.decorate(
                    () -> seen.set(RoutingContextHolder.get()))));
            Thread worker = new Thread(decorated.get());
            worker.start();
            worker.join();
            assertThat(seen.get()).isEqualTo(key);
        });
    }

    @Test
    void reactorAutomaticContextPropagationIsSwitchedOn() {
        runner.run(context -> assertThat(context).hasNotFailed()
                .hasBean("unitRouterReactorContextPropagation")
                .getBean("unitRouterReactorContextPropagation").isInstanceOf(InitializingBean.class));
    }

    @Test
    void noReactorHookWithoutReactor() {
        runner.withClassLoader(new FilteredClassLoader("reactor.")).run(context -> assertThat(context)
                .hasNotFailed().hasSingleBean(ContextPropagatingTaskDecorator.class)
                .doesNotHaveBean("unitRouterReactorContextPropagation"));
    }

    @Test
    void nothingWithoutMicrometerContextPropagation() {
        runner.withClassLoader(new FilteredClassLoader("io.micrometer.context")).run(context -> assertThat(context)
                .hasNotFailed().doesNotHaveBean(TaskDecorator.class)
                .doesNotHaveBean("unitRouterReactorContextPropagation"));
    }

    @Test
    void nothingWhenUnitRouterIsDisabled() {
        runner.withPropertyValues("unit-router.enabled=false").run(context -> assertThat(context)
                .hasNotFailed().doesNotHaveBean(TaskDecorator.class)
                .doesNotHaveBean("unitRouterReactorContextPropagation"));
    }

    @Test
    void applicationsOwnTaskDecoratorIsKept() {
        runner.withUserConfiguration(OwnDecorator.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(TaskDecorator.class)
                    .doesNotHaveBean(ContextPropagatingTaskDecorator.class);
            assertThat(context.getBean(TaskDecorator.class)).isSameAs(OwnDecorator.DECORATOR);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnDecorator {
        static final TaskDecorator DECORATOR = runnable -> runnable;

        @Bean
        TaskDecorator myDecorator() {
            return DECORATOR;
        }
    }
}
