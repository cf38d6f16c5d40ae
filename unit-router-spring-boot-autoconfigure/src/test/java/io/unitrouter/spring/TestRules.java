package io.unitrouter.spring;

import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The reference rule document of the starter's tests, {@code rules/three-cities.yaml}: epoch 42, 100 shards by
 * {@code mod}; rz01 owns 0-19, rz02 20-39 (both in city hz), rz03 40-59, rz04 60-79 (sh), rz05 80-99 (sz);
 * gz01 (hz1) is the active GZone with standby gz02 (sh1); czhz is the CZone of hz.
 */
public final class TestRules {

    /** The classpath location of the reference document, for {@code unit-router.rules.location}. */
    public static final String LOCATION = "classpath:rules/three-cities.yaml";

    private TestRules() {
    }

    /** The text of the reference document. */
    public static String text() {
        try (InputStream in = TestRules.class.getResourceAsStream("/rules/three-cities.yaml")) {
            if (in == null) {
                throw new IllegalStateException("rules/three-cities.yaml is not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reference document. */
    public static RuleDocument threeCities() {
        return RuleDocuments.parse(text(), "three-cities.yaml");
    }

    /**
     * The reference document with each {@code from} replaced by the {@code to} after it.
     *
     * @throws IllegalArgumentException if a {@code from} does not occur exactly once
     */
    public static RuleDocument threeCitiesWith(String... fromTo) {
        String text = text();
        for (int i = 0; i < fromTo.length; i += 2) {
            int at = text.indexOf(fromTo[i]);
            if (at < 0 || text.indexOf(fromTo[i], at + 1) >= 0) {
                throw new IllegalArgumentException("'" + fromTo[i] + "' does not occur exactly once");
            }
            text = text.substring(0, at) + fromTo[i + 1] + text.substring(at + fromTo[i].length());
        }
        return RuleDocuments.parse(text, "three-cities.yaml");
    }

    /** A router on the reference document running in {@code localCell} ({@code null} for a gateway). */
    public static UnitRouter router(String localCell) {
        return UnitRouter.builder().rules(threeCities()).localCell(localCell).build();
    }

    /** A router on {@code rules} running in {@code localCell}. */
    public static UnitRouter router(RuleDocument rules, String localCell) {
        return UnitRouter.builder().rules(rules).localCell(localCell).build();
    }
}
