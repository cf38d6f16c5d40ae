package io.unitrouter.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Plain scalars that the reader types without SnakeYAML's resolver (small whole numbers) come out exactly as
 * SnakeYAML's safe loader types them, and everything else still goes through the resolver. Seeds are fixed so
 * that every run tries the same cases.
 */
class YamlScalarTypingTest {

    private static final Yaml SAFE = new Yaml(new SafeConstructor(new LoaderOptions()));

    @Property(seed = "20261204", tries = 2_000)
    void aScalarOfDigitsAndSignsIsTypedAsTheSafeLoaderTypesIt(@ForAll("numberLike") String text) {
        Object expected = safeLoad(text);
        // Strings such as "-" or "1: 2" are a list or a mapping, not a scalar; ":" is no YAML at all.
        Assume.that(expected != NOT_YAML && !(expected instanceof Collection<?> || expected instanceof Map<?, ?>));

        Object actual = read(text);

        assertThat(actual).isEqualTo(expected);
        if (expected != null) {
            assertThat(actual).hasSameClassAs(expected);
        }
    }

    @Property(seed = "20261204", tries = 1_000)
    void onlyZeroAndOneToNineDigitsWithoutALeadingZeroAreTypedAsNumbersWithoutTheResolver(
            @ForAll("numberLike") String text) {
        Object typed = YamlEvents.typedWithoutResolver(text);

        if (typed != YamlEvents.NEEDS_RESOLVER) {
            assertThat(text).matches("0|[1-9][0-9]{0,8}");
            assertThat(typed).isEqualTo(SAFE.load(text));
        } else {
            assertThat(text).doesNotMatch("0|[1-9][0-9]{0,8}");
        }
    }

    @Property(seed = "20261204", tries = 2_000)
    void aWordIsTypedAsTheSafeLoaderTypesIt(@ForAll("wordLike") String text) {
        Object expected = safeLoad(text);
        Assume.that(expected != NOT_YAML && !(expected instanceof Collection<?> || expected instanceof Map<?, ?>));

        assertThat(read(text)).isEqualTo(expected);
    }

    @Test
    void everyBooleanAndNullWordOfYaml11IsTypedWithoutTheResolver() {
        for (String word : List.of("yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False",
                "FALSE", "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL", "frozen", "overrides", "type",
                "nO", "tRUE", "offline", "Nullable", "y", "n", "ok")) {
            Object typed = YamlEvents.typedWithoutResolver(word);
            assertThat(typed).as(word).isNotSameAs(YamlEvents.NEEDS_RESOLVER);
            assertThat(typed).as(word).isEqualTo(SAFE.load(word));
        }
    }

    @Test
    void scalarsOutsideTheShortcutStillGetYamlTypes() {
        assertThat(read("0123")).isEqualTo(83);
        assertThat(read("yes")).isEqualTo(true);
        assertThat(read("~")).isNull();
        assertThat(read("\"42\"")).isEqualTo("42");
        assertThat(read("!!str 42")).isEqualTo("42");
        for (String text : List.of("1234567890", "99999999999999999999", "999999999", "1_000", "0x1F", "0b101",
                "1:30", "-7", "+7", "1.5", "1e3", ".inf", "2026-12-04", "Yes")) {
            assertThat(read(text)).as(text).isEqualTo(SAFE.load(text)).hasSameClassAs(SAFE.load(text));
        }
    }

    @Provide
    Arbitrary<String> numberLike() {
        Arbitrary<String> digits = Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> mixed = Arbitraries.strings().withChars("0123456789_:.+-xbeE").ofMinLength(1)
                .ofMaxLength(12);
        return Arbitraries.oneOf(List.of(digits, digits, mixed));
    }

    private static final Object NOT_YAML = new Object();

    private static Object safeLoad(String text) {
        try {
            return SAFE.load(text);
        } catch (YAMLException e) {
            return NOT_YAML;
        }
    }

    @Provide
    Arbitrary<String> wordLike() {
        Arbitrary<String> letters = Arbitraries.strings().withChars("yYeEsSnNoOtTrRuUfFaAlL").ofMinLength(1)
                .ofMaxLength(6);
        Arbitrary<String> words = Arbitraries.of("yes", "No", "TRUE", "false", "On", "OFF", "null", "NULL", "Null",
                "nULL", "Off", "oFF", "frozen", "overrides", "type", "none", "nan", "NaN", "tilde", "yes please");
        return Arbitraries.oneOf(List.of(letters, words));
    }

    /** The value of {@code text} as the one scalar of a document, as the rule reader sees it. */
    private static Object read(String text) {
        YamlEvents events = YamlEvents.withoutPositions(text, 1_000);
        assertThat(events.next()).isEqualTo(RuleEvents.Kind.SCALAR);
        return events.scalar();
    }
}
