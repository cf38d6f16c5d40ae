package io.unitrouter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.unitrouter.core.shard.ShardFunction;
import io.unitrouter.core.shard.ShardFunctions;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.codec.digest.MurmurHash3;
import org.junit.jupiter.api.Test;

/** The built-in shard functions, called directly. */
class ShardFunctionsTest {

    private static final int[] SHARD_COUNTS = {1, 2, 7, 97, 100, 1000, 65_536, 99_991, 100_000};
    private static final String MOD_NOT_DECIMAL = "is not a non-negative decimal number, which the mod shard function needs";
    private static final String DIGITS_NOT_DECIMAL =
            "is not a non-negative decimal number, which the digits shard function needs";

    private final ShardFunction mod = ShardFunctions.mod();
    private final ShardFunction digits = ShardFunctions.digits(3, 2);
    private final ShardFunction hash = ShardFunctions.hash();

    // ---- mod

    @Test
    void modTakesTheKeyModuloTheShardCount() {
        assertThat(mod.shardOf("1234567", 100)).isEqualTo(67);
        assertThat(mod.shardOf("0", 100)).isZero();
        assertThat(mod.shardOf("99", 100)).isEqualTo(99);
        assertThat(mod.shardOf("1234567", 1)).isZero();
        assertThat(mod.shardOf("1234567", 1000)).isEqualTo(567);
    }

    @Test
    void modAgreesWithBigIntegerForKeysLongerThanALong() {
        List<String> keys = new ArrayList<>(List.of("9223372036854775807", "9223372036854775808",
                "18446744073709551616", "99999999999999999999", "100000000000000000000000000000000000001",
                "1" + "0".repeat(127), "9".repeat(128)));
        Random random = new Random(20_260_127L);
        for (int i = 0; i < 300; i++) {
            keys.add(decimal(random, 19 + random.nextInt(110)));
        }

        for (String key : keys) {
            for (int shards : SHARD_COUNTS) {
                int expected = new BigInteger(key).mod(BigInteger.valueOf(shards)).intValueExact();
                assertThat(mod.shardOf(key, shards)).as("%s mod %d", key, shards).isEqualTo(expected);
            }
        }
    }

    @Test
    void modIgnoresLeadingZeros() {
        assertThat(mod.shardOf("0001234567", 100)).isEqualTo(mod.shardOf("1234567", 100)).isEqualTo(67);
        assertThat(mod.shardOf("0".repeat(40) + "12345678901234567890123", 997))
                .isEqualTo(mod.shardOf("12345678901234567890123", 997));
        assertThat(mod.shardOf("000", 100)).isZero();
    }

    @Test
    void modRejectsNegativeKeys() {
        assertThatThrownBy(() -> mod.shardOf("-5", 100)).isInstanceOf(MalformedKeyException.class)
                .hasMessage("routing key '-5' " + MOD_NOT_DECIMAL);
        assertThatThrownBy(() -> mod.shardOf(-5L, 100)).isInstanceOf(MalformedKeyException.class)
                .hasMessage("routing key '-5' " + MOD_NOT_DECIMAL);
    }

    @Test
    void modRejectsNonNumericKeys() {
        for (String key : List.of("12a4", "1e5", "+5", "0x1F", "12.5", "\uff11\uff12")) {
            assertThatThrownBy(() -> mod.shardOf(key, 100)).as(key).isInstanceOf(MalformedKeyException.class)
                    .hasMessage("routing key " + RoutingKeys.quote(key) + " " + MOD_NOT_DECIMAL);
        }
    }

    @Test
    void modRejectsWhitespaceAroundOrInsideKeys() {
        for (String key : List.of(" 12", "12 ", "1\t2", "12\n")) {
            assertThatThrownBy(() -> mod.shardOf(key, 100)).as(key).isInstanceOf(MalformedKeyException.class)
                    .hasMessage("routing key " + RoutingKeys.quote(key) + " " + MOD_NOT_DECIMAL);
        }
    }

    @Test
    void modLongOverloadAgreesWithTheStringOverload() {
        Random random = new Random(7L);
        List<Long> keys = new ArrayList<>(List.of(0L, 1L, 99L, 100L, 1_234_567L, Long.MAX_VALUE, Long.MAX_VALUE - 1));
        for (int i = 0; i < 300; i++) {
            keys.add(random.nextLong() & Long.MAX_VALUE);
            keys.add((long) random.nextInt(Integer.MAX_VALUE));
        }

        for (long key : keys) {
            for (int shards : SHARD_COUNTS) {
                assertThat(mod.shardOf(key, shards)).as("%d mod %d", key, shards)
                        .isEqualTo(mod.shardOf(Long.toString(key), shards));
            }
        }
    }

