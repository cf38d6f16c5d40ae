package io.unitrouter.core.rules;

import static io.unitrouter.core.rules.RuleDocs.base;
import static io.unitrouter.core.rules.RuleDocs.edit;
import static io.unitrouter.core.rules.RuleDocs.errorsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.unitrouter.core.TestRules;
import io.unitrouter.core.routing.RoutingTable;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reading documents as event streams (SnakeYAML events, Jackson tokens) rather than trees: the same documents
 * read the same, the same mistakes get the same messages, and reading stays linear in the document.
 */
class EventReadingTest {

    private static final String CHECKSUM = RoutingTable.of(TestRules.threeCities()).checksum();

    @Test
    void readsAnchorsAndAliases() {
        String text = edit("cities:\n", "cities:\n", "  - { id: hz, data-centers: [hz1, hz2] }",
                "  - { id: hz, data-centers: &hz [hz1, hz2] }",
                "{ id: rz01, kind: RZONE, data-center: hz1, capacity: 100 }",
                "{ id: rz01, kind: &rz RZONE, data-center: hz1, capacity: &cap 100 }",
                "{ id: rz02, kind: RZONE, data-center: hz2, capacity: 100 }",
                "{ id: rz02, kind: *rz, data-center: hz2, capacity: *cap }");

        assertThat(RoutingTable.of(RuleDocuments.parse(text, "anchors.yaml")).checksum()).isEqualTo(CHECKSUM);
    }

    @Test
    void refusesAnUndefinedAlias() {
        assertThat(errorsOf(edit("epoch: 42", "epoch: *nowhere"))).singleElement().asString()
                .startsWith("not valid YAML or JSON: ").contains("nowhere");
    }

    @Test
    void readsAYamlFlowMappingThatIsNotJson() {
        String flow = "{epoch: 42, cities: [{id: hz, data-centers: [hz1]}],"
                + " cells: [{id: rz01, kind: RZONE, data-center: hz1}], routing: [{shards: 0-99, cell: rz01}]}";

        RuleDocument document = RuleDocuments.parse(flow, "flow.yaml");

        assertThat(document.epoch()).isEqualTo(42);
        assertThat(document.ownerOf(99)).isEqualTo("rz01");
    }

    @Test
    void refusesDuplicateKeysInJsonAsInYaml() {
        List<String> errors = errorsOf("{\"epoch\": 42, \"epoch\": 43}");

        assertThat(errors).singleElement().asString().startsWith("not valid YAML or JSON: ")
                .contains("found duplicate key epoch").contains("line 1");
    }

    @Test
    void refusesDuplicateFieldsInsideAnEntry() {
        assertThat(errorsOf(edit("{ shards: \"0-19\",  cell: rz01 }", "{ shards: \"0-19\", cell: rz01, cell: rz02 }")))
                .singleElement().asString().contains("found duplicate key cell");
    }

    @Test
    void refusesASecondDocumentInTheStream() {
        assertThat(errorsOf(base() + "---\nepoch: 43\n")).singleElement().asString()
                .startsWith("not valid YAML or JSON: ").contains("single document");
    }

    @Test
    void reportsErrorsInFieldOrderWhateverOrderTheDocumentWritesThem() {
        String routingFirst = edit("epoch: 42\n", "", "frozen: []", "frozen: [true]\nepoch: forty-two",
                "cell: rz05 }", "cell: rz05, weight: 1 }");

        assertThat(errorsOf(routingFirst)).containsExactly(
                "epoch: expected a whole number, was text 'forty-two'",
                "routing[4]: unknown field 'weight' (known: cell, shards)",
                "frozen[0]: expected a shard range such as \"0-19\" or 37, was a boolean 'true'");
    }

    @Test
    void namesTheEntryOfAWrongTypeDeepInAList() {
        StringBuilder routing = new StringBuilder("routing:\n");
        for (int s = 0; s < 100; s++) {
            routing.append("  - { shards: \"").append(s).append("\", cell: ").append(s == 57 ? "[rz01]" : "rz01")
                    .append(" }\n");
        }
        String text = edit("routing:\n", "routing-old:\n").replaceFirst("routing-old:\n(  - .*\n)+", routing.toString());

        assertThat(errorsOf(text)).containsExactly("routing[57].cell: expected text, was a list '[rz01]'");
    }

    @Test
    void readsJsonNumbersAsYamlReadsThem() {
        String json = "{\"epoch\": 42, \"shards\": 1.5}";

        assertThat(errorsOf(json)).startsWith("shards: expected a whole number, was a number '1.5'");
    }

    @Test
    void parsingAllocatesInProportionToTheDocument() {
        assumeThat(ManagementFactory.getThreadMXBean()).isInstanceOf(com.sun.management.ThreadMXBean.class);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeThat(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()).isTrue();
        String small = oneShardPerEntry(5_000);
        String large = oneShardPerEntry(50_000);
        RuleDocuments.parse(small, "warm-up");

        long smallBytes = allocatedWhileParsing(threads, small);
        long largeBytes = allocatedWhileParsing(threads, large);

        // Ten times the entries: linear reading allocates about ten times as much. A tree of the whole document,
        // or a check that compares entries pairwise, would show as far more.
        assertThat((double) largeBytes / smallBytes).isBetween(5.0, 15.0);
        assertThat(largeBytes / 50_000).as("bytes per routing entry").isLessThan(4_096);
    }

    private static long allocatedWhileParsing(com.sun.management.ThreadMXBean threads, String text) {
        long before = threads.getCurrentThreadAllocatedBytes();
        RuleDocument document = RuleDocuments.parse(text, "sized.yaml");
        long after = threads.getCurrentThreadAllocatedBytes();
        assertThat(document.routing()).isNotEmpty();
        return after - before;
    }

    /** A document that gives each of {@code shards} shards its own routing entry. */
    private static String oneShardPerEntry(int shards) {
        StringBuilder text = new StringBuilder("epoch: 1\nshards: ").append(shards)
                .append("\ncities:\n  - { id: hz, data-centers: [hz1, hz2] }\ncells:\n")
                .append("  - { id: rz01, kind: RZONE, data-center: hz1 }\n")
                .append("  - { id: rz02, kind: RZONE, data-center: hz2 }\nrouting:\n");
        for (int s = 0; s < shards; s++) {
            text.append("  - { shards: \"").append(s).append("\", cell: ").append(s % 2 == 0 ? "rz01" : "rz02")
                    .append(" }\n");
        }
        return text.toString();
    }
}
