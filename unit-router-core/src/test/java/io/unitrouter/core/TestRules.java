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

    /**
     * The text of {@code three-cities.yaml} with each {@code from} replaced by the {@code to} after it.
     *
     * @throws IllegalArgumentException if a {@code from} does not occur exactly once
     */
    public static String threeCitiesTextWith(String... fromTo) {
        String text = text("three-cities.yaml");
        for (int i = 0; i < fromTo.length; i += 2) {
            int at = text.indexOf(fromTo[i]);
            if (at < 0 || text.indexOf(fromTo[i], at + 1) >= 0) {
                throw new IllegalArgumentException("'" + fromTo[i] + "' does not occur exactly once");
            }
            text = text.substring(0, at) + fromTo[i + 1] + text.substring(at + fromTo[i].length());
        }
        return text;
    }

    /** {@link #threeCities()} with the edits of {@link #threeCitiesTextWith}. */
    public static RuleDocument threeCitiesWith(String... fromTo) {
        return RuleDocuments.parse(threeCitiesTextWith(fromTo), "three-cities.yaml");
    }

    /** Three cities, five data centers, epoch 42, 100 shards by {@code mod}, 20 per RZone. */
    public static RuleDocument threeCities() {
        return RuleDocuments.parse(text("three-cities.yaml"), "three-cities.yaml");
    }
}
