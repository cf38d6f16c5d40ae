package io.unitrouter.boot.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.boot.autoconfigure.UnitRouterContextPropagationAutoConfiguration;
import io.unitrouter.core.context.RoutingContext;
import java.lang.reflect.Method;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.task.AsyncTaskExecutor;

/**
 * With {@code spring.threads.virtual.enabled=true}, Spring's task executor runs tasks on virtual threads, and
 * the routing context still reaches them. Virtual threads need Java 21; the build runs this class a second
 * time on the Java 25 JDK when one is installed (the {@code virtual-threads} profile of this module's pom).
 */
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need Java 21+; the virtual-threads"
        + " Maven profile runs this class on /usr/lib/jvm/temurin-25-jdk-amd64 when it exists")
class VirtualThreadPropagationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(UnitRouterContextPropagationAutoConfiguration.class,
                    TaskExecutionAutoConfiguration.class))
            .withPropertyValues("spring.threads.virtual.enabled=true");

    @Test
    void contextReachesTasksOnVirtualThreads() {
        runner.run(context -> {
            AsyncTaskExecutor executor = context.getBean("applicationTaskExecutor", AsyncTaskExecutor.class);
            RoutingContext key = RoutingContext.ofKey("1245");
            AtomicReference<Boolean> virtual = new AtomicReference<>();
            AtomicReference<RoutingContext> seen = new AtomicReference<>();
            AtomicReference<Future<?>> task = new AtomicReference<>();

            RoutingContextHolder.runWith(key, () -> task.set(executor.submit(() -> {
                virtual.set(isVirtual(Thread.currentThread()));
                seen.set(RoutingContextHolder.get());
            })));
            task.get().get(10, TimeUnit.SECONDS);

            assertThat(virtual.get()).as("task ran on a virtual thread").isTrue();
            assertThat(seen.get()).isEqualTo(key);
        });
    }

    /** {@code Thread.isVirtual()} exists from Java 21; this module compiles for Java 17. */
    private static boolean isVirtual(Thread thread) {
        try {
            Method isVirtual = Thread.class.getMethod("isVirtual");
            return (Boolean) isVirtual.invoke(thread);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Thread.isVirtual() is missing on Java " + Runtime.version(), e);
        }
    }
}
