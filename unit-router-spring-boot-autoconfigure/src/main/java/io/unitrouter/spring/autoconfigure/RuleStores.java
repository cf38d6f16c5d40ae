package io.unitrouter.spring.autoconfigure;

import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.rules.RuleDocuments;
import io.unitrouter.core.rules.RuleValidationException;
import io.unitrouter.core.spi.RuleStore;
import io.unitrouter.core.store.FileRuleStore;
import io.unitrouter.core.store.InMemoryRuleStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Opens the rule store that {@code unit-router.rules.location} names: a classpath resource or a file.
 * {@code nacos:} locations are served by {@link UnitRouterNacosAutoConfiguration}; they only get here when
 * the Nacos rule store (unit-router-nacos) or the Nacos client is missing.
 */
final class RuleStores {

    static final String LOCATION = "unit-router.rules.location";

    private RuleStores() {
    }

    static RuleStore open(UnitRouterProperties.Rules rules, ResourceLoader resources) {
        String location = rules.getLocation();
        if (location == null || location.isBlank()) {
            throw new UnitRouterConfigurationException(LOCATION, "is empty",
                    "Set unit-router.rules.location to classpath:..., file:... or nacos:<data-id>.", null);
        }
        if (location.startsWith("classpath:")) {
            return classpath(location, resources);
        }
        if (location.startsWith("file:")) {
            return file(location, rules);
        }
        if (location.startsWith("nacos:")) {
            throw new UnitRouterConfigurationException(LOCATION, "'" + location + "' needs the Nacos rule store",
                    "Add io.unitrouter:unit-router-nacos (it brings com.alibaba.nacos:nacos-client) to the"
                            + " application's dependencies, and do not exclude UnitRouterNacosAutoConfiguration.", null);
        }
        throw new UnitRouterConfigurationException(LOCATION, "'" + location
                + "' does not start with classpath:, file: or nacos:",
                "Use classpath:path/rules.yaml, file:/path/rules.yaml or nacos:<data-id>.", null);
    }

    private static RuleStore classpath(String location, ResourceLoader resources) {
        Resource resource = resources.getResource(location);
        if (!resource.exists()) {
            throw new UnitRouterConfigurationException(LOCATION, "rule document '" + location + "' does not exist",
                    "Add the rule document to the classpath, or point unit-router.rules.location at it.", null);
        }
        String text;
        try (InputStream in = resource.getInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UnitRouterConfigurationException(LOCATION, "cannot read '" + location + "': " + e,
                    "Check the resource.", e);
        }
        try {
            return new InMemoryRuleStore(RuleDocuments.parse(text, location));
        } catch (RuleValidationException e) {
            throw new UnitRouterConfigurationException(LOCATION, e.getMessage(),
                    "Fix the rule document; 'unit-router rules validate FILE' lists every error.", e);
        }
    }

    private static RuleStore file(String location, UnitRouterProperties.Rules rules) {
        Path path = Path.of(location.substring("file:".length()));
        java.time.Duration interval = rules.getPollInterval();
        if (interval == null || interval.toMillis() < 10 || interval.compareTo(java.time.Duration.ofHours(1)) > 0) {
            throw new UnitRouterConfigurationException("unit-router.rules.poll-interval", "must be 10ms..1h, was "
                    + interval, "Use a poll interval such as 1s.", null);
        }
        try {
            return FileRuleStore.builder(path).pollInterval(rules.getPollInterval()).build();
        } catch (UnitRouterException | IllegalArgumentException e) {
            throw new UnitRouterConfigurationException(LOCATION, "cannot open '" + location + "': " + e.getMessage(),
                    "Create the directory and the rule file, or point unit-router.rules.location at them.", e);
        }
    }
}
