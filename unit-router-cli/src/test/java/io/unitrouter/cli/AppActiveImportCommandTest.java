package io.unitrouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.core.Access;
import io.unitrouter.core.RouteDecision;
import io.unitrouter.core.key.KeySources;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.rules.RuleDocument;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

class AppActiveImportCommandTest {

    @TempDir
    Path dir;

    @Test
    void importsMod100WithoutForbiddenRuleIntoOneRZonePerUpperCasedUnit() throws Exception {
        Path rules = AppActiveFixture.copy("mod100", dir).dir();
        Path out = dir.resolve("rules.yaml");

        Cli.Result result = Cli.run("rules", "import", "appactive", rules, "-o", out);

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.outLines()).contains(
                "written:        " + out,
                "epoch:          1",
                "shards:         100 (shard function mod, AppActive's mod 100)",
                "frozen shards:  none (no forbiddenRule.json)");
        assertThat(result.out())
                .containsPattern("(?m)^ +HZ +HZ +RZONE +0-39$")
                .containsPattern("(?m)^ +SH +SH +RZONE +40-79$")
                .containsPattern("(?m)^ +SZ +SZ +RZONE +80-99$")
                .contains("no unit is named center, so the document has no GZONE cell")
                .doesNotContain("GZONE  ");
        Map<String, Object> yaml = yaml(out);
        assertThat(yaml).containsEntry("epoch", 1).containsEntry("shards", 100)
                .containsEntry("shard-function", Map.of("type", "mod"))
                .containsEntry("frozen", List.of()).containsEntry("overrides", List.of());
        assertThat(yaml.get("routing")).isEqualTo(List.of(
                Map.of("shards", "0-39", "cell", "HZ"),
                Map.of("shards", "40-79", "cell", "SH"),
                Map.of("shards", "80-99", "cell", "SZ")));
    }

    @Test
    void importsForbiddenRangesAsFrozenShards() throws Exception {
        Path rules = AppActiveFixture.copy("mod100-forbidden", dir).dir();
        Path out = dir.resolve("rules.yaml");

        Cli.Result result = Cli.run("rules", "import", "appactive", rules, "-o", out);

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).contains("frozen shards:  35-39,95-99 (10 shards, from forbiddenRule.json)");
        assertThat(yaml(out)).containsEntry("frozen", List.of("35-39", "95-99"));
    }

    @Test
    void importsMod10000CenterThatOwnsIdsAsGZonePlusAnRZoneForItsIds() throws Exception {
        Path rules = AppActiveFixture.copy("mod10000-center", dir).dir();
        Path out = dir.resolve("rules.yaml");

        Cli.Result result = Cli.run("rules", "import", "appactive", rules, "-o", out);

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out())
                .containsPattern("(?m)^ +UNITA +UNITA +RZONE +0-3999$")
                .containsPattern("(?m)^ +UNITB +UNITB +RZONE +4000-6999$")
                .containsPattern("(?m)^ +CENTER +CENTER-RZONE +RZONE +7000-9999$")
                .containsPattern("(?m)^ +CENTER +CENTER +GZONE +-$")
                .containsPattern("(?m)^ +- +CENTER-STANDBY +GZONE +-$");
        assertThat(result.outLines()).contains(
                "frozen shards:  4000-4499 (500 shards, from forbiddenRule.json)",
                "  - unit CENTER runs AppActive's center services and also owns ids; a GZone owns no shards, so cell"
                        + " CENTER-RZONE owns them: run the center's unit services as cell CENTER-RZONE and its center"
                        + " services as cell CENTER (both may stay in its data center)",
                "  - AppActive's 'arg' reads any request parameter, form bodies included; query:user_id reads the"
                        + " query string only",
                "  - AppActive matches the cookie name user_id in any case; cookie:user_id matches it exactly",
                "  - AppActive guards writes to the databases of its data-scope files (ledger-accounts); in"
                        + " unit-router, data-sharding's write guard does (docs/data-sharding.md)",
                "  - machine.json puts this machine in unit UNITB: set unit-router.local-cell: UNITB");
        Map<String, Object> yaml = yaml(out);
        assertThat(yaml).containsEntry("shards", 10000).containsEntry("frozen", List.of("4000-4499"));
        assertThat(yaml.get("cells")).isEqualTo(List.of(
                Map.of("id", "UNITA", "kind", "RZONE", "data-center", "<fill-in:data-center-of-UNITA>",
                        "capacity", "<fill-in:capacity-of-UNITA>"),
                Map.of("id", "UNITB", "kind", "RZONE", "data-center", "<fill-in:data-center-of-UNITB>",
                        "capacity", "<fill-in:capacity-of-UNITB>"),
                Map.of("id", "CENTER-RZONE", "kind", "RZONE", "data-center", "<fill-in:data-center-of-CENTER>",
                        "capacity", "<fill-in:capacity-of-CENTER-RZONE>"),
                Map.of("id", "CENTER", "kind", "GZONE", "data-center", "<fill-in:data-center-of-CENTER>",
                        "standby", "CENTER-STANDBY"),
                Map.of("id", "CENTER-STANDBY", "kind", "GZONE",
                        "data-center", "<fill-in:data-center-of-CENTER-STANDBY>")));
        assertThat(yaml.get("routing")).isEqualTo(List.of(
                Map.of("shards", "0-3999", "cell", "UNITA"),
                Map.of("shards", "4000-6999", "cell", "UNITB"),
                Map.of("shards", "7000-9999", "cell", "CENTER-RZONE")));
    }

    @Test
    void importsCenterWithoutRangesAsTheGZoneOnly() throws Exception {
        Path rules = AppActiveFixture.copy("mod10000-center-global-only", dir).dir();
        Path out = dir.resolve("rules.yaml");

        Cli.Result result = Cli.run("rules", "import", "appactive", rules, "-o", out);

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .containsPattern("(?m)^ +EAST +EAST +RZONE +0-4999$")
                .containsPattern("(?m)^ +WEST +WEST +RZONE +5000-9999$")
                .containsPattern("(?m)^ +CENTER +CENTER +GZONE +-$")
                .doesNotContain("CENTER-RZONE", "before you switch");
        assertThat(result.outLines()).contains(
                "frozen shards:  none (forbiddenRule.json forbids no value below 10000)");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> cells = (List<Map<String, Object>>) yaml(out).get("cells");
        assertThat(cells).extracting(cell -> cell.get("id")).containsExactly("EAST", "WEST", "CENTER",
                "CENTER-STANDBY");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mod100", "mod100-forbidden", "mod10000-center", "mod10000-center-global-only"})
    void validateRefusesTheImportedDocumentWithAnErrorNamingEachListedPlaceholder(String set) {
        Path out = dir.resolve("rules.yaml");
        Cli.Result imported = Cli.run("rules", "import", "appactive", AppActiveFixture.copy(set, dir).dir(), "-o",
                out);
        List<String> listed = imported.outLines().stream().filter(line -> line.startsWith("  <fill-in:"))
                .map(line -> line.trim().split(" ")[0]).toList();
        assertThat(listed).as("placeholders listed on stdout").isNotEmpty();

        Cli.Result validated = Cli.run("rules", "validate", out);

        assertThat(validated.exitCode()).isEqualTo(1);
        assertThat(validated.out()).isEmpty();
        List<String> errors = validated.errLines().stream().filter(line -> line.startsWith("error: ")).toList();
        for (String placeholder : listed) {
            assertThat(errors).as("an error naming " + placeholder).anyMatch(line -> line.contains(placeholder));
        }
        assertThat(imported.out()).contains("fill in:        " + listed.size() + " placeholders");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mod100", "mod100-forbidden", "mod10000-center", "mod10000-center-global-only"})
    void filledInDocumentValidatesAndRoutesEveryValueExactlyLikeAppActive(String set) throws Exception {
        AppActiveFixture fixture = AppActiveFixture.copy(set, dir);
        Path out = dir.resolve("rules.yaml");
        assertThat(Cli.run("rules", "import", "appactive", fixture.dir(), "-o", out).exitCode()).isZero();
        Path filled = dir.resolve("filled.yaml");
        Files.writeString(filled, FilledDocument.fill(Files.readString(out), 10_000), StandardCharsets.UTF_8);

        assertThat(Cli.run("rules", "validate", filled).exitCode()).as("the filled-in document validates").isZero();

        AppActiveRuleSet rules = AppActiveReader.read(fixture.dir());
        AppActiveRouter appActive = new AppActiveRouter(rules);
        ImportedRules imported = ImportedRules.of(rules, ValueCoverage.of(rules), appActive);
        RuleDocument document = FilledDocument.parse(Files.readString(out), 10_000);
        List<String> ids = new ArrayList<>();
        for (long value = 0; value < rules.mod(); value++) {
            ids.add(Long.toString(value));
            ids.add(Long.toString(value + 7 * rules.mod()));
            ids.add(Long.toString(Long.MAX_VALUE - Long.MAX_VALUE % rules.mod() - rules.mod() + value));
        }
        try (UnitRouter router = UnitRouter.builder().rules(document).instanceId("test").build()) {
            for (String id : ids) {
                AppActiveRouter.Decision expected = appActive.route(id);
                RouteDecision actual = router.route(id, Access.WRITE);
                assertThat(expected.routed()).as(id).isTrue();
                assertThat(actual.target().id()).as(id).isEqualTo(imported.rZoneOf(expected.unit()));
                assertThat(actual.frozen()).as(id).isEqualTo(expected.forbidden());
            }
        }
    }

    @Test
    void filledInMod10000DocumentSendsHandPickedIdsWhereTheFixtureSays() throws Exception {
        Path out = dir.resolve("rules.yaml");
        Cli.run("rules", "import", "appactive", AppActiveFixture.copy("mod10000-center", dir).dir(), "-o", out);
        RuleDocument document = FilledDocument.parse(Files.readString(out), 10_000);

        try (UnitRouter router = UnitRouter.builder().rules(document).instanceId("test").build()) {
            assertThat(router.route("1205", Access.WRITE).target().id()).isEqualTo("UNITA");
            assertThat(router.route("4100", Access.WRITE).target().id()).isEqualTo("UNITB");
            assertThat(router.route("4100", Access.WRITE).writeBlocked()).as("4000~4499 is forbidden").isTrue();
            assertThat(router.route("4500", Access.WRITE).writeBlocked()).isFalse();
            assertThat(router.route("7001", Access.READ).target().id()).isEqualTo("CENTER-RZONE");
            assertThat(router.route("123456789", Access.READ).target().id()).as("6789").isEqualTo("UNITB");
            assertThat(router.routeGlobal(Access.WRITE).target().id()).isEqualTo("CENTER");
        }
    }

    @Test
    void printsKeySourcesThatTheStarterAndTheGatewayParse() {
        Path out = dir.resolve("rules.yaml");
        Cli.Result result = Cli.run("rules", "import", "appactive",
                AppActiveFixture.copy("mod10000-center", dir).dir(), "-o", out);
        List<String> lines = result.outLines();
        int starter = lines.indexOf("key sources for the starter (application.yml of every service):");
        int gateway = lines.indexOf("key sources for the gateway (application.yml of the gateway):");
        assertThat(starter).isNotNegative();
        assertThat(gateway).isGreaterThan(starter);

        Map<String, Object> starterYaml = snippet(lines.subList(starter + 1, gateway));
        Map<String, Object> gatewayYaml = snippet(lines.subList(gateway + 1, lines.size()));

        List<String> expected = List.of("query:user_id", "header:user_id", "cookie:user_id");
        assertThat(starterYaml).isEqualTo(Map.of("unit-router", Map.of("key", Map.of("sources", expected))));
        assertThat(gatewayYaml).isEqualTo(Map.of("unit-router", Map.of("gateway", Map.of("key-sources", expected))));
        expected.forEach(source -> assertThat(KeySources.parse(source)).hasToString(source));
    }

    @Test
    void refusesToReplaceAnExistingOutputWithoutForce() throws Exception {
        Path rules = AppActiveFixture.copy("mod100", dir).dir();
        Path out = Files.writeString(dir.resolve("rules.yaml"), "epoch: 7\n");

        Cli.Result refused = Cli.run("rules", "import", "appactive", rules, "-o", out);

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.errLines()).containsExactly("error: output file " + out
                + " already exists; give --force to replace it");
        assertThat(Files.readString(out)).isEqualTo("epoch: 7\n");

        Cli.Result forced = Cli.run("rules", "import", "appactive", rules, "-o", out, "--force");

        assertThat(forced.exitCode()).isZero();
        assertThat(Files.readString(out)).contains("routing:");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left")
                    .noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void needsAnOutputUnlessChecking() {
        Cli.Result result = Cli.run("rules", "import", "appactive", AppActiveFixture.copy("mod100", dir).dir());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).first()
                .isEqualTo("error: Missing required option: '--output=FILE' (or give --check KEYS)");
    }

    @Test
    void rulesHelpListsImportAndImportHelpListsAppActive() {
        assertThat(Cli.run("rules", "--help").out()).contains("import");
        Cli.Result help = Cli.run("rules", "import", "appactive", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: unit-router rules import appactive", "--check=KEYS",
                "3   with --check: routing differs");
    }

    private static Map<String, Object> yaml(Path file) throws Exception {
        return new Yaml().load(Files.readString(file));
    }

    private static Map<String, Object> snippet(List<String> indented) {
        StringBuilder text = new StringBuilder();
        for (String line : indented) {
            if (!line.startsWith("  ")) {
                break;
            }
            text.append(line.substring(2)).append('\n');
        }
        return new Yaml().load(text.toString());
    }
}
