package io.unitrouter.benchmarks.rules;

import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.json.JsonMapper;

/** The same rule document as JSON, for the JSON parsing benchmark. */
final class JsonText {

    private JsonText() {
    }

    /**
     * Converts a rule document's YAML, as {@code RuleDocuments.toYaml} writes it, to compact JSON.
     *
     * @param yaml the YAML text
     * @return the JSON text
     */
    static String of(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(8 * 1024 * 1024);
        Map<?, ?> tree = new Yaml(new SafeConstructor(options)).load(yaml);
        return JsonMapper.builder().build().writeValueAsString(tree);
    }
}
