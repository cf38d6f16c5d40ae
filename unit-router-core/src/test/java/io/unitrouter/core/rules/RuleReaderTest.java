package io.unitrouter.core.rules;

import static io.unitrouter.core.rules.RuleDocs.edit;
import static io.unitrouter.core.rules.RuleDocs.errorsOf;
import static io.unitrouter.core.rules.RuleDocs.withOverrides;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.core.TestRules;
import io.unitrouter.core.routing.RoutingTable;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading YAML or JSON text: syntax, shape, field names and field types. */
class RuleReaderTest {

    private static final String NOT_A_MAPPING = "the document must be a mapping of fields (epoch, shards, cells, ...),"
            + " but is ";

    @Test
    void rejectsMalformedYamlWithOnlyTheSyntaxError() {
        List<String> errors = errorsOf("epoch: [42\nshards: 100\n");

        assertThat(errors).singleElement().asString().startsWith("not valid YAML or JSON: while parsing a flow sequence")
                .contains("expected ',' or ']'").contains("line 2, column 7").doesNotContain("\n");
    }

    @Test
    void rejectsMalformedJson() {
        List<String> errors = errorsOf("{\"epoch\": 1, \"cities\": [}");

        assertThat(errors).singleElement().asString().startsWith("not valid YAML or JSON: while parsing a flow node")
                .contains("line 1, column 25");
    }

    @Test
    void rejectsDuplicateYamlKeys() {
        List<String> errors = errorsOf(edit("shards: 100", "shards: 100\nepoch: 43"));

        assertThat(errors).singleElement().asString().startsWith("not valid YAML or JSON: ")
                .contains("found duplicate key epoch");
    }

    @Test
    void rejectsEmptyDocument() {
        assertThat(errorsOf("")).containsExactly("the document is empty");
    }

    @Test
    void rejectsDocumentOfOnlyCommentsAndBlanks() {
        assertThat(errorsOf("# nothing here yet\n\n   \n")).containsExactly("the document is empty");
    }

    @Test
    void rejectsDocumentThatIsAList() {
        assertThat(errorsOf("- epoch: 42\n- shards: 100\n")).containsExactly(NOT_A_MAPPING + "a list");
    }

    @Test
    void rejectsDocumentThatIsAScalar() {
        assertThat(errorsOf("42")).containsExactly(NOT_A_MAPPING + "a number");
    }

    @Test
    void rejectsDocumentOverFourMebibytes() {
        String huge = TestRules.text("three-cities.yaml");
        huge = huge + "#".repeat(RuleReader.MAX_DOCUMENT_CHARS + 1 - huge.length());

        assertThat(errorsOf(huge)).containsExactly("the document is 4194305 characters long; the limit is 4194304");
    }

    @Test
    void rejectsUnknownTopLevelField() {
        assertThat(errorsOf(edit("epoch: 42", "epoch: 42\nowner: team-a"))).containsExactly("unknown field 'owner'"
                + " (known: active-gzone, cells, cities, epoch, frozen, homes, offline, overrides, routing, shard-function, shards)");
    }

    @Test
    void rejectsUnknownCityField() {
        assertThat(errorsOf(edit("{ id: sz, data-centers: [sz1] }", "{ id: sz, data-centers: [sz1], region: south }")))
                .containsExactly("cities[2]: unknown field 'region' (known: data-centers, failover-to, id)");
    }

    @Test
    void rejectsUnknownCellField() {
        assertThat(errorsOf(edit("data-center: hz1, capacity: 100 }", "data-center: hz1, capacity: 100, zone: a }")))
                .containsExactly("cells[0]: unknown field 'zone' (known: capacity, data-center, id, kind, standby)");
    }

    @Test
    void rejectsUnknownRoutingField() {
        assertThat(errorsOf(edit("cell: rz05 }", "cell: rz05, weight: 1 }")))
                .containsExactly("routing[4]: unknown field 'weight' (known: cell, shards)");
    }

    @Test
    void rejectsUnknownOverrideField() {
        assertThat(errorsOf(withOverrides("{ keys: ['1205'], cell: rz02, reason: canary }")))
                .containsExactly("overrides[0]: unknown field 'reason' (known: cell, keys, shards)");
    }

    @Test
    void rejectsUnquotedNumericOverrideKey() {
        assertThat(errorsOf(withOverrides("{ keys: [1205, '1206'], cell: rz02 }"))).containsExactly(
                "overrides[0].keys[0]: write keys as quoted text; YAML read this unquoted key as a number '1205'"
                        + " (and reads an unquoted 0123 as the octal number 83)");
    }

