package io.unitrouter.core;

import static io.unitrouter.core.TestRules.threeCitiesWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import io.unitrouter.core.rules.ShardFunctionSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingTableTest {

    private static final String NO_OVERRIDES = "overrides: []";

    private final RoutingTable table = RoutingTable.of(TestRules.threeCities());

    @Test
    void mapsKeysToTheOwnerOfTheirShard() {
        assertThat(table.shardOf("1234567")).isEqualTo(67);
        assertThat(table.shardOf(1_234_567L)).isEqualTo(67);
        assertThat(table.ownerOf("1234567").id()).isEqualTo("rz04");
        assertThat(table.targetOf("1234567").id()).isEqualTo("rz04");
        assertThat(table.ownerOf(0).id()).isEqualTo("rz01");
        assertThat(table.ownerOf(99).id()).isEqualTo("rz05");
    }

    @Test
    void keyOverrideChangesTheTargetButNotTheOwner() {
        RoutingTable overridden = RoutingTable.of(threeCitiesWith(NO_OVERRIDES,
                "overrides:\n  - { keys: ['1234567'], cell: rz05 }"));

        assertThat(overridden.targetOf("1234567").id()).isEqualTo("rz05");
        assertThat(overridden.keyOverride("1234567").id()).isEqualTo("rz05");
        assertThat(overridden.hasKeyOverrides()).isTrue();
        assertThat(overridden.ownerOf("1234567").id()).isEqualTo("rz04");
        assertThat(overridden.ownerOf(67).id()).isEqualTo("rz04");
        assertThat(overridden.document().ownerOf(67)).isEqualTo("rz04");
        assertThat(overridden.targetOf("67").id()).as("another key of the same shard").isEqualTo("rz04");
        assertThat(overridden.targetOfShard(67).id()).isEqualTo("rz04");
        assertThat(table.hasKeyOverrides()).isFalse();
    }

    @Test
    void shardOverrideChangesTheTargetButNotTheOwner() {
        RoutingTable overridden = RoutingTable.of(threeCitiesWith(NO_OVERRIDES,
                "overrides:\n  - { shards: \"60-64\", cell: rz05 }"));

        assertThat(overridden.targetOfShard(62).id()).isEqualTo("rz05");
        assertThat(overridden.targetOf("1262").id()).isEqualTo("rz05");
        assertThat(overridden.targetOfShard(65).id()).isEqualTo("rz04");
        assertThat(overridden.ownerOf(62).id()).isEqualTo("rz04");
        assertThat(overridden.shardCounts()).isEqualTo(table.shardCounts());
        assertThat(overridden.shardsOf("rz04")).isEqualTo(table.shardsOf("rz04"));
    }

    @Test
    void reportsFrozenShards() {
        RoutingTable frozen = RoutingTable.of(threeCitiesWith("frozen: []", "frozen: [\"20-22\", 37]"));

        assertThat(frozen.frozenShards()).containsExactly(20, 21, 22, 37);
        assertThat(frozen.isFrozen(21)).isTrue();
        assertThat(frozen.isFrozen(23)).isFalse();
        assertThat(table.frozenShards()).isEmpty();
    }

    @Test
    void countsShardsPerRZoneInDeclarationOrder() {
        assertThat(table.shardCounts()).containsExactly(Map.entry("rz01", 20), Map.entry("rz02", 20),
                Map.entry("rz03", 20), Map.entry("rz04", 20), Map.entry("rz05", 20));
        assertThat(table.owningCells()).containsExactlyInAnyOrder("rz01", "rz02", "rz03", "rz04", "rz05");
        assertThat(table.shardsOf("rz02")).hasSize(20).startsWith(20).endsWith(39);
    }

    @Test
    void refusesShardsOutsideTheTable() {
        assertThatThrownBy(() -> table.ownerOf(100)).isInstanceOf(UnitRouterException.class)
                .hasMessage("shard 100 is outside 0..99");
        assertThatThrownBy(() -> table.targetOfShard(-1)).isInstanceOf(UnitRouterException.class)
                .hasMessage("shard -1 is outside 0..99");
        assertThatThrownBy(() -> table.isFrozen(100)).isInstanceOf(UnitRouterException.class)
                .hasMessage("shard 100 is outside 0..99");
    }

    @Test
    void refusesNegativeNumericKeyUnderMod() {
        assertThatThrownBy(() -> table.shardOf(-1L)).isInstanceOf(MalformedKeyException.class)
                .hasMessage("routing key '-1' is not a non-negative decimal number, which the mod shard function needs");
    }

    @Test
    void checksumIsSixteenLowercaseHexCharacters() {
        assertThat(table.checksum()).matches("[0-9a-f]{16}");
        assertThat(table).hasToString("RoutingTable[epoch=42, shards=100, checksum=" + table.checksum() + "]");
    }

    @Test
    void checksumIsStableAcrossYamlRoundTrip() {
        RuleDocument rich = threeCitiesWith("shard-function: { type: mod }",
                "shard-function: { type: digits, position: 3, width: 2 }",
                "shards: 100\n", "shards: 100\nactive-gzone: gz01\n",
                "frozen: []", "frozen: [\"20-22\", 37]",
                NO_OVERRIDES, "overrides:\n  - { keys: ['0001205', '2088123456789'], cell: rz05 }\n"
                        + "  - { shards: \"60-64\", cell: rz03 }");
        String yaml = RuleDocuments.toYaml(rich);

        RuleDocument again = RuleDocuments.parse(yaml, "again.yaml");

        assertThat(RoutingTable.of(again).checksum()).isEqualTo(RoutingTable.of(rich).checksum());
        assertThat(RuleDocuments.toYaml(again)).isEqualTo(yaml);
        assertThat(again.overrides().get(0).keys()).containsExactly("0001205", "2088123456789");
    }

    @Test
    void overrideKeysThatLookLikeOtherYamlValuesSurviveTheRoundTrip() {
        List<String> keys = List.of("0123", "1_000", "1:20", "0x1F", "0b101", "1e5", ".inf", ".NaN", "~", "null", "Yes",
                "off", "2001-12-14", "<<", "=", "!!str", "&a", "*a", "%x", "@x", "`x", "|", ">", "-", "?", ",", "[", "{",
                "#", "'", "\"", "a:b", "a#b", "-1", "+1", "a'b", "\\");
        RuleDocument doc = TestRules.threeCities().toBuilder().shardFunction(ShardFunctionSpec.hash())
                .overrideKeys(keys, "rz05").build();

        RuleDocument again = RuleDocuments.parse(RuleDocuments.toYaml(doc), "again.yaml");

        assertThat(again.overrides().get(0).keys()).isEqualTo(keys);
        assertThat(RoutingTable.of(again).checksum()).isEqualTo(RoutingTable.of(doc).checksum());
    }

    @Test
    void checksumIgnoresTheEpoch() {
        RuleDocument next = TestRules.threeCities().toBuilder().epoch(43).build();

        assertThat(RoutingTable.of(next).checksum()).isEqualTo(table.checksum());
    }

    @Test
    void checksumChangesWhenOneOwnerChanges() {
        String[] owners = TestRules.threeCities().owners();
        owners[67] = "rz05";
        RuleDocument moved = TestRules.threeCities().toBuilder().owners(owners).build();

        assertThat(RoutingTable.of(moved).checksum()).isNotEqualTo(table.checksum());
    }

    @Test
    void checksumTellsApartOverrideKeysThatContainSeparators() {
        RuleDocument hashed = TestRules.threeCities().toBuilder().shardFunction(ShardFunctionSpec.hash()).build();
        RuleDocument oneKey = hashed.toBuilder().overrideKeys(List.of("1=rz05,2"), "rz01").build();
        RuleDocument twoKeys = hashed.toBuilder().overrideKeys(List.of("1"), "rz05").overrideKeys(List.of("2"), "rz01")
                .build();

        assertThat(RoutingTable.of(oneKey).checksum()).isNotEqualTo(RoutingTable.of(twoKeys).checksum());
        try (UnitRouter router = UnitRouter.builder().rules(twoKeys).build()) {
            assertThatThrownBy(() -> router.apply(oneKey)).as("same epoch, different content")
                    .hasMessageContaining("epoch 42 is already in force with different content");
        }
    }

    @Test
    void checksumChangesWithFrozenShardsOverridesAndShardFunction() {
        RuleDocument base = TestRules.threeCities();

        assertThat(RoutingTable.of(base.toBuilder().frozen(67).build()).checksum()).isNotEqualTo(table.checksum());
        assertThat(RoutingTable.of(base.toBuilder().overrideShards("67", "rz05").build()).checksum())
                .isNotEqualTo(table.checksum());
        assertThat(RoutingTable.of(base.toBuilder().overrideKeys(List.of("67"), "rz05").build()).checksum())
                .isNotEqualTo(table.checksum());
        assertThat(RoutingTable.of(base.toBuilder().shardFunction(ShardFunctionSpec.hash()).build()).checksum())
                .isNotEqualTo(table.checksum());
    }
}
