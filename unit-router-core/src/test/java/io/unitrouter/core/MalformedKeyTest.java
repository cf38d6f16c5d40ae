package io.unitrouter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.ShardFunctionSpec;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keys that are not valid routing keys are refused with a message quoting them, by the table and by the
 * router, whatever the shard function: a malformed key is never routed, least of all to a wrong cell.
 */
class MalformedKeyTest {

    static Stream<Arguments> malformedKeys() {
        String ascii = "only visible ASCII is allowed";
        return Stream.of(
                Arguments.of("null", null, "routing key is missing"),
                Arguments.of("empty", "", "routing key '' is empty"),
                Arguments.of("129 characters", "1".repeat(129),
                        "routing key '" + "1".repeat(64) + "...(129 chars)' is 129 characters long; the limit is 128"),
                Arguments.of("a space", "12 34", "routing key '12 34' contains character U+0020 at index 2; " + ascii),
                Arguments.of("non-ASCII", "12\u00e94",
                        "routing key '12\\u00e94' contains character U+00E9 at index 2; " + ascii),
                Arguments.of("a control character", "12\n34",
                        "routing key '12\\u000a34' contains character U+000A at index 2; " + ascii),
                Arguments.of("NUL", "\u000012", "routing key '\\u000012' contains character U+0000 at index 0; " + ascii),
                Arguments.of("DEL", "12\u007f", "routing key '12\\u007f' contains character U+007F at index 2; " + ascii));
    }

    static Stream<Arguments> malformedKeysUnderEachFunction() {
        return malformedKeys().flatMap(args -> Stream.of(ShardFunctionSpec.mod(), ShardFunctionSpec.digits(3, 2),
                ShardFunctionSpec.hash()).map(spec -> Arguments.of(args.get()[0], args.get()[1], args.get()[2], spec)));
    }

    @ParameterizedTest(name = "{0} under {3}")
    @MethodSource("malformedKeysUnderEachFunction")
    void tableRefusesMalformedKeyAndReturnsNothing(String what, String key, String message, ShardFunctionSpec spec) {
        RoutingTable table = RoutingTable.of(rules(spec));

        assertRefused(() -> table.shardOf(key), message);
        assertRefused(() -> table.ownerOf(key), message);
        assertRefused(() -> table.targetOf(key), message);
    }

    @ParameterizedTest(name = "{0} under {3}")
    @MethodSource("malformedKeysUnderEachFunction")
    void routerRefusesMalformedKeyAndReturnsNothing(String what, String key, String message, ShardFunctionSpec spec) {
        try (UnitRouter router = UnitRouter.builder().rules(rules(spec)).localCell("rz01").build()) {
            for (Access access : Access.values()) {
                assertRefused(() -> router.route(key, access), message);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedKeys")
    void routingKeysCheckNamesTheProblem(String what, String key, String message) {
        assertRefused(() -> RoutingKeys.check(key), message);
    }

    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("keysThatDoNotFitTheFunction")
    void routerRefusesKeyThatDoesNotFitTheShardFunction(String key, ShardFunctionSpec spec, String message) {
        try (UnitRouter router = UnitRouter.builder().rules(rules(spec)).build()) {
            assertRefused(() -> router.route(key, Access.READ), message);
            assertRefused(() -> router.table().targetOf(key), message);
        }
    }

    static Stream<Arguments> keysThatDoNotFitTheFunction() {
        String notDecimal = "is not a non-negative decimal number, which the %s shard function needs";
        return Stream.of(
                Arguments.of("12ab", ShardFunctionSpec.mod(), "routing key '12ab' " + notDecimal.formatted("mod")),
                Arguments.of("-5", ShardFunctionSpec.mod(), "routing key '-5' " + notDecimal.formatted("mod")),
                Arguments.of("user-2088", ShardFunctionSpec.digits(3, 2),
                        "routing key 'user-2088' " + notDecimal.formatted("digits")),
                Arguments.of("12", ShardFunctionSpec.digits(3, 2), "routing key '12' is too short: the digits shard"
                        + " function takes 2 digit(s) starting 3 from the end, so it needs at least 3 digits"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("negativeNumericKeys")
    void routerRefusesNegativeNumericKey(ShardFunctionSpec spec, String message) {
        try (UnitRouter router = UnitRouter.builder().rules(rules(spec)).build()) {
            assertRefused(() -> router.route(-5L, Access.WRITE), message);
        }
    }

    static Stream<Arguments> negativeNumericKeys() {
        return Stream.of(Arguments.of(ShardFunctionSpec.mod(),
                        "routing key '-5' is not a non-negative decimal number, which the mod shard function needs"),
                Arguments.of(ShardFunctionSpec.digits(3, 2),
                        "routing key '-5' is not a non-negative decimal number, which the digits shard function needs"));
    }

    private static RuleDocument rules(ShardFunctionSpec spec) {
        return TestRules.threeCities().toBuilder().shardFunction(spec).build();
    }

    private static void assertRefused(Supplier<?> call, String message) {
        AtomicReference<Object> returned = new AtomicReference<>();
        Throwable thrown = catchThrowable(() -> returned.set(call.get()));

        assertThat(thrown).isExactlyInstanceOf(MalformedKeyException.class).hasMessage(message);
        assertThat(returned.get()).as("nothing is returned for a malformed key").isNull();
    }
}
