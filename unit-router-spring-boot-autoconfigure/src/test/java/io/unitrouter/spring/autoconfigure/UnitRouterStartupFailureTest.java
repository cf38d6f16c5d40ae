package io.unitrouter.spring.autoconfigure;

import static io.unitrouter.spring.autoconfigure.ConfigurationFailures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.rules.RuleValidationException;
import io.unitrouter.core.spi.RuleStoreException;
import io.unitrouter.spring.TestRules;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Every way unit-router refuses to start: the context fails with a {@link UnitRouterConfigurationException}
 * in its cause chain that names the property at fault, says what is wrong with its value, and says what to do.
 */
class UnitRouterStartupFailureTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(UnitRouterAutoConfiguration.class))
            .withPropertyValues("unit-router.instance-id=failure-test");

    private final ApplicationContextRunner withRules = runner
            .withPropertyValues("unit-router.rules.location=" + TestRules.LOCATION);

    @TempDir
    Path dir;

    @Test
    void unknownLocalCellNamesThePropertyAndTheValue() {
        withRules.withPropertyValues("unit-router.local-cell=rz09").run(context -> {
            UnitRouterConfigurationException e = failure(context, "unit-router.local-cell");
            assertThat(e.getMessage()).contains("'rz09'").contains("is not defined")
                    .contains("known cells: [rz01, rz02, rz03, rz04, rz05, gz01, gz02, czhz]");
            assertThat(e.action()).contains("unit-router.local-cell");
        });
    }

    @Test
    void aHeartbeatOutOfRangeNamesThePropertyAndTheValue() {
        withRules.withPropertyValues("unit-router.heartbeat=10ms").run(context -> {
            UnitRouterConfigurationException e = failure(context, "unit-router.heartbeat");
            assertThat(e.getMessage()).contains("must be 100ms..1h, or 0 for none, was PT0.01S");
        });
    }

    @Test
    void tooShortSecretNamesThePropertyAndItsLength() {
        withRules.withPropertyValues("unit-router.security.secret=only-12-byte").run(context -> {
            UnitRouterConfigurationException e = failure(context, "unit-router.security.secret");
            assertThat(e.getMessage()).contains("12 bytes long").contains("at least 32");
            assertThat(e.action()).contains("32 bytes");
        });
    }

    @Test
    void tooShortPreviousSecretFailsNamingItsLength() {
        withRules.withPropertyValues("unit-router.security.secret=0123456789abcdef0123456789abcdef",
                "unit-router.security.previous-secrets=short").run(context -> {
                    UnitRouterConfigurationException e = failure(context,
                            "unit-router.security.previous-secrets[0]");
                    assertThat(e.getMessage()).contains("is 5 bytes long; it must be at least 32");
                });
    }

    @Test
    void missingClasspathRuleDocumentNamesTheLocation() {
        runner.run(context -> {
            // The default location, classpath:unit-router/rules.yaml, is not on the test classpath.
            UnitRouterConfigurationException e = failure(context, "unit-router.rules.location");
            assertThat(e.getMessage()).contains("'classpath:unit-router/rules.yaml' does not exist");
            assertThat(e.action()).isNotBlank();
        });
    }

    @Test
    void invalidClasspathRuleDocumentListsEveryValidationError() {
        runner.withPropertyValues("unit-router.rules.location=classpath:rules/broken.yaml").run(context -> {
            UnitRouterConfigurationException e = failure(context, "unit-router.rules.location");
            assertThat(e.getMessage()).contains("classpath:rules/broken.yaml").contains("(3 errors)")
                    .contains("routing[2]: cell 'rz09' is not defined")
                    .contains("shards 15-19 are owned by both rz01 and rz02")
                    .contains("shards 60-99 have no owner");
            assertThat(e.getCause()).isInstanceOf(RuleValidationException.class);
            assertThat(((RuleValidationException) e.getCause()).errors()).hasSize(3);
            assertThat(e.action()).contains("rules validate");
        });
    }

    @Test
    void fileLocationInAMissingDirectoryNamesTheDirectory() {
        Path missing = dir.resolve("no-such-dir").resolve("rules.yaml");
        runner.withPropertyValues("unit-router.rules.location=file:" + missing).run(context -> {
            UnitRouterConfigurationException e = failure(context, "unit-router.rules.location");
            assertThat(e.getMessage()).contains("cannot open 'file:" + missing + "'")
                    .contains("directory " + missing.getParent() + " does not exist");
            assertThat(e.getCause()).isInstanceOf(RuleStoreException.class);
        });
    }

    @Test
    void missingRuleFileInAnExistingDirectoryMeansNoValidRules() {
        Path missing = dir.resolve("rules.yaml");
        runner.withPropertyValues("unit-router.rules.location=file:" + missing).run(context -> {
            UnitRouterConfigurationException e = failure(context, "unit-router.rules.location");
            assertThat(e.getMessage()).contains("no valid rules: file:" + missing)
                    .contains("the rule file does not exist");
            assertThat(e.getCause()).isInstanceOf(RuleStoreException.class);
        });
    }

    @Test
    void invalidRuleFileMeansNoValidRulesAndListsTheErrors() throws Exception {
        Path file = dir.resolve("rules.yaml");
        Files.writeString(file, TestRules.text().replace("cell: rz05", "cell: rz09"));
        runner.withPropertyValues("unit-router.rules.location=file:" + file).run(context -> {
            UnitRouterConfigurationException e = failure(context, "unit-router.rules.location");
            assertThat(e.getMessage()).contains("no valid rules: file:" + file).contains("'rz09'");
        });
    }

    @Test
    void validRuleFileStarts() throws Exception {
        Path file = dir.resolve("rules.yaml");
        Files.writeString(file, TestRules.text());
        runner.withPropertyValues("unit-router.rules.location=file:" + file, "unit-router.local-cell=rz03")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(UnitRouter.class).table().epoch()).isEqualTo(42);
                });
    }

    @Test
    void locationWithAnUnknownPrefixNamesIt() {
        runner.withPropertyValues("unit-router.rules.location=https://config.example/rules.yaml").run(context -> {
            UnitRouterConfigurationException e = failure(context, "unit-router.rules.location");
            assertThat(e.getMessage())
                    .contains("'https://config.example/rules.yaml' does not start with classpath:, file: or nacos:");
            assertThat(e.action()).contains("classpath:").contains("file:").contains("nacos:");
        });
    }

    @Test
    void emptyLocationIsRefused() {
        runner.withPropertyValues("unit-router.rules.location=").run(context -> {
            UnitRouterConfigurationException e = failure(context, "unit-router.rules.location");
            assertThat(e.getMessage()).contains("is empty");
        });
    }
}
