package io.unitrouter.core.failover.internal;

import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Represent;
import org.yaml.snakeyaml.representer.Representer;

/**
 * YAML for plain maps, lists, strings and numbers, as the failover journal keeps them: block style, and
 * multi-line strings (the journaled rule documents) as literal blocks, so that an operator can read the
 * journal. Loading builds only plain Java types.
 *
 * <p>Stateless and thread-safe: every call uses its own parser.
 */
public final class YamlText {

    /** The largest text loaded: 64 MiB, room for twenty runs with two large documents each. */
    private static final int MAX_CODE_POINTS = 64 * 1024 * 1024;

    private YamlText() {
    }

    /**
     * Writes a map as YAML.
     *
     * @param root maps, lists, strings, numbers and booleans
     * @return the text
     */
    public static String dump(Map<String, Object> root) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(120);
        options.setSplitLines(false);
        return new Yaml(new MultilineRepresenter(options), options).dump(root);
    }

    /**
     * Reads YAML into plain Java types.
     *
     * @param text the text
     * @return the top-level value
     * @throws IllegalArgumentException if the text is not YAML, or is larger than 64 MiB
     */
    public static Object load(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setAllowDuplicateKeys(false);
        try {
            return new Yaml(new SafeConstructor(options)).load(text);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("not valid YAML: " + e.getMessage(), e);
        }
    }

    /** Writes strings that span lines as literal blocks ({@code |}) instead of escaped one-liners. */
    private static final class MultilineRepresenter extends Representer {

        MultilineRepresenter(DumperOptions options) {
            super(options);
            Represent plain = representers.get(String.class);
            representers.put(String.class, data -> {
                String text = data.toString();
                if (text.indexOf('\n') >= 0 && text.chars().noneMatch(c -> c == '\r' || c == '\t')) {
                    return representScalar(Tag.STR, text, DumperOptions.ScalarStyle.LITERAL);
                }
                return plain.representData(data);
            });
        }
    }
}
