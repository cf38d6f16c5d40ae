package io.unitrouter.benchmarks;

import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The rules the gateway and data-layer benchmarks route by: three cities, five RZones owning 20 of 100 shards
 * each, {@code mod} shard function, epoch 42.
 */
public final class BenchmarkRules {

    /** The RZone cells, in shard order: rz01 owns shards 0-19, ..., rz05 owns 80-99. */
    public static final String[] RZONES = {"rz01", "rz02", "rz03", "rz04", "rz05"};

    private BenchmarkRules() {
    }

    /** The rule document's text. */
    public static String text() {
        try (InputStream in = BenchmarkRules.class.getResourceAsStream("rules.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rule document. */
    public static RuleDocument document() {
        return RuleDocuments.parse(text(), "benchmark rules.yaml");
    }
}
