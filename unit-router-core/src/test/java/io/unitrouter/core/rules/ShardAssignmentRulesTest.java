package io.unitrouter.core.rules;

import static io.unitrouter.core.rules.RuleDocs.base;
import static io.unitrouter.core.rules.RuleDocs.edit;
import static io.unitrouter.core.rules.RuleDocs.errorsOf;
import static io.unitrouter.core.rules.RuleDocs.withOverrides;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Routing, frozen shards and overrides: each rule pins its exact message. */
class ShardAssignmentRulesTest {

    private static final String MOD = "shard-function: { type: mod }";

    @Test
    void rejectsShardOwnedByTwoCells() {
        assertThat(errorsOf(edit("\"0-19\"", "\"0-19,37\"")))
                .containsExactly("shard 37 is owned by both rz01 and rz02");
    }

    @Test
    void rejectsShardRangeOwnedByTwoCells() {
        assertThat(errorsOf(edit("\"0-19\"", "\"0-22\"")))
                .containsExactly("shards 20-22 are owned by both rz01 and rz02");
    }

    @Test
    void rejectsShardAssignedToTheSameCellTwice() {
        assertThat(errorsOf(edit("\"0-19\"", "\"0-19,5\"")))
                .containsExactly("shard 5 is assigned to rz01 more than once");
    }

    @Test
    void rejectsShardsWithoutOwner() {
        assertThat(errorsOf(edit("\"40-59\"", "\"40-56\""))).containsExactly("shards 57-59 have no owner");
    }

    @Test
    void rejectsSingleShardWithoutOwner() {
        assertThat(errorsOf(edit("\"80-99\"", "\"80-98\""))).containsExactly("shard 99 has no owner");
    }

    @Test
    void rejectsShardsOutsideTheShardCount() {
        assertThat(errorsOf(edit("\"40-59\"", "\"90-120\"")))
                .containsExactly("routing[2]: shards 90-120 are outside 0..99", "shards 40-59 have no owner");
    }

    @Test
    void rejectsMalformedShardRange() {
        assertThat(errorsOf(edit("\"40-59\"", "\"forty-59\"")))
                .containsExactly("routing[2]: shard range 'forty-59' is not of the form 'from-to' or 'shard'",
                        "shards 40-59 have no owner");
    }

    @Test
    void rejectsReversedShardRange() {
        assertThat(errorsOf(edit("\"40-59\"", "\"59-40\"")))
                .containsExactly("routing[2]: shard range 59-40 is not valid: the first shard is after the last",
                        "shards 40-59 have no owner");
    }

    @Test
    void rejectsEntryWithoutShards() {
        assertThat(errorsOf(edit("{ shards: \"40-59\", cell: rz03 }", "{ cell: rz03 }")))
                .containsExactly("routing[2]: shards is missing", "shards 40-59 have no owner");
    }

    @Test
    void rejectsEntryWithoutCell() {
        assertThat(errorsOf(edit("{ shards: \"40-59\", cell: rz03 }", "{ shards: \"40-59\" }")))
                .containsExactly("routing[2]: cell is missing");
    }

    @Test
    void rejectsUnknownCell() {
        assertThat(errorsOf(edit("cell: rz03 }", "cell: rz09 }")))
                .containsExactly("routing[2]: cell 'rz09' is not defined");
    }

    @Test
    void rejectsRoutingToAGZone() {
        assertThat(errorsOf(edit("cell: rz03 }", "cell: gz01 }")))
                .containsExactly("routing[2]: cell gz01 is a GZONE; only RZONE cells own shards");
    }

    @Test
    void rejectsRoutingToACZone() {
        assertThat(errorsOf(edit("cell: rz03 }", "cell: czhz }")))
                .containsExactly("routing[2]: cell czhz is a CZONE; only RZONE cells own shards");
    }

    @Test
    void rejectsDocumentWithoutRouting() {
        String noRouting = base().replaceAll("(?s)routing:.*?frozen:", "frozen:");

        assertThat(errorsOf(noRouting)).containsExactly("routing is missing: assign every shard to an RZONE cell",
                "shards 0-99 have no owner");
    }

