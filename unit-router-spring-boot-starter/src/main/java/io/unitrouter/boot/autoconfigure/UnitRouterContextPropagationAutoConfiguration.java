package io.unitrouter.boot.autoconfigure;

import io.micrometer.context.ContextSnapshotFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import reactor.core.publisher.Hooks;

/**
 * Carries the routing context across threads with Micrometer context-propagation: a {@link TaskDecorator}
 * for Spring's task executors (and so {@code @Async}), and Reactor's automatic context propagation.
 */
@AutoConfiguration
@ConditionalOnClass(ContextSnapshotFactory.class)
@ConditionalOnBooleanProperty(name = "unit-router.enabled", matchIfMissing = true)
public class UnitRouterContextPropagationAutoConfiguration {

    /**
     * Decorates tasks of Boot's task executors so they run with the submitter's context. An application with a
     * {@code TaskDecorator} of its own keeps it, and should compose it with a {@code ContextPropagatingTaskDecorator}.
     */
    @Bean
    @ConditionalOnMissingBean(TaskDecorator.class)
    public ContextPropagatingTaskDecorator unitRouterTaskDecorator() {
        return new ContextPropagatingTaskDecorator();
    }

    /** Restores thread-locals, the routing context among them, inside Reactor operators. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Hooks.class)
    static class Reactor {

        @Bean
        InitializingBean unitRouterReactorContextPropagation() {
            return Hooks::enableAutomaticContextPropagation;
        }
    }
}
