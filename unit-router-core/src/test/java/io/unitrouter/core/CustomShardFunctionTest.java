package io.unitrouter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import io.unitrouter.core.shard.ShardFunction;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A shard function named in a rule document by class, and what happens when one misbehaves. */
class CustomShardFunctionTest {

    private static RuleDocument rulesWith(Class<? extends ShardFunction> function) {
        String text = TestRules.text("three-cities.yaml").replace("shard-function: { type: mod }",
                "shard-function: { type: custom, class: " + function.getName() + " }");
        return RuleDocuments.parse(text, "custom.yaml");
    }

    @Test
    void routesWithTheNamedFunction() {
        try (UnitRouter router = UnitRouter.builder().rules(rulesWith(CustomShardFunctions.LastDigits.class))
                .localCell("rz01").build()) {
            RouteDecision decision = router.route("account-67", Access.WRITE);

            assertThat(decision.shard()).isEqualTo(67);
            assertThat(decision.cell()).isEqualTo("rz04");
            assertThat(router.route(1205L, Access.READ).cell()).isEqualTo("rz01");
        }
    }

    @Test
    void malformedKeyFromTheCustomFunctionIsNotRouted() {
        try (UnitRouter router = UnitRouter.builder().rules(rulesWith(CustomShardFunctions.LastDigits.class)).build()) {
            assertNotRouted(() -> router.route("account-x", Access.READ), MalformedKeyException.class,
                    "routing key 'account-x' does not end in digits");
        }
    }

    @Test
    void shardPastTheEndIsAnErrorNamingTheFunctionNeverARoute() {
        RuleDocument rules = rulesWith(CustomShardFunctions.OnePastTheEnd.class);
        RoutingTable table = RoutingTable.of(rules);
        String message = "shard function one-past-the-end returned shard 100 for key '1205', outside 0..99";

        try (UnitRouter router = UnitRouter.builder().rules(rules).localCell("rz01").build()) {
            assertNotRouted(() -> table.shardOf("1205"), UnitRouterException.class, message);
            assertNotRouted(() -> table.targetOf("1205"), UnitRouterException.class, message);
            assertNotRouted(() -> router.route("1205", Access.WRITE), UnitRouterException.class, message);
            assertNotRouted(() -> router.route(1205L, Access.READ), UnitRouterException.class, message);
        }
        UnitRouterException e = (UnitRouterException) catchThrowable(() -> table.shardOf("1205"));
        assertThat(e.context()).containsEntry("function", "one-past-the-end").containsEntry("shard", 100)
                .containsEntry("key", "'1205'");
    }

    @Test
    void negativeShardIsAnErrorNamingTheFunctionNeverARoute() {
        try (UnitRouter router = UnitRouter.builder().rules(rulesWith(CustomShardFunctions.MinusOne.class)).build()) {
            assertNotRouted(() -> router.route("1205", Access.READ), UnitRouterException.class,
                    "shard function minus-one returned shard -1 for key '1205', outside 0..99");
        }
    }

    private static void assertNotRouted(Supplier<?> call, Class<? extends Throwable> type, String message) {
        AtomicReference<Object> returned = new AtomicReference<>();
        Throwable thrown = catchThrowable(() -> returned.set(call.get()));

        assertThat(thrown).isExactlyInstanceOf(type).hasMessage(message);
        assertThat(returned.get()).as("no route is returned").isNull();
    }
}
