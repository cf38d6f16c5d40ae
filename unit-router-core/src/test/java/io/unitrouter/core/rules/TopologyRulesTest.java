package io.unitrouter.core.rules;

import static io.unitrouter.core.rules.RuleDocs.base;
import static io.unitrouter.core.rules.RuleDocs.edit;
import static io.unitrouter.core.rules.RuleDocs.errorsOf;
import static io.unitrouter.core.rules.RuleDocs.withCell;
import static io.unitrouter.core.rules.RuleDocs.withCity;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.core.CellKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cities, cells, standbys and the active GZone: each rule pins its exact message. */
class TopologyRulesTest {

    private static final String ID_RULE =
            "letters, digits, '.', '_' or '-', starting with a letter or digit, at most 64";

    @Test
    void rejectsDocumentWithoutCities() {
        String noCities = edit("""
                cities:
                  - { id: hz, data-centers: [hz1, hz2] }
                  - { id: sh, data-centers: [sh1, sh2] }
                  - { id: sz, data-centers: [sz1] }
                """, "");

        List<String> errors = errorsOf(noCities);

        assertThat(errors).first().isEqualTo("cities is missing: declare at least one city with its data centers");
        assertThat(errors).contains("cells[0] rz01: data center 'hz1' is not in any city");
    }

    @Test
    void rejectsDuplicateCityId() {
        assertThat(errorsOf(withCity("{ id: hz, data-centers: [hz3] }")))
                .containsExactly("cities[3]: duplicate city id 'hz'");
    }

    @Test
    void rejectsCityWithoutDataCenters() {
        assertThat(errorsOf(withCity("{ id: bj, data-centers: [] }")))
                .containsExactly("cities[3] bj: has no data centers");
    }

    @Test
    void rejectsDataCenterInTwoCities() {
        assertThat(errorsOf(withCity("{ id: bj, data-centers: [bj1, hz1] }")))
                .containsExactly("cities[3] bj: data center 'hz1' is already in city hz");
    }

    @Test
    void rejectsCityWithoutId() {
        assertThat(errorsOf(withCity("{ data-centers: [bj1] }"))).containsExactly("cities[3]: id is missing");
    }

    @Test
    void rejectsBadCityId() {
        assertThat(errorsOf(withCity("{ id: '-bj', data-centers: [bj1] }")))
                .containsExactly("cities[3]: id '-bj' is not valid (" + ID_RULE + ")");
    }

    @Test
    void rejectsBadDataCenterId() {
        assertThat(errorsOf(withCity("{ id: bj, data-centers: ['bj 1'] }")))
                .containsExactly("cities[3] bj data center: id 'bj 1' is not valid (" + ID_RULE + ")");
    }

    @Test
    void rejectsDocumentWithoutCells() {
        String noCells = base().replaceAll("(?s)cells:.*?routing:", "routing:");

        assertThat(errorsOf(noCells)).containsExactly("cells is missing: declare at least one RZONE cell",
                "routing[0]: cell 'rz01' is not defined", "routing[1]: cell 'rz02' is not defined",
                "routing[2]: cell 'rz03' is not defined", "routing[3]: cell 'rz04' is not defined",
                "routing[4]: cell 'rz05' is not defined");
    }

    @Test
    void rejectsDuplicateCellId() {
        assertThat(errorsOf(withCell("{ id: rz01, kind: RZONE, data-center: hz2 }")))
                .containsExactly("cells[8]: duplicate cell id 'rz01'");
    }

    @Test
    void rejectsCellWithoutId() {
        assertThat(errorsOf(withCell("{ kind: RZONE, data-center: hz2 }"))).containsExactly("cells[8]: id is missing");
    }

    @Test
    void rejectsBadCellId() {
        assertThat(errorsOf(withCell("{ id: 'rz 06', kind: RZONE, data-center: hz2 }")))
                .containsExactly("cells[8]: id 'rz 06' is not valid (" + ID_RULE + ")");
    }

    @Test
    void rejectsIdLongerThanSixtyFourCharacters() {
        String id = "r".repeat(65);

        assertThat(errorsOf(withCell("{ id: " + id + ", kind: RZONE, data-center: hz2 }")))
                .containsExactly("cells[8]: id '" + id + "' is not valid (" + ID_RULE + ")");
    }

    @Test
    void acceptsIdOfSixtyFourCharacters() {
        String id = "r".repeat(64);

        RuleDocument doc = RuleDocuments.parse(withCell("{ id: " + id + ", kind: RZONE, data-center: hz2 }"), "t");

        assertThat(doc.topology().cell(id)).isPresent();
    }

    @Test
    void rejectsUnknownKind() {
        assertThat(errorsOf(withCell("{ id: rz06, kind: XZONE, data-center: hz2 }")))
                .containsExactly("cells[8] rz06: kind 'XZONE' is not RZONE, GZONE or CZONE");
    }

    @Test
    void rejectsMissingKind() {
        assertThat(errorsOf(withCell("{ id: rz06, data-center: hz2 }")))
                .containsExactly("cells[8] rz06: kind is missing (RZONE, GZONE or CZONE)");
    }

    @Test
    void acceptsKindInLowerCase() {
        RuleDocument doc = RuleDocuments.parse(withCell("{ id: rz06, kind: rzone, data-center: hz2 }"), "t");

        assertThat(doc.topology().cell("rz06")).hasValueSatisfying(c -> assertThat(c.kind()).isEqualTo(CellKind.RZONE));
    }

    @Test
    void rejectsUnknownDataCenter() {
        assertThat(errorsOf(withCell("{ id: rz06, kind: RZONE, data-center: bj1 }")))
                .containsExactly("cells[8] rz06: data center 'bj1' is not in any city");
    }

