package io.unitrouter.core.rules;

import static io.unitrouter.core.rules.RuleDocs.edit;
import static io.unitrouter.core.rules.RuleDocs.errorsOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.core.CustomShardFunctions;
import io.unitrouter.core.routing.RoutingTable;
import org.junit.jupiter.api.Test;

/** The {@code shard-function} entry: each rule pins its exact message. */
class ShardFunctionRulesTest {

    private static final String MOD = "shard-function: { type: mod }";

    @Test
    void rejectsUnknownType() {
        assertThat(errorsOf(edit(MOD, "shard-function: { type: crc32 }")))
                .containsExactly("shard-function: unknown type 'crc32' (expected mod, digits, hash or custom)");
    }

    @Test
    void rejectsMissingType() {
        assertThat(errorsOf(edit(MOD, "shard-function: { position: 3 }")))
                .containsExactly("shard-function: type is missing (mod, digits, hash or custom)");
    }

    @Test
    void rejectsOptionOnATypeThatTakesNone() {
        assertThat(errorsOf(edit(MOD, "shard-function: { type: mod, width: 2 }")))
                .containsExactly("shard-function: unknown option 'width' for type mod (it takes none)");
    }

    @Test
    void rejectsUnknownDigitsOptionListingTheKnownOnesInOrder() {
        assertThat(errorsOf(edit(MOD, "shard-function: { type: digits, pos: 3 }")))
                .containsExactly("shard-function: unknown option 'pos' for type digits (known: position, width)");
    }

    @Test
    void rejectsDigitsTooNarrowForTheShardCount() {
        assertThat(errorsOf(edit(MOD, "shard-function: { type: digits, position: 3, width: 1 }")))
                .containsExactly("shard-function: digits of width 1 address at most 10 shards, but shards is 100");
    }

    @Test
    void rejectsDigitsWidthOutsideOneToNine() {
        assertThat(errorsOf(edit(MOD, "shard-function: { type: digits, position: 12, width: 10 }")))
                .containsExactly("digits shard function: width must be 1..9, was 10");
    }

    @Test
    void rejectsDigitsPositionBeforeWidth() {
        assertThat(errorsOf(edit(MOD, "shard-function: { type: digits, position: 1, width: 2 }")))
                .containsExactly("digits shard function: position must be 2..18 (at least width 2), was 1");
    }

    @Test
    void rejectsNonNumericDigitsOption() {
        assertThat(errorsOf(edit(MOD, "shard-function: { type: digits, width: two }")))
                .containsExactly("shard-function: width must be a whole number, was 'two'");
    }

    @Test
    void rejectsCustomWithoutClass() {
        assertThat(errorsOf(edit(MOD, "shard-function: { type: custom }")))
                .containsExactly("shard-function: type custom needs 'class', the name of a ShardFunction class");
    }

    @Test
    void rejectsCustomClassNotOnTheClasspath() {
        assertThat(errorsOf(edit(MOD, "shard-function: { type: custom, class: com.example.NoSuchFunction }")))
                .containsExactly("shard-function: class 'com.example.NoSuchFunction' is not on the classpath");
    }

    @Test
    void rejectsCustomClassThatIsNotAShardFunction() {
        String name = CustomShardFunctions.NotAFunction.class.getName();

        assertThat(errorsOf(edit(MOD, "shard-function: { type: custom, class: " + name + " }")))
                .containsExactly("shard-function: class '" + name
                        + "' does not implement io.unitrouter.core.shard.ShardFunction");
    }

    @Test
    void rejectsCustomClassWithoutPublicNoArgumentConstructor() {
        String name = CustomShardFunctions.NeedsArgument.class.getName();

        assertThat(errorsOf(edit(MOD, "shard-function: { type: custom, class: " + name + " }")))
                .containsExactly("shard-function: class '" + name + "' needs a public no-argument constructor");
    }

    @Test
    void rejectsCustomClassWhoseConstructorFails() {
        String name = CustomShardFunctions.FailsToConstruct.class.getName();

        assertThat(errorsOf(edit(MOD, "shard-function: { type: custom, class: " + name + " }")))
                .containsExactly("shard-function: class '" + name + "' could not be constructed:"
                        + " java.lang.IllegalStateException: no shard map configured");
    }

    @Test
    void acceptsCustomClassByName() {
        String name = CustomShardFunctions.LastDigits.class.getName();

        RuleDocument doc = RuleDocuments.parse(edit(MOD, "shard-function: { type: custom, class: " + name + " }"),
                "custom");

        assertThat(doc.shardFunction()).isInstanceOf(CustomShardFunctions.LastDigits.class);
        assertThat(doc.shardFunctionSpec()).isEqualTo(ShardFunctionSpec.custom(name));
        assertThat(RoutingTable.of(doc).shardOf("user-42")).isEqualTo(42);
    }

    @Test
    void acceptsTypeWrittenAsPlainText() {
        RuleDocument doc = RuleDocuments.parse(edit(MOD, "shard-function: hash"), "hash");

        assertThat(doc.shardFunctionSpec()).isEqualTo(ShardFunctionSpec.hash());
    }
}
