package io.unitrouter.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link UnitRouterConfigurationException} into Spring Boot's "APPLICATION FAILED TO START" report. */
class UnitRouterFailureAnalyzer extends AbstractFailureAnalyzer<UnitRouterConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnitRouterConfigurationException cause) {
        return new FailureAnalysis("unit-router could not start: " + cause.getMessage(), cause.action(), cause);
    }
}
