package io.unitrouter.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.core.Access;
import io.unitrouter.core.CellKind;
import io.unitrouter.core.TestRules;
import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.routing.UnitRouter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Guards against building a table in time that grows with shards times fragments (100,000 shards with 10,000
 * frozen fragments once took a second per instance per epoch). Counts work instead of timing it.
 */
class LinearBuildTest {

    private static final int SHARDS = 100_000;

    @Test
    void tableBuildConsultsEachFrozenRangeOnce() {
        RuleDocument document = scattered(10_000);
        assertThat(document.frozenRangeReads()).as("the document sweeps its ranges once").isEqualTo(10_000);

        RoutingTable table = RoutingTable.of(document);
        try (UnitRouter router = UnitRouter.builder().rules(document).localCell("rz01").build()) {
            assertThat(router.routeShard(10, Access.WRITE).frozen()).isTrue();
            assertThat(router.routeShard(11, Access.WRITE).frozen()).isFalse();
        }

        assertThat(document.frozenRangeReads()).as("building a table and a router reads no range again")
                .isEqualTo(10_000);
        assertThat(table.frozenShards()).hasSize(10_000).startsWith(0, 10, 20).endsWith(99_990);
    }

    @Test
    void frozenRangeReadsGrowWithFragmentsAlone() {
        RuleDocument few = scattered(1_000);
        RuleDocument many = scattered(10_000);
        RoutingTable.of(few);
        RoutingTable.of(many);

        assertThat(many.frozenRangeReads()).isEqualTo(10 * few.frozenRangeReads());
    }

    @Test
    void shardsOutsideTheDocumentAreNeverFrozen() {
        RuleDocument document = scattered(10);

        assertThat(document.isFrozen(-1)).isFalse();
        assertThat(document.isFrozen(SHARDS)).isFalse();
        assertThat(document.isFrozen(0)).isTrue();
        assertThat(document.frozenShards().cardinality()).isEqualTo(10);
    }

    @Test
    void keyOverrideChecksumDoesNotDependOnTheOrderOfTheKeys() {
        List<String> keys = IntStream.range(0, 1_000).mapToObj(i -> Long.toString(2_088_000_000_000L + i * 7L))
                .toList();
        List<String> shuffled = new ArrayList<>(keys);
        Collections.shuffle(shuffled, new java.util.Random(7));
        RuleDocument base = TestRules.threeCities();

        String inOrder = RoutingTable.of(base.toBuilder().overrideKeys(keys, "rz05").build()).checksum();
        String reordered = RoutingTable.of(base.toBuilder().overrideKeys(shuffled, "rz05").build()).checksum();
        String split = RoutingTable.of(base.toBuilder().overrideKeys(keys.subList(500, 1_000), "rz05")
                .overrideKeys(keys.subList(0, 500), "rz05").build()).checksum();
        String otherTarget = RoutingTable.of(base.toBuilder().overrideKeys(keys.subList(0, 999), "rz05")
                .overrideKeys(keys.subList(999, 1_000), "rz04").build()).checksum();
        String oneKeyFewer = RoutingTable.of(base.toBuilder().overrideKeys(keys.subList(1, 1_000), "rz05").build())
                .checksum();

        assertThat(reordered).isEqualTo(inOrder);
        assertThat(split).isEqualTo(inOrder);
        assertThat(otherTarget).isNotEqualTo(inOrder);
        assertThat(oneKeyFewer).isNotEqualTo(inOrder).isNotEqualTo(RoutingTable.of(base).checksum());
    }

    @Test
    void checksumWithoutKeyOverridesIsWhatEarlierReleasesComputed() {
        // Values computed by the release before the checksum was streamed: instances of both agree.
        assertThat(RoutingTable.of(TestRules.threeCities()).checksum()).isEqualTo("3c59b3f2cc62a363");
        assertThat(RoutingTable.of(TestRules.threeCitiesWith("frozen: []", "frozen: [\"20-22\", 37]",
                "overrides: []", "overrides:\n  - { shards: \"60-64\", cell: rz05 }")).checksum())
                .isEqualTo("89fd79f8e1c49e9a");
    }

    @Test
    void keyOverridesOfAHundredThousandKeysRouteEveryKey() {
        List<String> keys = IntStream.range(0, 100_000).mapToObj(i -> Long.toString(2_088_000_000_000L + i))
                .toList();
        RuleDocument document = TestRules.threeCities().toBuilder().overrideKeys(keys, "rz05").build();
        RoutingTable table = RoutingTable.of(document);

        assertThat(keys).allSatisfy(key -> assertThat(table.targetOf(key).id()).isEqualTo("rz05"));
        assertThat(table.keyOverride("2087999999999")).isNull();
        assertThat(table.targetOf("2087999999999").id()).isEqualTo(table.ownerOf("2087999999999").id());
    }

    /** 100,000 shards over five RZones, with every tenth shard frozen up to {@code fragments} of them. */
    private static RuleDocument scattered(int fragments) {
        RuleDocument.Builder builder = RuleDocument.builder().epoch(1).shards(SHARDS)
                .city("hz", "hz1", "hz2").city("sh", "sh1")
                .cell("rz01", CellKind.RZONE, "hz1").cell("rz02", CellKind.RZONE, "hz2")
                .cell("rz03", CellKind.RZONE, "sh1")
                .route("0-39999", "rz01").route("40000-69999", "rz02").route("70000-99999", "rz03");
        for (int f = 0; f < fragments; f++) {
            builder.freeze(Integer.toString(f * (SHARDS / fragments)));
        }
        return builder.build();
    }
}
