package io.unitrouter.core.rules;

import static io.unitrouter.core.rules.RuleDocs.edit;
import static io.unitrouter.core.rules.RuleDocs.errorsOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.core.Access;
import io.unitrouter.core.ShardRange;
import io.unitrouter.core.TestRules;
import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.routing.UnitRouter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fields failover writes into a document: {@code homes} (where shards return on a switchback),
 * {@code offline} (cells out of service) and each city's {@code failover-to} order.
 */
class FailoverFieldsTest {

    private static final String ROUTING_RZ02 = "{ shards: \"20-39\", cell: rz02 }";

    /** rz02's shards moved to rz01 while rz02 is down, remembering rz02 as their home. */
    private static String rz02Down() {
        return edit(ROUTING_RZ02, "{ shards: \"20-39\", cell: rz01 }", "frozen: []",
                "frozen: []\nhomes:\n  - { shards: \"20-39\", cell: rz02 }\noffline: [rz02]");
    }

    @Test
    void homeOfAShardAwayFromHomeIsTheRecordedCell() {
        RuleDocument doc = RuleDocuments.parse(rz02Down(), "test.yaml");

        assertThat(doc.ownerOf(25)).isEqualTo("rz01");
        assertThat(doc.homeOf(25)).isEqualTo("rz02");
        assertThat(doc.homeOf(5)).isEqualTo("rz01");
        assertThat(doc.homes()).containsExactly(new RuleDocument.Assignment(
                List.of(ShardRange.of(20, 39)), "rz02"));
        assertThat(doc.offline()).containsExactly("rz02");
        assertThat(doc.isOffline("rz02")).isTrue();
        assertThat(doc.isOffline("rz01")).isFalse();
    }

    @Test
    void homeEqualToTheOwnerIsDroppedAsAtHome() {
        RuleDocument doc = RuleDocuments.parse(edit("frozen: []",
                "frozen: []\nhomes:\n  - { shards: \"0-9\", cell: rz01 }\n  - { shards: \"20-21\", cell: rz05 }"),
                "test.yaml");

        assertThat(doc.homes()).hasSize(1);
        assertThat(doc.homes().get(0).cell()).isEqualTo("rz05");
        assertThat(doc.homeOf(3)).isEqualTo("rz01");
        assertThat(doc.homeOf(21)).isEqualTo("rz05");
    }

    @Test
    void aDocumentWithFailoverFieldsReadsBackToAnEqualDocument() {
        RuleDocument doc = RuleDocuments.parse(withAll(), "test.yaml");

        RuleDocument again = RuleDocuments.parse(RuleDocuments.toYaml(doc), "again.yaml");

        assertThat(RoutingTable.of(again).checksum()).isEqualTo(RoutingTable.of(doc).checksum());
        assertThat(again.homes()).isEqualTo(doc.homes());
        assertThat(again.offline()).isEqualTo(doc.offline());
        assertThat(again.topology().city("hz").orElseThrow().failoverTo()).containsExactly("sh", "sz");
    }

    private static String withAll() {
        return TestRules.threeCitiesTextWith(ROUTING_RZ02, "{ shards: \"20-39\", cell: rz01 }", "frozen: []",
                "frozen: []\nhomes:\n  - { shards: \"20-39\", cell: rz02 }\noffline: [rz02]",
                "{ id: hz, data-centers: [hz1, hz2] }", "{ id: hz, data-centers: [hz1, hz2], failover-to: [sh, sz] }");
    }

    @Test
    void checksumChangesWithOfflineAndHomesButNotForDocumentsWithoutThem() {
        RuleDocument plain = TestRules.threeCities();
        RuleDocument moved = TestRules.threeCitiesWith(ROUTING_RZ02, "{ shards: \"20-39\", cell: rz01 }");
        RuleDocument movedWithHome = RuleDocuments.parse(edit(ROUTING_RZ02, "{ shards: \"20-39\", cell: rz01 }",
                "frozen: []", "frozen: []\nhomes:\n  - { shards: \"20-39\", cell: rz02 }"), "test.yaml");
        RuleDocument movedOffline = RuleDocuments.parse(rz02Down(), "test.yaml");

        assertThat(RoutingTable.of(plain).checksum()).isEqualTo(RoutingTable.of(TestRules.threeCities()).checksum());
        assertThat(List.of(RoutingTable.of(moved).checksum(), RoutingTable.of(movedWithHome).checksum(),
                RoutingTable.of(movedOffline).checksum())).doesNotHaveDuplicates();
    }

