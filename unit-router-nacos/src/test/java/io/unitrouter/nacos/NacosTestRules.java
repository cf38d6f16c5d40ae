package io.unitrouter.nacos;

import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The reference rule document for the Nacos tests, {@code src/test/resources/rules/nacos-three-cities.yaml}
 * (a copy of the core module's {@code three-cities.yaml}). Stateless and thread-safe.
 */
public final class NacosTestRules {

    /** The resource path of the reference document. */
    public static final String RESOURCE = "rules/nacos-three-cities.yaml";

    private NacosTestRules() {
    }

    /** The reference text: three cities, five RZone cells with 20 shards each, epoch 42, {@code mod} over 100. */
    public static String text() {
        try (InputStream in = NacosTestRules.class.getResourceAsStream("/" + RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reference document, epoch 42. */
    public static RuleDocument threeCities() {
        return RuleDocuments.parse(text(), RESOURCE);
    }

    /** {@code base} at {@code epoch}, with {@code shard} moved to {@code newOwner}. */
    public static RuleDocument next(RuleDocument base, long epoch, int shard, String newOwner) {
        String[] owners = base.owners();
        owners[shard] = newOwner;
        return base.toBuilder().epoch(epoch).owners(owners).build();
    }

    /** The document as the store publishes it. */
    public static String yaml(RuleDocument document) {
        return RuleDocuments.toYaml(document);
    }
}
