package io.unitrouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rules import appactive DIR --check KEYS}: AppActive's decisions against the imported document's. */
class AppActiveCheckTest {

    @TempDir
    Path dir;

    @Test
    void agreesOnEveryIdOfAWellFormedSetIncludingForbiddenIdsAndWritesNothing() {
        Path rules = AppActiveFixture.copy("mod100-forbidden", dir).dir();

        Cli.Result result = Cli.run("rules", "import", "appactive", rules, "--check", "5,137,40,12345678,99,7");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.outLines()).containsExactly(
                "ids:            6, from the command line",
                "same cell:      6",
                "both refuse:    0",
                "different:      0",
                "result:         routing agrees");
        assertThat(dir.resolve("rules.yaml")).doesNotExist();
    }

    @Test
    void reportsSignedAndOverlongIdsAsDisagreementsAndExitsWith3() {
        Path rules = AppActiveFixture.copy("mod10000-center", dir).dir();

        Cli.Result result = Cli.run("rules", "import", "appactive", rules, "--check",
                "1205,+4100,-0,99999999999999999999");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.outLines()).containsExactly(
                "ids:            4, from the command line",
                "same cell:      1",
                "both refuse:    0",
                "different:      3",
                "  key '+4100': AppActive unit UNITB (value 4100, write-forbidden); unit-router refused (routing key"
                        + " '+4100' is not a non-negative decimal number, which the mod shard function needs)",
                "  key '-0': AppActive unit UNITA (value 0); unit-router refused (routing key '-0' is not a"
                        + " non-negative decimal number, which the mod shard function needs)",
                "  key '99999999999999999999': AppActive refused (beyond the range of a long); unit-router cell"
                        + " CENTER-RZONE (shard 9999)",
                "result:         routing differs");
    }

    @Test
    void countsIdsThatBothRefuseAsAgreement() {
        Path rules = AppActiveFixture.copy("mod100", dir).dir();

        Cli.Result result = Cli.run("rules", "import", "appactive", rules, "--check", "abc,-12, 5,12 ");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).contains("same cell:      0", "both refuse:    4", "different:      0");
    }

    @Test
    void comparesTheCenterUnitWithTheRZoneThatOwnsItsIds() {
        Path rules = AppActiveFixture.copy("mod10000-center", dir).dir();

        Cli.Result result = Cli.run("rules", "import", "appactive", rules, "--check", "7000,19999,4499,4500");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).contains("same cell:      4", "different:      0");
    }

    @Test
    void readsIdsFromAFileSkippingBlankAndCommentLines() throws Exception {
        Path rules = AppActiveFixture.copy("mod100", dir).dir();
        Path keys = Files.writeString(dir.resolve("keys.txt"), "# sampled user ids\n1205\n\n2088123456789\n+7\n");

        Cli.Result result = Cli.run("rules", "import", "appactive", rules, "--check", keys);

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.outLines()).contains("ids:            3, from file " + keys, "same cell:      2",
                "different:      1");
    }

    @Test
    void reportsOverlappingUnitsAsNoEquivalentWithTheIdsThatFallThereAndExitsWith3() {
        Path rules = AppActiveFixture.copy("mod100", dir)
                .replace("idUnitMapping.json", "\"0~39\"", "\"0~45\"").dir();
        Path out = dir.resolve("rules.yaml");

        Cli.Result result = Cli.run("rules", "import", "appactive", rules, "--check", "42,142,7", "-o", out);

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.outLines()).containsExactly(
                "ids:            3, from the command line",
                "same cell:      3",
                "both refuse:    0",
                "different:      0",
                "no equivalent:  1",
                "  idUnitMapping.json: values 40-45 are claimed by unit HZ (items[0]) and unit SH (items[1]);"
                        + " AppActive sends them to HZ, the first match in its order, which unit-router cannot"
                        + " express: a shard has one owner (2 ids checked: '42', '142')",
                "result:         routing differs");
        assertThat(out).as("nothing is written when routing differs").doesNotExist();
    }

    @Test
    void writesTheDocumentWhenRoutingAgreesAndAnOutputIsGiven() throws Exception {
        Path rules = AppActiveFixture.copy("mod100", dir).dir();
        Path out = dir.resolve("rules.yaml");

        Cli.Result result = Cli.run("rules", "import", "appactive", rules, "--check", "1,50,99", "-o", out);

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).contains("result:         routing agrees", "written:        " + out);
        assertThat(Files.readString(out)).contains("routing:");
    }

    @Test
    void writesNothingWhenRoutingDiffers() {
        Path rules = AppActiveFixture.copy("mod100", dir).dir();
        Path out = dir.resolve("rules.yaml");

        Cli.Result result = Cli.run("rules", "import", "appactive", rules, "--check", "1,+50", "-o", out);

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.out()).doesNotContain("written:");
        assertThat(out).doesNotExist();
    }

    @Test
    void reportsAMissingKeyFileGivenAsAPath() {
        Path rules = AppActiveFixture.copy("mod100", dir).dir();
        Path keys = dir.resolve("keys.txt");

        Cli.Result result = Cli.run("rules", "import", "appactive", rules, "--check", keys);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly("error: key file " + keys + " does not exist");
    }

    @Test
    void refusesAKeyFileWithoutIds() throws Exception {
        Path rules = AppActiveFixture.copy("mod100", dir).dir();
        Path keys = Files.writeString(dir.resolve("keys.txt"), "# nothing yet\n\n");

        Cli.Result result = Cli.run("rules", "import", "appactive", rules, "--check", keys);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly("error: no ids to check in file " + keys);
    }
}
