package io.unitrouter.core.rules;

import static io.unitrouter.core.rules.RuleDocs.base;
import static io.unitrouter.core.rules.RuleDocs.edit;
import static io.unitrouter.core.rules.RuleDocs.errorsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.unitrouter.core.CellKind;
import org.junit.jupiter.api.Test;

/** Document-wide validation: epoch, shard count, all errors at once, no cascades, builder documents. */
class RuleValidatorTest {

    private static final String MOD = "shard-function: { type: mod }";

    @Test
    void acceptsTheReferenceDocument() {
        RuleDocument doc = RuleDocuments.parse(base(), "three-cities.yaml");

        assertThat(doc.epoch()).isEqualTo(42);
        assertThat(doc.shards()).isEqualTo(100);
        assertThat(doc.topology().cells()).hasSize(8);
        assertThat(doc.topology().activeGZone()).hasValueSatisfying(c -> assertThat(c.id()).isEqualTo("gz01"));
    }

    @Test
    void rejectsMissingEpoch() {
        assertThat(errorsOf(edit("epoch: 42\n", ""))).containsExactly("epoch is missing");
    }

    @Test
    void rejectsNegativeEpoch() {
        assertThat(errorsOf(edit("epoch: 42", "epoch: -1"))).containsExactly("epoch must be >= 0, was -1");
    }

    @Test
    void rejectsZeroShards() {
        assertThat(errorsOf(edit("shards: 100", "shards: 0"))).containsExactly("shards must be 1..100000, was 0");
    }

    @Test
    void rejectsMoreThanOneHundredThousandShards() {
        assertThat(errorsOf(edit("shards: 100", "shards: 100001")))
                .containsExactly("shards must be 1..100000, was 100001");
    }

    @Test
    void acceptsOneHundredThousandShards() {
        RuleDocument doc = RuleDocument.builder().epoch(1).shards(100_000).city("hz", "hz1")
                .cell("rz01", CellKind.RZONE, "hz1").route("0-99999", "rz01").build();

        assertThat(doc.shards()).isEqualTo(100_000);
        assertThat(doc.ownerOf(99_999)).isEqualTo("rz01");
    }

    @Test
    void defaultsToOneHundredShardsAndModWhenTheDocumentDeclaresNeither() {
        RuleDocument doc = RuleDocuments.parse(edit("shards: 100\n", "", MOD + "\n", ""), "defaults");

        assertThat(doc.shards()).isEqualTo(RuleDocument.DEFAULT_SHARDS);
        assertThat(doc.shardFunctionSpec()).isEqualTo(ShardFunctionSpec.mod());
    }

    @Test
    void reportsEveryErrorAtOnce() {
        String broken = edit("epoch: 42", "epoch: -1\nowner: team-a",
                "{ id: rz02, kind: RZONE, data-center: hz2, capacity: 100 }",
                "{ id: rz02, kind: RZONE, data-center: hz2, capacity: 10 }",
                "cell: rz03 }", "cell: rz09 }",
                "frozen: []", "frozen: [\"100-105\"]",
                "overrides: []", "overrides:\n  - { keys: ['abc'], cell: rz01 }");

        RuleValidationException e = catchThrowableOfType(RuleValidationException.class,
                () -> RuleDocuments.parse(broken, "multi.yaml"));

        assertThat(e.errors()).hasSize(6);
        assertThat(e.errors()).containsExactly(
                "unknown field 'owner' (known: active-gzone, cells, cities, epoch, frozen, homes, offline, overrides,"
                        + " routing, shard-function, shards)",
                "epoch must be >= 0, was -1",
                "routing[2]: cell 'rz09' is not defined",
                "cell rz02 owns 20 shards, more than its capacity of 10",
                "frozen[0]: shards 100-105 are outside 0..99",
                "overrides[0]: routing key 'abc' is not a non-negative decimal number, which the mod shard function needs");
        assertThat(e).hasMessageStartingWith("rule document multi.yaml is invalid (6 errors)\n  - unknown field 'owner'");
        assertThat(e.source()).isEqualTo("multi.yaml");
    }

    @Test
    void brokenCellDoesNotCascadeIntoEntriesThatNameIt() {
        String broken = edit("{ id: rz01, kind: RZONE,", "{ id: rz01, kind: QZONE,",
                "overrides: []", "overrides:\n  - { keys: ['1234567'], cell: rz01 }\n  - { shards: \"60-61\", cell: rz01 }");

        assertThat(errorsOf(broken)).containsExactly("cells[0] rz01: kind 'QZONE' is not RZONE, GZONE or CZONE");
    }

    @Test
    void builtDocumentsAreValidatedLikeParsedOnes() {
        RuleDocument.Builder builder = RuleDocument.builder().shards(10).city("hz", "hz1")
                .cell("rz01", CellKind.RZONE, "hz1").cell("rz02", CellKind.RZONE, "hz9").route("0-8", "rz01");

        assertThatThrownBy(builder::build).isInstanceOfSatisfying(RuleValidationException.class,
                e -> assertThat(e.errors()).containsExactly("epoch is missing",
                        "cells[1] rz02: data center 'hz9' is not in any city", "shard 9 has no owner"))
                .hasMessageStartingWith("rule document <builder> is invalid (3 errors)");
    }

    @Test
    void toBuilderDerivesTheNextEpochWithoutChangingTheOriginal() {
        RuleDocument doc = RuleDocuments.parse(base(), "t");

        RuleDocument next = doc.toBuilder().epoch(43).frozen(20, 21, 22, 30).build();

        assertThat(next.epoch()).isEqualTo(43);
        assertThat(next.frozen()).hasToString("[20-22, 30]");
        assertThat(doc.epoch()).isEqualTo(42);
        assertThat(doc.frozen()).isEmpty();
    }
}
