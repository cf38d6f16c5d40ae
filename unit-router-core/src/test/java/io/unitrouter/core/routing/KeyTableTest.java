package io.unitrouter.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The override table: exact string keys, whatever their hash codes. */
class KeyTableTest {

    @Test
    void findsEveryKeyOfAHundredThousandAndNoNeighbour() {
        Map<String, Integer> entries = new HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            entries.put(Long.toString(2_088_000_000_000L + 7L * i), i);
        }

        KeyTable<Integer> table = KeyTable.of(entries);

        assertThat(table.size()).isEqualTo(100_000);
        entries.forEach((key, value) -> assertThat(table.get(key)).isEqualTo(value));
        for (int i = 0; i < 1_000; i++) {
            assertThat(table.get(Long.toString(2_088_000_000_001L + 7L * i))).isNull();
        }
    }

    @Test
    void keysWithTheSameHashCodeAreToldApart() {
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("Aa", "first");
        entries.put("BB", "second");
        entries.put("AaAa", "third");

        KeyTable<String> table = KeyTable.of(entries);

        assertThat(table.get("Aa")).isEqualTo("first");
        assertThat(table.get("BB")).isEqualTo("second");
        assertThat(table.get("AaAa")).isEqualTo("third");
        assertThat(table.get("BBBB")).as("same hash code as AaAa, not a key").isNull();
    }

    @Test
    void keysMatchExactlyNotByNumericValue() {
        KeyTable<String> table = KeyTable.of(Map.of("0123", "padded", "123", "plain"));

        assertThat(table.get("0123")).isEqualTo("padded");
        assertThat(table.get("123")).isEqualTo("plain");
        assertThat(table.get("00123")).isNull();
        assertThat(table.get("123 ")).isNull();
    }

    @Test
    void anEmptyTableFindsNothing() {
        KeyTable<String> empty = KeyTable.of(Map.of());

        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.get("42")).isNull();
        assertThat(KeyTable.of(Map.of("42", "x")).get(null)).isNull();
    }
}