    @Test
    void rejectsOverrideKeysThatAreNotAList() {
        assertThat(errorsOf(withOverrides("{ keys: '1205', shards: \"5\", cell: rz02 }")))
                .containsExactly("overrides[0].keys: expected a list of quoted keys, was text '1205'");
    }

    @Test
    void rejectsEpochThatIsNotAWholeNumber() {
        assertThat(errorsOf(edit("epoch: 42", "epoch: forty-two")))
                .contains("epoch: expected a whole number, was text 'forty-two'");
    }

    @Test
    void rejectsTextFieldsOfAnotherType() {
        assertThat(errorsOf(edit("{ id: rz01, kind: RZONE,", "{ id: rz01, kind: 5,")))
                .contains("cells[0].kind: expected text, was a number '5'");
        assertThat(errorsOf(edit("{ id: sz, data-centers: [sz1] }", "{ id: sz, data-centers: [sz1, 7] }")))
                .containsExactly("cities[2].data-centers[1]: expected text, was a number '7'");
    }

    @Test
    void rejectsCapacityThatIsNotAWholeNumber() {
        assertThat(errorsOf(edit("data-center: hz1, capacity: 100 }", "data-center: hz1, capacity: 1.5 }")))
                .containsExactly("cells[0].capacity: expected a whole number, was a number '1.5'");
    }

    @Test
    void rejectsListFieldThatIsNotAList() {
        assertThat(errorsOf(edit("overrides: []", "overrides: { keys: ['1205'], cell: rz02 }")))
                .containsExactly("overrides: expected a list, was a mapping");
    }

    @Test
    void rejectsListEntryThatIsNotAMapping() {
        assertThat(errorsOf(edit("routing:\n", "routing:\n  - rz01\n")))
                .containsExactly("routing[0]: expected a mapping such as {id: ..., ...}, was text");
    }

    @Test
    void rejectsDataCentersThatAreNotAList() {
        assertThat(errorsOf(edit("{ id: sz, data-centers: [sz1] }", "{ id: sz, data-centers: sz1 }")))
                .contains("cities[2].data-centers: expected a list, was text 'sz1'");
    }

    @Test
    void rejectsShardFunctionThatIsAList() {
        assertThat(errorsOf(edit("shard-function: { type: mod }", "shard-function: [mod]")))
                .containsExactly("shard-function: expected {type: mod|digits|hash|custom, ...}, was a list");
    }

    @Test
    void rejectsShardRangeOfTheWrongType() {
        assertThat(errorsOf(edit("frozen: []", "frozen: [true]")))
                .containsExactly("frozen[0]: expected a shard range such as \"0-19\" or 37, was a boolean 'true'");
    }

    @Test
    void readsTheSameRulesFromJson() {
        String json = """
                {"epoch": 42, "shards": 100, "shard-function": {"type": "mod"},
                 "cities": [{"id": "hz", "data-centers": ["hz1", "hz2"]}, {"id": "sh", "data-centers": ["sh1", "sh2"]},
                            {"id": "sz", "data-centers": ["sz1"]}],
                 "cells": [{"id": "rz01", "kind": "RZONE", "data-center": "hz1", "capacity": 100},
                           {"id": "rz02", "kind": "RZONE", "data-center": "hz2", "capacity": 100},
                           {"id": "rz03", "kind": "RZONE", "data-center": "sh1", "capacity": 100},
                           {"id": "rz04", "kind": "RZONE", "data-center": "sh2", "capacity": 100},
                           {"id": "rz05", "kind": "RZONE", "data-center": "sz1", "capacity": 100},
                           {"id": "gz01", "kind": "GZONE", "data-center": "hz1", "standby": "gz02"},
                           {"id": "gz02", "kind": "GZONE", "data-center": "sh1"},
                           {"id": "czhz", "kind": "CZONE", "data-center": "hz2"}],
                 "routing": [{"shards": "0-19", "cell": "rz01"}, {"shards": "20-39", "cell": "rz02"},
                             {"shards": "40-59", "cell": "rz03"}, {"shards": "60-79", "cell": "rz04"},
                             {"shards": "80-99", "cell": "rz05"}],
                 "frozen": [], "overrides": []}
                """;

        RuleDocument fromJson = RuleDocuments.parse(json, "three-cities.json");

        assertThat(RoutingTable.of(fromJson).checksum()).isEqualTo(RoutingTable.of(TestRules.threeCities()).checksum());
    }
}
