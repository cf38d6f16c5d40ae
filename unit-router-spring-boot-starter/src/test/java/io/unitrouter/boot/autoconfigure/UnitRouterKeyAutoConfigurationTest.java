package io.unitrouter.boot.autoconfigure;

import static io.unitrouter.spring.autoconfigure.ConfigurationFailures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.spring.TestRules;
import io.unitrouter.spring.autoconfigure.UnitRouterAutoConfiguration;
import io.unitrouter.spring.autoconfigure.UnitRouterConfigurationException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The routing-key sources refuse to start on a source they cannot read, naming it. */
class UnitRouterKeyAutoConfigurationTest {

    private final ApplicationContextRunner withRules = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(UnitRouterAutoConfiguration.class,
                    UnitRouterKeyAutoConfiguration.class))
            .withPropertyValues("unit-router.instance-id=failure-test", "unit-router.rules.location=" + TestRules.LOCATION);

    @Test
    void invalidKeySourceNamesItsIndexAndValue() {
        withRules.withPropertyValues("unit-router.key.sources=body:x").run(context -> {
            UnitRouterConfigurationException e = failure(context, "unit-router.key.sources[0]");
            assertThat(e.getMessage()).contains("'body:x'").contains("unknown type 'body'");
            assertThat(e.action()).contains("header:NAME");
        });
    }

    @Test
    void invalidSecondKeySourceNamesIndexOne() {
        withRules.withPropertyValues("unit-router.key.sources=header:X-User-Id,nocolon").run(context -> {
            UnitRouterConfigurationException e = failure(context, "unit-router.key.sources[1]");
            assertThat(e.getMessage()).contains("'nocolon'").contains("is not of the form type:name");
        });
    }

    @Test
    void emptyKeySourcesWithoutAKeyExtractorBeanAreRefused() {
        withRules.withPropertyValues("unit-router.key.sources=").run(context -> {
            UnitRouterConfigurationException e = failure(context, "unit-router.key.sources");
            assertThat(e.getMessage()).contains("is empty and no KeyExtractor bean is declared");
            assertThat(e.action()).contains("header:X-User-Id");
        });
    }
}