    @Test
    void rejectsMissingDataCenter() {
        assertThat(errorsOf(withCell("{ id: rz06, kind: RZONE }")))
                .containsExactly("cells[8] rz06: data-center is missing");
    }

    @Test
    void rejectsNegativeCapacity() {
        assertThat(errorsOf(edit("data-center: hz1, capacity: 100", "data-center: hz1, capacity: -5")))
                .containsExactly("cells[0] rz01: capacity must be >= 0, was -5");
    }

    @Test
    void rejectsCellOwningMoreShardsThanItsCapacity() {
        assertThat(errorsOf(edit("data-center: sh1, capacity: 100", "data-center: sh1, capacity: 19")))
                .containsExactly("cell rz03 owns 20 shards, more than its capacity of 19");
    }

    @Test
    void acceptsCellOwningExactlyItsCapacity() {
        RuleDocument doc = RuleDocuments.parse(edit("data-center: sh1, capacity: 100",
                "data-center: sh1, capacity: 20"), "t");

        assertThat(doc.shardsOf("rz03")).hasSize(20);
    }

    @Test
    void rejectsTwoCZonesInOneCity() {
        assertThat(errorsOf(withCell("{ id: czhz2, kind: CZONE, data-center: hz1 }")))
                .containsExactly("city hz has more than one CZone: czhz, czhz2");
    }

    private static final String GZ01 = "{ id: gz01, kind: GZONE, data-center: hz1, standby: gz02 }";

    @Test
    void rejectsStandbyOnACellThatIsNotAGZone() {
        assertThat(errorsOf(edit("data-center: hz1, capacity: 100 }",
                "data-center: hz1, capacity: 100, standby: gz02 }")))
                .containsExactly("cells[0] rz01: standby is only for GZONE cells, but this cell is a RZONE");
    }

    @Test
    void rejectsUnknownStandby() {
        assertThat(errorsOf(edit(GZ01, "{ id: gz01, kind: GZONE, data-center: hz1, standby: gz09 }",
                "shards: 100\n", "shards: 100\nactive-gzone: gz01\n")))
                .containsExactly("cell gz01: standby 'gz09' is not a defined cell");
    }

    @Test
    void rejectsStandbyThatIsNotAGZone() {
        assertThat(errorsOf(edit(GZ01, "{ id: gz01, kind: GZONE, data-center: hz1, standby: czhz }",
                "shards: 100\n", "shards: 100\nactive-gzone: gz01\n")))
                .containsExactly("cell gz01: standby czhz is a CZONE, not a GZONE");
    }

    @Test
    void rejectsGZoneThatIsItsOwnStandby() {
        assertThat(errorsOf(edit(GZ01, "{ id: gz01, kind: GZONE, data-center: hz1, standby: gz01 }")))
                .containsExactly("cell gz01: a GZone cannot be its own standby");
    }

    @Test
    void rejectsStandbyInTheSameCity() {
        assertThat(errorsOf(edit("{ id: gz02, kind: GZONE, data-center: sh1 }",
                "{ id: gz02, kind: GZONE, data-center: hz2 }")))
                .containsExactly("cell gz01: standby gz02 is in the same city (hz); a standby must be in another city");
    }

    @Test
    void brokenStandbyIsReportedOnceNotAgainByTheGZoneNamingIt() {
        assertThat(errorsOf(edit("{ id: gz02, kind: GZONE, data-center: sh1 }",
                "{ id: gz02, kind: GZONE, data-center: sh9 }")))
                .containsExactly("cells[6] gz02: data center 'sh9' is not in any city");
    }

    @Test
    void rejectsUnknownActiveGZone() {
        assertThat(errorsOf(edit("shards: 100\n", "shards: 100\nactive-gzone: gz09\n")))
                .containsExactly("active-gzone 'gz09' is not a defined GZONE cell");
    }

    @Test
    void rejectsActiveGZoneThatIsNotAGZone() {
        assertThat(errorsOf(edit("shards: 100\n", "shards: 100\nactive-gzone: rz01\n")))
                .containsExactly("active-gzone 'rz01' is not a defined GZONE cell");
    }

    @Test
    void rejectsAmbiguousActiveGZone() {
        assertThat(errorsOf(edit("data-center: hz1, standby: gz02 }", "data-center: hz1 }")))
                .containsExactly("active-gzone is not set and 2 GZones could be active (gz01, gz02): set active-gzone");
    }

    @Test
    void rejectsGZonesThatAreEachOthersStandby() {
        assertThat(errorsOf(edit("{ id: gz02, kind: GZONE, data-center: sh1 }",
                "{ id: gz02, kind: GZONE, data-center: sh1, standby: gz01 }")))
                .containsExactly("active-gzone is not set and every GZone is another's standby: set active-gzone");
    }

    @Test
    void acceptsExplicitActiveGZone() {
        RuleDocument doc = RuleDocuments.parse(edit("shards: 100\n", "shards: 100\nactive-gzone: gz02\n"), "t");

        assertThat(doc.topology().activeGZone()).hasValueSatisfying(c -> assertThat(c.id()).isEqualTo("gz02"));
    }

    @Test
    void brokenActiveGZoneIsReportedOnceNotAgainByActiveGZone() {
        assertThat(errorsOf(edit("shards: 100\n", "shards: 100\nactive-gzone: gz02\n",
                "{ id: gz02, kind: GZONE, data-center: sh1 }", "{ id: gz02, kind: GZONE }")))
                .containsExactly("cells[6] gz02: data-center is missing");
    }
}
