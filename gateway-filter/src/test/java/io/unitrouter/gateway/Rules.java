package io.unitrouter.gateway;

import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The reference rules of the tests: three cities, five RZones owning 20 shards each, gz01, gz02 and czhz. */
final class Rules {

    private Rules() {
    }

    /** The reference document, epoch 42. */
    static RuleDocument reference() {
        try (InputStream in = Rules.class.getResourceAsStream("/rules/three-cities.yaml")) {
            return RuleDocuments.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "three-cities.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A gateway router (no local cell) on fixed rules, changed only through {@link UnitRouter#apply}. */
    static UnitRouter router() {
        return UnitRouter.builder().rules(reference()).build();
    }
}
