package io.unitrouter.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.unitrouter.core.rules.RuleDocuments;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;
import org.springframework.core.io.support.SpringFactoriesLoader;

class UnitRouterBackgroundPreinitializerTest {

    @Test
    void isRunByBootsBackgroundPreinitialisation() {
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(BackgroundPreinitializer.class))
                .hasAtLeastOneElementOfType(UnitRouterBackgroundPreinitializer.class);
    }

    @Test
    void itsOwnDocumentIsValidAndItsContextReadsBack() {
        assertThat(RuleDocuments.parse(UnitRouterBackgroundPreinitializer.RULES, "test").topology().cells()).hasSize(4);

        assertThatCode(UnitRouterBackgroundPreinitializer::warmUp).doesNotThrowAnyException();
    }

    @Test
    void leavesNoThreadRunning() {
        new UnitRouterBackgroundPreinitializer().preinitialize();

        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().startsWith("unit-router"));
    }
}
