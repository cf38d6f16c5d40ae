package io.unitrouter.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;

/** Finds the {@link UnitRouterConfigurationException} that stopped a test context. Stateless. */
public final class ConfigurationFailures {

    private ConfigurationFailures() {
    }

    /** The configuration exception in the start-up failure's cause chain, checked to name {@code property}. */
    public static UnitRouterConfigurationException failure(AssertableApplicationContext context, String property) {
        UnitRouterConfigurationException e = failure(context);
        assertThat(e.property()).isEqualTo(property);
        assertThat(e.getMessage()).startsWith(property + ": ");
        assertThat(e.context()).containsEntry("property", property);
        assertThat(e.action()).isNotBlank();
        return e;
    }

    public static UnitRouterConfigurationException failure(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        Throwable failure = context.getStartupFailure();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnitRouterConfigurationException e) {
                return e;
            }
        }
        throw new AssertionError("no UnitRouterConfigurationException in the cause chain of " + failure, failure);
    }
}
