package io.unitrouter.cli;

import io.unitrouter.cli.AppActiveRuleSet.IdSource;
import io.unitrouter.core.key.KeySources;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The key sources that find the id where AppActive's id source finds it, as configuration for the Spring
 * Boot starter ({@code unit-router.key.sources}) and the gateway ({@code unit-router.gateway.key-sources}).
 * AppActive's {@code arg} becomes {@code query:}, {@code header} {@code header:} and {@code cookie}
 * {@code cookie:}, each with AppActive's token key, in AppActive's order.
 *
 * @param sources the sources in key-source syntax, e.g. {@code header:r_id}
 */
record KeySourceConfig(List<String> sources) {

    KeySourceConfig {
        sources = List.copyOf(sources);
        // Fail here rather than in a service at start-up: the same parser reads unit-router.key.sources.
        sources.forEach(KeySources::parse);
    }

    static KeySourceConfig of(IdSource idSource) {
        return new KeySourceConfig(idSource.sources().stream().map(source -> switch (source) {
            case "arg" -> "query:" + idSource.tokenKey();
            case "header" -> "header:" + idSource.tokenKey();
            case "cookie" -> "cookie:" + idSource.tokenKey();
            default -> throw new IllegalArgumentException("not an AppActive id source: " + source);
        }).toList());
    }

    /** The starter's configuration, as YAML for {@code application.yml}. */
    String starter() {
        return YamlText.dump(nested(List.of("unit-router", "key", "sources")));
    }

    /** The gateway's configuration, as YAML for the gateway's {@code application.yml}. */
    String gateway() {
        return YamlText.dump(nested(List.of("unit-router", "gateway", "key-sources")));
    }

    private Map<String, Object> nested(List<String> path) {
        Object value = sources;
        for (int i = path.size() - 1; i >= 0; i--) {
            Map<String, Object> level = new LinkedHashMap<>();
            level.put(path.get(i), value);
            value = level;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) value;
        return root;
    }
}
