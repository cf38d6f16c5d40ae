package io.unitrouter.core;

import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The reference rule documents shared by tests, loaded from {@code src/test/resources/rules}. */
public final class TestRules {

    private TestRules() {
    }

    /** The text of {@code rules/<name>}. */
    public static String text(String name) {
        try (InputStream in = TestRules.class.getResourceAsStream("/rules/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test rule document rules/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Three cities, five data centers, epoch 42, 100 shards by {@code mod}, 20 per RZone. */
    public static RuleDocument threeCities() {
        return RuleDocuments.parse(text("three-cities.yaml"), "three-cities.yaml");
    }
}
