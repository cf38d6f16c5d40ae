package io.unitrouter.cli;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** Writes maps and lists as YAML in the layout of unit-router's own rule writer: one entry per line. */
final class YamlText {

    private YamlText() {
    }

    static String dump(Object tree) {
        DumperOptions options = new DumperOptions();
        // AUTO puts entries of scalars on one line ({id: rz01, kind: RZONE, ...}) and nests the rest as blocks.
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.AUTO);
        options.setDefaultScalarStyle(DumperOptions.ScalarStyle.PLAIN);
        options.setWidth(120);
        return new Yaml(options).dump(tree);
    }
}