    // ---- digits

    @Test
    void digitsTakesWidthDigitsStartingPositionFromTheEnd() {
        assertThat(digits.shardOf("2088123456789", 100)).isEqualTo(78);
        assertThat(digits.shardOf(2_088_123_456_789L, 100)).isEqualTo(78);
        assertThat(digits.shardOf("789", 100)).as("exactly position digits long").isEqualTo(78);
        assertThat(ShardFunctions.digits(1, 1).shardOf("2088123456789", 10)).isEqualTo(9);
        assertThat(ShardFunctions.digits(13, 4).shardOf("2088123456789", 10_000)).isEqualTo(2088);
    }

    @Test
    void digitsTakesTheValueModuloTheShardCount() {
        assertThat(digits.shardOf("2088123456789", 50)).isEqualTo(28);
        assertThat(digits.shardOf(2_088_123_456_789L, 50)).isEqualTo(28);
    }

    @Test
    void digitsRejectsKeysShorterThanThePosition() {
        String tooShort = "is too short: the digits shard function takes 2 digit(s) starting 3 from the end, so it needs"
                + " at least 3 digits";

        assertThatThrownBy(() -> digits.shardOf("12", 100)).isInstanceOf(MalformedKeyException.class)
                .hasMessage("routing key '12' " + tooShort);
        assertThatThrownBy(() -> digits.shardOf(12L, 100)).isInstanceOf(MalformedKeyException.class)
                .hasMessage("routing key '12' " + tooShort);
    }

    @Test
    void digitsRejectsNonNumericKeysEvenOutsideTheDigitsTaken() {
        for (String key : List.of("20881234a6789", "x088123456789", "2088123456789 ", "-2088123456789")) {
            assertThatThrownBy(() -> digits.shardOf(key, 100)).as(key).isInstanceOf(MalformedKeyException.class)
                    .hasMessage("routing key " + RoutingKeys.quote(key) + " " + DIGITS_NOT_DECIMAL);
        }
    }

    @Test
    void digitsRejectsNegativeLongKeys() {
        assertThatThrownBy(() -> digits.shardOf(-2_088_123_456_789L, 100)).isInstanceOf(MalformedKeyException.class)
                .hasMessage("routing key '-2088123456789' " + DIGITS_NOT_DECIMAL);
    }

    @Test
    void digitsLongOverloadAgreesWithTheStringOverload() {
        int[][] positionsAndWidths = {{3, 2}, {1, 1}, {5, 3}, {10, 4}, {18, 9}};
        Random random = new Random(11L);
        List<Long> keys = new ArrayList<>(List.of(0L, 9L, 99L, 100L, 999L, 1000L, 2_088_123_456_789L,
                100_000_000_000_000_000L, Long.MAX_VALUE));
        for (int i = 0; i < 200; i++) {
            keys.add(random.nextLong() & Long.MAX_VALUE);
            keys.add((random.nextLong() & Long.MAX_VALUE) % (long) Math.pow(10, 1 + random.nextInt(18)));
        }

        for (int[] pw : positionsAndWidths) {
            ShardFunction function = ShardFunctions.digits(pw[0], pw[1]);
            for (long key : keys) {
                for (int shards : new int[] {1, 7, 10, 100}) {
                    Throwable fromString = catchThrowable(() -> function.shardOf(Long.toString(key), shards));
                    Throwable fromLong = catchThrowable(() -> function.shardOf(key, shards));
                    if (fromString == null) {
                        assertThat(fromLong).as("%s on %d", function, key).isNull();
                        assertThat(function.shardOf(key, shards)).as("%s on %d", function, key)
                                .isEqualTo(function.shardOf(Long.toString(key), shards));
                    } else {
                        assertThat(fromLong).as("%s on %d", function, key).isInstanceOf(MalformedKeyException.class)
                                .hasMessage(fromString.getMessage());
                    }
                }
            }
        }
    }

    @Test
    void digitsRefusesWidthOutsideOneToNine() {
        assertThatThrownBy(() -> ShardFunctions.digits(3, 0)).isInstanceOf(UnitRouterException.class)
                .hasMessage("digits shard function: width must be 1..9, was 0");
        assertThatThrownBy(() -> ShardFunctions.digits(12, 10)).isInstanceOf(UnitRouterException.class)
                .hasMessage("digits shard function: width must be 1..9, was 10");
    }

