package io.unitrouter.spring.autoconfigure;

import io.unitrouter.core.Access;
import io.unitrouter.core.context.RoutingContext;
import io.unitrouter.core.context.RoutingHeaderCodec;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;

/**
 * Runs, on Spring Boot's background pre-initialisation thread, the code that unit-router's beans run first at
 * start-up and a cell runs on its first request: reading and checking a rule document (SnakeYAML's parser, the
 * rule reader and validator), building a router on it, and signing and verifying a routing context. None of
 * it touches the application's rules, files, threads or beans: it reads a small document of its own and keeps
 * nothing.
 *
 * <p>Why: most of what the starter adds to a service's start-up is the JVM loading, verifying and
 * initialising several hundred classes (unit-router's, SnakeYAML's) and linking their lambdas, one after the
 * other on the main thread. Boot runs its own warm-ups (Jackson, Tomcat, conversion) the same way, early,
 * while the main thread is still reading configuration; by the time the main thread creates the rule store,
 * these classes are ready. The CPU time is the same; it is spent on a core that is otherwise idle then.
 *
 * <p>Boot skips all background pre-initialisation on a single CPU, and when the system property
 * {@code spring.backgroundpreinitializer.ignore} is {@code true}. A failure here costs only the warm-up: the
 * beans run the same code again and report any real problem themselves.
 */
final class UnitRouterBackgroundPreinitializer implements BackgroundPreinitializer {

    private static final System.Logger LOG = System.getLogger(UnitRouterBackgroundPreinitializer.class.getName());

    /** A small document in the styles rule files use: flow and block mappings, quoted ranges; two cities. */
    static final String RULES = """
            epoch: 1
            shards: 10
            shard-function: { type: mod }
            cities:
              - id: c1
                data-centers: [dc1]
              - { id: c2, data-centers: [dc2] }
            cells:
              - { id: rz01, kind: RZONE, data-center: dc1, capacity: 100 }
              - { id: rz02, kind: RZONE, data-center: dc2, capacity: 100 }
              - { id: gz01, kind: GZONE, data-center: dc1, standby: gz02 }
              - { id: gz02, kind: GZONE, data-center: dc2 }
            routing:
              - { shards: "0-4", cell: rz01 }
              - { shards: "5-9", cell: rz02 }
            frozen: []
            overrides: []
            """;

    /** Only signs the warm-up's own context; never a request's. */
    private static final byte[] SECRET = "unit-router-background-preinitialisation".getBytes(StandardCharsets.UTF_8);

    @Override
    public void preinitialize() {
        try {
            warmUp();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.DEBUG, "unit-router: background pre-initialisation failed; the beans will"
                    + " do the same work at start-up", e);
        }
    }

    /** The warm-up itself, failing loudly (for tests). */
    static void warmUp() {
        RuleDocument rules = RuleDocuments.parse(RULES, "unit-router background pre-initialisation");
        try (UnitRouter router = UnitRouter.builder().rules(rules).localCell("rz01").build()) {
            RoutingContext context = RoutingContext.of("7", router.route("7", Access.READ));
            RoutingHeaderCodec codec = RoutingHeaderCodec.signed(SECRET);
            Map<String, String> headers = codec.encode(context, "GET", "/accounts/7");
            if (!codec.decode(headers::get, "GET", "/accounts/7").equals(Optional.of(context))) {
                throw new IllegalStateException("the warm-up's routing context did not read back: " + headers);
            }
        }
    }
}