    @Test
    void acceptsShardWrittenAsANumberAndCommaSeparatedRanges() {
        RuleDocument doc = RuleDocuments.parse(edit("{ shards: \"0-19\",  cell: rz01 }",
                "{ shards: \"0-9, 11-18\", cell: rz01 }\n  - { shards: 10, cell: rz01 }\n  - { shards: 19, cell: rz01 }"),
                "t");

        assertThat(doc.shardsOf("rz01")).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                17, 18, 19);
    }

    @Test
    void rejectsFrozenShardsOutsideTheShardCount() {
        assertThat(errorsOf(edit("frozen: []", "frozen: [\"95-104\"]")))
                .containsExactly("frozen[0]: shards 95-104 are outside 0..99");
    }

    @Test
    void rejectsMalformedFrozenRange() {
        assertThat(errorsOf(edit("frozen: []", "frozen: [\"20-39\", \"x\"]")))
                .containsExactly("frozen[1]: shard range 'x' is not of the form 'from-to' or 'shard'");
    }

    @Test
    void acceptsFrozenAsOneRangeOrAsNumbers() {
        RuleDocument single = RuleDocuments.parse(edit("frozen: []", "frozen: \"20-39\""), "t");
        RuleDocument numbers = RuleDocuments.parse(edit("frozen: []", "frozen: [37, 41]"), "t");

        assertThat(single.isFrozen(20)).isTrue();
        assertThat(single.isFrozen(39)).isTrue();
        assertThat(single.isFrozen(40)).isFalse();
        assertThat(numbers.isFrozen(37)).isTrue();
        assertThat(numbers.isFrozen(41)).isTrue();
        assertThat(numbers.isFrozen(38)).isFalse();
    }

    @Test
    void rejectsOverrideShardsOutsideTheShardCount() {
        assertThat(errorsOf(withOverrides("{ shards: \"95-104\", cell: rz01 }")))
                .containsExactly("overrides[0]: shards 95-104 are outside 0..99");
    }

    @Test
    void rejectsOverrideWithoutKeysOrShards() {
        assertThat(errorsOf(withOverrides("{ cell: rz01 }", "{ keys: [], cell: rz01 }")))
                .containsExactly("overrides[0]: needs keys or shards", "overrides[1]: needs keys or shards");
    }

    @Test
    void rejectsKeyOverriddenTwice() {
        assertThat(errorsOf(withOverrides("{ keys: ['1205', '1206'], cell: rz02 }", "{ keys: ['1205'], cell: rz03 }")))
                .containsExactly("overrides[1]: key '1205' is already overridden by overrides[0]");
    }

    @Test
    void rejectsKeyRepeatedInOneOverride() {
        assertThat(errorsOf(withOverrides("{ keys: ['1205', '1205'], cell: rz02 }")))
                .containsExactly("overrides[0]: key '1205' is already overridden by overrides[0]");
    }

    @Test
    void rejectsOverlappingOverrideShards() {
        assertThat(errorsOf(withOverrides("{ shards: \"5-9\", cell: rz02 }", "{ shards: \"7-12\", cell: rz03 }")))
                .containsExactly("overrides[1]: shard 7 is already overridden by overrides[0]");
    }

    @Test
    void rejectsKeyThatIsNotNumericUnderMod() {
        assertThat(errorsOf(withOverrides("{ keys: ['12ab'], cell: rz02 }"))).containsExactly(
                "overrides[0]: routing key '12ab' is not a non-negative decimal number, which the mod shard function needs");
    }

    @Test
    void rejectsKeyTooShortForDigits() {
        String digits = edit(MOD, "shard-function: { type: digits, position: 3, width: 2 }",
                "overrides: []", "overrides:\n  - { keys: ['12'], cell: rz02 }");

        assertThat(errorsOf(digits)).containsExactly("overrides[0]: routing key '12' is too short: the digits shard"
                + " function takes 2 digit(s) starting 3 from the end, so it needs at least 3 digits");
    }

    @Test
    void rejectsKeyThatIsNotValidKeySyntax() {
        assertThat(errorsOf(withOverrides("{ keys: ['12 34'], cell: rz02 }"))).containsExactly(
                "overrides[0]: routing key '12 34' contains character U+0020 at index 2; only visible ASCII is allowed");
    }

    @Test
    void rejectsOverrideToUnknownCell() {
        assertThat(errorsOf(withOverrides("{ keys: ['1205'], cell: rz09 }")))
                .containsExactly("overrides[0]: cell 'rz09' is not defined");
    }

    @Test
    void rejectsOverrideToAGZone() {
        assertThat(errorsOf(withOverrides("{ shards: \"5\", cell: gz02 }")))
                .containsExactly("overrides[0]: cell gz02 is a GZONE; only RZONE cells own shards");
    }

    @Test
    void acceptsKeyAndShardOverrides() {
        RuleDocument doc = RuleDocuments.parse(withOverrides("{ keys: ['1205', '0042'], cell: rz05 }",
                "{ shards: \"60-64\", cell: rz05 }"), "t");

        assertThat(doc.overrides()).hasSize(2);
        assertThat(doc.overrides().get(0).keys()).containsExactly("1205", "0042");
        assertThat(doc.overrides().get(1).shards()).hasToString("[60-64]");
    }
}
