package io.unitrouter.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.spring.TestRules;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** Spring Boot's "APPLICATION FAILED TO START" report for unit-router's configuration errors. */
class UnitRouterFailureAnalyzerTest {

    private final UnitRouterFailureAnalyzer analyzer = new UnitRouterFailureAnalyzer();

    @Test
    void describesTheProblemAndTheAction() {
        UnitRouterConfigurationException cause = new UnitRouterConfigurationException("unit-router.local-cell",
                "'rz09' is not usable", "Set unit-router.local-cell to a declared cell.", null);
        FailureAnalysis analysis = analyzer.analyze(new BeanCreationException("unitRouter", "boom", cause));
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription())
                .isEqualTo("unit-router could not start: unit-router.local-cell: 'rz09' is not usable");
        assertThat(analysis.getAction()).isEqualTo("Set unit-router.local-cell to a declared cell.");
        assertThat(analysis.getCause()).isSameAs(cause);
    }

    @Test
    void findsTheExceptionDeepInTheCauseChain() {
        UnitRouterConfigurationException cause = new UnitRouterConfigurationException("unit-router.key.sources",
                "is empty", "Configure one.", null);
        Throwable wrapped = new IllegalStateException("outer", new BeanCreationException("inner", cause));
        assertThat(analyzer.analyze(wrapped)).extracting(FailureAnalysis::getAction).isEqualTo("Configure one.");
    }

    @Test
    void ignoresOtherFailures() {
        assertThat(analyzer.analyze(new BeanCreationException("someBean", "unrelated"))).isNull();
    }

    @Test
    void analyzesARealStartupFailure() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(UnitRouterAutoConfiguration.class))
                .withPropertyValues("unit-router.rules.location=" + TestRules.LOCATION,
                        "unit-router.local-cell=rz09", "unit-router.instance-id=analyzer-test")
                .run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = analyzer.analyze(context.getStartupFailure());
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription())
                            .startsWith("unit-router could not start: unit-router.local-cell: 'rz09'");
                    assertThat(analysis.getAction()).contains("Set unit-router.local-cell to a cell declared");
                });
    }

    @Test
    void isRegisteredInSpringFactories() {
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
                .load(FailureAnalyzer.class, SpringFactoriesLoader.ArgumentResolver.none(),
                        // Other analyzers need constructor arguments; only whether ours is listed matters here.
                        SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> { }));
        assertThat(analyzers).hasAtLeastOneElementOfType(UnitRouterFailureAnalyzer.class);
    }
}