    @Test
    void anOfflineCZoneSendsItsCityReadsToTheActiveGZone() {
        RuleDocument doc = TestRules.threeCitiesWith("frozen: []", "frozen: []\noffline: [czhz]");

        try (UnitRouter router = UnitRouter.builder().rules(doc).build()) {
            assertThat(router.routeCity("hz", Access.READ).cell()).isEqualTo("gz01");
            assertThat(router.routeCity("hz", Access.WRITE).cell()).isEqualTo("gz01");
        }
        try (UnitRouter router = UnitRouter.builder().rules(TestRules.threeCities()).build()) {
            assertThat(router.routeCity("hz", Access.READ).cell()).isEqualTo("czhz");
        }
    }

    @Test
    void builderRecordsHomesAndOfflineCells() {
        String[] homes = new String[100];
        for (int s = 20; s < 40; s++) {
            homes[s] = "rz02";
        }
        RuleDocument doc = TestRules.threeCities().toBuilder().epoch(43).owners(ownersWith20To39On("rz01"))
                .homes(homes).markOffline("rz02").markOffline("rz02").build();

        assertThat(doc.homeOf(30)).isEqualTo("rz02");
        assertThat(doc.offline()).containsExactly("rz02");
        RuleDocument back = doc.toBuilder().epoch(44).owners(TestRules.threeCities().owners()).markOnline("rz02")
                .build();
        assertThat(back.homes()).isEmpty();
        assertThat(back.offline()).isEmpty();
    }

    private static String[] ownersWith20To39On(String cell) {
        String[] owners = TestRules.threeCities().owners();
        for (int s = 20; s < 40; s++) {
            owners[s] = cell;
        }
        return owners;
    }

    @Test
    void rejectsShardsOwnedByAnOfflineCell() {
        assertThat(errorsOf(edit("frozen: []", "frozen: []\noffline: [rz02]")))
                .containsExactly("shards 20-39 are owned by rz02, which is offline; move them to a cell that is online");
    }

    @Test
    void rejectsAnOfflineActiveGZone() {
        assertThat(errorsOf(edit("frozen: []", "frozen: []\noffline: [gz01]")))
                .containsExactly("active GZone gz01 is offline; make a GZone that is online active (set active-gzone,"
                        + " usually to its standby)");
    }

    @Test
    void acceptsAnOfflineGZoneOnceItsStandbyIsActive() {
        RuleDocument doc = TestRules.threeCitiesWith("frozen: []", "active-gzone: gz02\nfrozen: []\noffline: [gz01]");

        assertThat(doc.topology().activeGZone().orElseThrow().id()).isEqualTo("gz02");
    }

    @Test
    void rejectsUnknownAndRepeatedOfflineCells() {
        assertThat(errorsOf(edit("frozen: []", "frozen: []\noffline: [rz09, czhz, czhz]")))
                .containsExactly("offline[0]: cell 'rz09' is not defined",
                        "offline[2]: cell czhz is listed more than once");
    }

    @Test
    void rejectsAnOverrideToAnOfflineCell() {
        assertThat(errorsOf(edit("overrides: []", "overrides:\n  - { keys: [\"7\"], cell: rz03 }\noffline: [czhz, rz03]",
                "{ shards: \"40-59\", cell: rz03 }", "{ shards: \"40-59\", cell: rz04 }")))
                .containsExactly("overrides[0]: cell rz03 is offline; an override must send requests to a cell that"
                        + " is online");
    }

    @Test
    void rejectsAShardWithTwoHomes() {
        assertThat(errorsOf(edit("frozen: []",
                "frozen: []\nhomes:\n  - { shards: \"20-25\", cell: rz03 }\n  - { shards: \"24-29\", cell: rz04 }")))
                .containsExactly("shards 24-25 have two homes: rz03 and rz04");
    }

    @Test
    void rejectsHomesThatAreNotRZonesOrOutOfRange() {
        assertThat(errorsOf(edit("frozen: []",
                "frozen: []\nhomes:\n  - { shards: \"20-25\", cell: gz01 }\n  - { shards: \"95-105\", cell: rz04 }"
                        + "\n  - { shards: \"1\", cell: rz77 }")))
                .containsExactly("homes[0]: cell gz01 is a GZONE; only RZONE cells own shards",
                        "homes[1]: shards 95-105 are outside 0..99", "homes[2]: cell 'rz77' is not defined");
    }

    @Test
    void rejectsABadFailoverOrder() {
        assertThat(errorsOf(edit("{ id: hz, data-centers: [hz1, hz2] }",
                "{ id: hz, data-centers: [hz1, hz2], failover-to: [hz, bj, sh, sh] }")))
                .containsExactly(
                        "city hz: failover-to names the city itself; list the other cities that take its shards",
                        "city hz: failover-to 'bj' is not a defined city; known cities: [hz, sh, sz]",
                        "city hz: failover-to lists sh more than once");
    }
}