    @Test
    void digitsRefusesPositionBeforeWidthOrPastEighteen() {
        assertThatThrownBy(() -> ShardFunctions.digits(2, 3)).isInstanceOf(UnitRouterException.class)
                .hasMessage("digits shard function: position must be 3..18 (at least width 3), was 2");
        assertThatThrownBy(() -> ShardFunctions.digits(19, 2)).isInstanceOf(UnitRouterException.class)
                .hasMessage("digits shard function: position must be 2..18 (at least width 2), was 19");
    }

    @Test
    void digitsChecksItCanAddressTheShardCount() {
        assertThat(digits.checkShardCount(100)).isNull();
        assertThat(digits.checkShardCount(101))
                .isEqualTo("shard-function: digits of width 2 address at most 100 shards, but shards is 101");
        assertThat(mod.checkShardCount(100_000)).isNull();
        assertThat(hash.checkShardCount(100_000)).isNull();
    }

    // ---- hash

    /**
     * Fixed MurmurHash3 x86 32-bit, seed 0, vectors. "hello" and the fox sentence are the widely published
     * reference values (0x248bfa47 and 0x2e4ff723); "1234567" was computed once with commons-codec
     * {@code MurmurHash3.hash32x86} and hashes to a negative int (0xb7ef82f7), so it pins {@code floorMod}.
     * With {@code Integer.MAX_VALUE} shards a non-negative hash comes back unchanged.
     */
    @Test
    void hashMatchesKnownMurmur3Vectors() {
        assertThat(hash.shardOf("hello", Integer.MAX_VALUE)).isEqualTo(0x248bfa47);
        assertThat(hash.shardOf("The quick brown fox jumps over the lazy dog", Integer.MAX_VALUE)).isEqualTo(0x2e4ff723);
        assertThat(hash.shardOf("hello", 100)).isEqualTo(51);
        assertThat(hash.shardOf("The quick brown fox jumps over the lazy dog", 100)).isEqualTo(47);
        byte[] bytes = "1234567".getBytes(StandardCharsets.UTF_8);
        assertThat(MurmurHash3.hash32x86(bytes, 0, bytes.length, 0)).isEqualTo(0xb7ef82f7).isNegative();
        assertThat(hash.shardOf("1234567", 100)).isEqualTo(63);
    }

    @Test
    void hashEqualsFloorModOfCommonsCodecMurmur3() {
        Random random = new Random(3L);
        List<String> keys = new ArrayList<>(List.of("", "a", "ab", "abc", "abcd", "abcde", "1234567", "2088123456789",
                "user@example.com", "\u00e9\u4e2d\ud83d\ude00"));
        for (int i = 0; i < 300; i++) {
            keys.add(visibleAscii(random, 1 + random.nextInt(128)));
        }

        for (String key : keys) {
            byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
            int murmur = MurmurHash3.hash32x86(bytes, 0, bytes.length, 0);
            for (int shards : SHARD_COUNTS) {
                assertThat(hash.shardOf(key, shards)).as("%s over %d", key, shards)
                        .isEqualTo(Math.floorMod(murmur, shards));
            }
        }
    }

    @Test
    void hashLongOverloadHashesTheDecimalText() {
        for (long key : new long[] {0L, 7L, 1_234_567L, -42L, Long.MIN_VALUE, Long.MAX_VALUE}) {
            assertThat(hash.shardOf(key, 1000)).isEqualTo(hash.shardOf(Long.toString(key), 1000));
        }
    }

    // ---- what the routing table relies on

    @Test
    void modAndDigitsDeclareThatTheyAcceptOnlyDecimalDigitsWhileHashAndAnUndeclaredCustomFunctionDoNot() {
        assertThat(mod.acceptsOnlyDecimalDigits()).isTrue();
        assertThat(digits.acceptsOnlyDecimalDigits()).isTrue();
        assertThat(hash.acceptsOnlyDecimalDigits()).isFalse();
        assertThat(new CustomShardFunctions.LastDigits().acceptsOnlyDecimalDigits()).isFalse();
    }

    static String decimal(Random random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    static String visibleAscii(Random random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append((char) ('!' + random.nextInt('~' - '!' + 1)));
        }
        return sb.toString();
    }
}
