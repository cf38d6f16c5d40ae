package io.unitrouter.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration metadata that spring-boot-configuration-processor generates from
 * {@link UnitRouterProperties}: what IDEs show when completing {@code unit-router.*} properties.
 */
class ConfigurationMetadataTest {

    static Map<String, JsonNode> properties;

    @BeforeAll
    static void readMetadata() throws Exception {
        List<JsonNode> documents = new ArrayList<>();
        JsonMapper json = JsonMapper.builder().build();
        for (URL url : Collections.list(ConfigurationMetadataTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                JsonNode document = json.readTree(in);
                for (JsonNode property : document.path("properties")) {
                    if (property.path("name").asString().startsWith("unit-router.")) {
                        documents.add(document);
                        break;
                    }
                }
            }
        }
        assertThat(documents).as("exactly one metadata file describes unit-router.* (the starter's)").hasSize(1);
        properties = new LinkedHashMap<>();
        for (JsonNode property : documents.get(0).path("properties")) {
            String name = property.path("name").asString();
            if (name.startsWith("unit-router.")) {
                properties.put(name, property);
            }
        }
    }

    @Test
    void everyUnitRouterPropertyHasADescription() {
        assertThat(properties).isNotEmpty();
        assertThat(properties.values()).allSatisfy(property -> assertThat(property.path("description").asString())
                .as("description of %s", property.path("name").asString()).isNotBlank());
    }

    @Test
    void keyPropertiesAreDescribed() {
        assertThat(properties).containsKeys("unit-router.enabled", "unit-router.local-cell",
                "unit-router.rules.location", "unit-router.rules.poll-interval", "unit-router.key.sources",
                "unit-router.protection.mode", "unit-router.protection.default-scope",
                "unit-router.protection.max-hops", "unit-router.protection.retry-after",
                "unit-router.security.secret", "unit-router.security.previous-secrets",
                "unit-router.loadbalancer.enabled", "unit-router.loadbalancer.read-fallback",
                "unit-router.circuitbreaker.enabled", "unit-router.rules.nacos.server-addr");
    }

    @Test
    void typesAndDefaultsMatchTheProperties() {
        assertThat(properties.get("unit-router.protection.mode").path("type").asString())
                .isEqualTo("io.unitrouter.spring.autoconfigure.ProtectionMode");
        assertThat(properties.get("unit-router.protection.mode").path("defaultValue").asString())
                .isEqualTo("reject");
        assertThat(properties.get("unit-router.loadbalancer.read-fallback").path("type").asString())
                .isEqualTo("io.unitrouter.spring.loadbalancer.ReadFallback");
        assertThat(properties.get("unit-router.rules.location").path("defaultValue").asString())
                .isEqualTo("classpath:unit-router/rules.yaml");
        assertThat(properties.get("unit-router.enabled").path("defaultValue").asBoolean()).isTrue();
        assertThat(properties.get("unit-router.protection.max-hops").path("defaultValue").asInt()).isEqualTo(1);
    }
}
