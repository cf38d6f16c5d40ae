package io.unitrouter.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.ShardFunctionSpec;
import io.unitrouter.core.shard.ShardFunction;
import io.unitrouter.core.shard.ShardFunctions;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shortcuts of the key hot path give the same answers as the plain definitions: {@code mod} equals the
 * exact remainder for keys of every length, and the routing table, which lets a function that accepts only
 * decimal digits ({@code mod}, {@code digits}, or a custom one that says so) scan the key's characters once,
 * returns the same shard or throws the same error as checking the key's syntax first and then calling the
 * function.
 */
class KeyScanFastPathTest {

    private static final int[] SHARD_COUNTS = {1, 7, 100, 1024, 99_991, 100_000};

    @Test
    void modIsTheExactRemainderForKeysOfEveryLength() {
        ShardFunction mod = ShardFunctions.mod();
        for (String key : decimalKeys()) {
            for (int shards : SHARD_COUNTS) {
                int expected = new BigInteger(key).mod(BigInteger.valueOf(shards)).intValue();
                assertThat(mod.shardOf(key, shards)).as("%s mod %d", key, shards).isEqualTo(expected);
                if (key.length() <= 18) {
                    assertThat(mod.shardOf(Long.parseLong(key), shards)).as("%s mod %d as a long", key, shards)
                            .isEqualTo(expected);
                }
            }
        }
    }

    static Stream<ShardFunctionSpec> functions() {
        return Stream.of(ShardFunctionSpec.mod(), ShardFunctionSpec.digits(3, 2), ShardFunctionSpec.digits(2, 2),
                ShardFunctionSpec.hash(),
                ShardFunctionSpec.custom(CustomShardFunctions.LastDigitOfDecimal.class.getName()),
                ShardFunctionSpec.custom(CustomShardFunctions.LastDigits.class.getName()));
    }

    @ParameterizedTest
    @MethodSource("functions")
    void tableAnswersAsIfTheSyntaxWereCheckedFirst(ShardFunctionSpec spec) {
        RuleDocument rules = TestRules.threeCities().toBuilder().shardFunction(spec).build();
        RoutingTable table = RoutingTable.of(rules);
        ShardFunction function = rules.shardFunction();
        List<String> keys = new ArrayList<>(awkwardKeys());
        keys.addAll(decimalKeys());
        try (UnitRouter router = UnitRouter.builder().rules(rules).build()) {
            for (String key : keys) {
                Object expected = outcome(() -> {
                    RoutingKeys.check(key);
                    return function.shardOf(key, rules.shards());
                });
                assertThat(outcome(() -> table.shardOf(key))).as("shardOf(%s)", RoutingKeys.quote(key))
                        .isEqualTo(expected);
                Object routed = outcome(() -> router.route(key, Access.WRITE).shard());
                assertThat(routed).as("route(%s)", RoutingKeys.quote(key)).isEqualTo(expected);
            }
        }
    }

    /** The shard, or the class and message of what was thrown. */
    private static Object outcome(java.util.function.Supplier<Integer> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    private static List<String> awkwardKeys() {
        List<String> keys = new ArrayList<>(List.of("", "0", "7", "12", "123", "12 34", " 123", "123 ", "12\u00e94",
                "12\n34", "\u000012", "12\u007f", "12ab", "ab12", "-5", "+5", "1.5", "user-2088", "\uff11\uff12\uff13",
                "1".repeat(128), "1".repeat(129), "a".repeat(129), "1".repeat(127) + " ", " " + "1".repeat(127)));
        keys.add(null);
        return keys;
    }

    /** Digit strings of 1 to 40 digits, with leading zeros, all nines, and around 18 and 19 digits. */
    private static List<String> decimalKeys() {
        Random random = new Random(2088);
        List<String> keys = new ArrayList<>();
        for (int length = 1; length <= 40; length++) {
            keys.add("9".repeat(length));
            keys.add("0".repeat(length));
            keys.add("1" + "0".repeat(length - 1));
            for (int k = 0; k < 20; k++) {
                StringBuilder key = new StringBuilder(length);
                for (int i = 0; i < length; i++) {
                    key.append((char) ('0' + random.nextInt(10)));
                }
                keys.add(key.toString());
            }
        }
        keys.add(Long.toString(Long.MAX_VALUE));
        keys.add("999999999999999999");
        keys.add("1000000000000000000");
        return keys;
    }
}
