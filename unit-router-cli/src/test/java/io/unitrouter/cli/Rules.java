package io.unitrouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Rule files for the tests, written into a temporary directory: the reference three-cities document
 * (epoch 42, 100 shards under {@code mod}, rz01..rz05 owning 20 shards each) and edits of it.
 */
final class Rules {

    static final String THREE_CITIES = load("/rules/three-cities.yaml");

    private final Path dir;
    private String text = THREE_CITIES;

    private Rules(Path dir) {
        this.dir = dir;
    }

    /** Starts from the three-cities document. */
    static Rules threeCities(Path dir) {
        return new Rules(dir);
    }

    /** Replaces text that must occur in the document, so a changed fixture fails loudly. */
    Rules replace(String from, String to) {
        assertThat(text).as("fixture text to replace").contains(from);
        text = text.replace(from, to);
        return this;
    }

    Rules epoch(long epoch) {
        return replace("epoch: 42", "epoch: " + epoch);
    }

    Rules frozen(String yamlList) {
        return replace("frozen: []", "frozen: " + yamlList);
    }

    /** Moves shards 20-29 from rz02 to rz01. */
    Rules moveShards20To29ToRz01() {
        return replace("{ shards: \"0-19\",  cell: rz01 }", "{ shards: \"0-29\",  cell: rz01 }")
                .replace("{ shards: \"20-39\", cell: rz02 }", "{ shards: \"30-39\", cell: rz02 }");
    }

    Path write(String name) {
        Path file = dir.resolve(name);
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static String load(String resource) {
        try (InputStream in = Rules.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
