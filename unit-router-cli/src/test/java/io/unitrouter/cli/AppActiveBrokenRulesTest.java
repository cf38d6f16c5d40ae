package io.unitrouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Broken AppActive rule sets are refused, every problem naming the file and the entry, and nothing is written. */
class AppActiveBrokenRulesTest {

    private static final String MAPPING = "idUnitMapping.json";

    @TempDir
    Path dir;

    static Stream<Arguments> brokenSets() {
        return Stream.of(
                broken("overlapping units", f -> f.replace(MAPPING, "\"0~39\"", "\"0~45\""),
                        "idUnitMapping.json: values 40-45 are claimed by unit HZ (items[0]) and unit SH (items[1]);"
                                + " AppActive sends them to HZ, the first match in its order, which unit-router"
                                + " cannot express: a shard has one owner"),
                broken("values in no unit", f -> f.replace(MAPPING, "\"0~39\"", "\"0~29\""),
                        "idUnitMapping.json: values 30-39 (of 0-99 under mod 100) are in no unit: AppActive refuses"
                                + " the ids there ('targetUnit is null'), and a unit-router document needs an owner"
                                + " for every shard"),
                broken("a non-numeric mod", f -> f.replace("idTransformer.json", "\"100\"", "\"1OO\""),
                        "idTransformer.json: mod \"1OO\" is not a whole number"),
                broken("a mod that is not whole", f -> f.replace("idTransformer.json", "\"100\"", "100.5"),
                        "idTransformer.json: mod 100.5 is not a whole number"),
                broken("no mod", f -> f.replace("idTransformer.json", "\"100\"", "\"\""),
                        "idTransformer.json: mod is missing: AppActive then routes by the whole id, which has no"
                                + " shard count; unit-router needs one (set mod, e.g. \"10000\")"),
                broken("a mod of zero", f -> f.replace("idTransformer.json", "\"100\"", "\"0\""),
                        "idTransformer.json: mod must be at least 1, was 0"),
                broken("more shards than a document holds", f -> f.replace("idTransformer.json", "\"100\"",
                        "\"200000\""), "idTransformer.json: mod 200000 is more than the 100000 shards a unit-router"
                                + " document can have"),
                broken("the gateway's list form of the transformer", f -> f.write("idTransformer.json",
                        "[{\"id\": \"uid\", \"mod\": \"100\"}]"), "idTransformer.json: is a list (the form"
                                + " AppActive's gateway reads); AppActive's Java client reads one object {\"id\":"
                                + " ..., \"mod\": ...}"),
                broken("a missing mapping", f -> f.delete(MAPPING),
                        "idUnitMapping.json: missing: AppActive's FILE channel reads the id-to-unit mapping from it"),
                broken("a missing id source", f -> f.delete("idSource.json"),
                        "idSource.json: missing: AppActive's FILE channel reads the id source from it"),
                broken("malformed JSON", f -> f.replace(MAPPING, "\"name\": \"sh\",", "\"name\": \"sh\""),
                        "idUnitMapping.json: not valid JSON at line 12, column 7: Unexpected character ('\"' (code"
                                + " 34)): was expecting comma to separate Object entries"),
                broken("a name given twice in one object", f -> f.replace(MAPPING, "\"name\": \"sh\",",
                        "\"name\": \"sh\", \"name\": \"sz\","), "idUnitMapping.json: not valid JSON at line 11,"
                                + " column 27: Duplicate Object property \"name\""),
                broken("an empty file", f -> f.write(MAPPING, "  \n"), "idUnitMapping.json: is empty"),
                broken("a range written with a dash", f -> f.replace(MAPPING, "\"40~59\"", "\"40-59\""),
                        "idUnitMapping.json: items[1] 'sh': conditions[0] '@uid': range \"40-59\" is not of the"
                                + " form FROM~TO, e.g. \"0~4999\""),
                broken("a range with spaces", f -> f.replace(MAPPING, "\"40~59\"", "\"40 ~ 59\""),
                        "idUnitMapping.json: items[1] 'sh': conditions[0] '@uid': range \"40 ~ 59\" is not of the"
                                + " form FROM~TO, e.g. \"0~4999\""),
                broken("a reversed range", f -> f.replace(MAPPING, "\"60~79\"", "\"79~60\""),
                        "idUnitMapping.json: items[1] 'sh': conditions[0] '@uid': range '79~60': the first value is"
                                + " after the last"),
                broken("a range beyond a long", f -> f.replace(MAPPING, "\"80~99\"",
                        "\"80~99999999999999999999\""), "idUnitMapping.json: items[2] 'sz': conditions[0] '@uid':"
                                + " range '80~99999999999999999999' goes beyond 9223372036854775807, the largest"
                                + " number AppActive reads"),
                broken("a condition without ranges", f -> f.replace(MAPPING, "[\"80~99\"]", "[]"),
                        "idUnitMapping.json: items[2] 'sz': conditions[0] '@uid': has no range; AppActive then"
                                + " fails every lookup that reaches it"),
                broken("an exact-id condition of AppActive's gateway", f -> f.replace(MAPPING,
                        "{ \"@uid\": [\"80~99\"] }", "{ \"@uid\": [\"80~99\"], \"$uid\": [\"12345\"] }"),
                        "idUnitMapping.json: items[2] 'sz': conditions[0] '$uid': is not a range condition;"
                                + " AppActive's Java client only knows '@' (between) conditions"),
                broken("a condition key without an id name", f -> f.replace(MAPPING, "{ \"@uid\": [\"80~99\"] }",
                        "{ \"@\": [\"80~99\"] }"), "idUnitMapping.json: items[2] 'sz': conditions[0] '@': names"
                                + " no id after '@'"),
                broken("a unit named twice in different case", f -> f.replace(MAPPING, "\"name\": \"sz\"",
                        "\"name\": \"Hz\""), "idUnitMapping.json: items[2] 'Hz': unit HZ is already named by"
                                + " items[0]; AppActive keeps only the last item of a unit and drops the ranges of"
                                + " the others: merge them into one item"),
                broken("a unit name that cannot be a cell id", f -> f.replace(MAPPING, "\"name\": \"sz\"",
                        "\"name\": \"shen zhen\""), "idUnitMapping.json: items[2] 'shen zhen': unit SHEN ZHEN"
                                + " (AppActive upper-cases unit names) cannot be a cell id: letters, digits, '.', '_'"
                                + " or '-', starting with a letter or digit, at most 64"),
                broken("a unit without a name", f -> f.replace(MAPPING, "\"name\": \"sz\",", ""),
                        "idUnitMapping.json: items[2]: name is missing"),
                broken("a mapping without items", f -> f.write(MAPPING, "{\"itemType\": \"UnitRuleItem\"}"),
                        "idUnitMapping.json: items is missing"),
                broken("a mapping with no unit", f -> f.write(MAPPING, "{\"itemType\": \"UnitRuleItem\", \"items\":"
                        + " []}"), "idUnitMapping.json: items is empty: the mapping defines no unit"),
                broken("an unknown item type", f -> f.replace(MAPPING, "\"UnitRuleItem\"", "\"UnitItem\""),
                        "idUnitMapping.json: itemType 'UnitItem' is not UnitRuleItem or ForbiddenRuleItem;"
                                + " AppActive ignores the rule"),
                broken("a forbidden rule without an item type", f -> f.write("forbiddenRule.json",
                        "{\"items\": []}"), "forbiddenRule.json: itemType is missing; AppActive ignores a rule"
                                + " without one"),
                broken("two forbidden items", f -> f.write("forbiddenRule.json", "{\"itemType\":"
                        + " \"ForbiddenRuleItem\", \"items\": [{\"name\": \"a\", \"conditions\": [{\"@uid\":"
                        + " [\"1~2\"]}]}, {\"name\": \"b\", \"conditions\": [{\"@uid\": [\"5~6\"]}]}]}"),
                        "forbiddenRule.json: has 2 items; AppActive applies only one of them (the first in hash"
                                + " order of their upper-cased names) and ignores the others: put every range in"
                                + " one item"),
                broken("a forbidden range written with a dash", f -> f.write("forbiddenRule.json", "{\"itemType\":"
                        + " \"ForbiddenRuleItem\", \"items\": [{\"name\": \"a\", \"conditions\": [{\"@uid\":"
                        + " [\"1-2\"]}]}]}"), "forbiddenRule.json: items[0] 'a': conditions[0] '@uid': range"
                                + " \"1-2\" is not of the form FROM~TO, e.g. \"0~4999\""),
                broken("an id source with spaces", f -> f.replace("idSource.json", "\"header,cookie\"",
                        "\"header, cookie\""), "idSource.json: source 'header, cookie': ' cookie' is not arg,"
                                + " header or cookie (AppActive reads the list without spaces)"),
                broken("an id source without a token key", f -> f.replace("idSource.json", "\"tokenKey\": \"uid\"",
                        "\"tokenKey\": \"\""), "idSource.json: tokenKey is empty"),
                broken("a token key no key source can carry", f -> f.replace("idSource.json", "\"uid\"",
                        "\"u,id\""), "idSource.json: tokenKey 'u,id' holds a space or a comma, which a unit-router"
                                + " key source cannot carry"));
    }

    private static Arguments broken(String what, UnaryOperator<AppActiveFixture> edit, String error) {
        return Arguments.of(what, edit, error);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenSets")
    void refusesBrokenRuleSetNamingFileAndEntryAndWritesNothing(String what, UnaryOperator<AppActiveFixture> edit,
            String error) {
        Path rules = edit.apply(AppActiveFixture.copy("mod100-forbidden", dir)).dir();
        Path out = dir.resolve("rules.yaml");

        Cli.Result result = Cli.run("rules", "import", "appactive", rules, "-o", out);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.errLines()).containsExactly(
                "cannot import the AppActive rules in " + rules + " (1 problem); nothing was written:",
                "error: " + error);
        assertThat(out).doesNotExist();
    }

    @Test
    void reportsEveryProblemOfEveryFileAtOnce() {
        Path rules = AppActiveFixture.copy("mod100", dir)
                .replace("idTransformer.json", "\"100\"", "\"abc\"")
                .replace(MAPPING, "\"40~59\"", "\"40-59\"")
                .replace(MAPPING, "\"UnitRuleItem\"", "\"UnitRuleItem\", \"extra\": 1")
                .replace(MAPPING, "\"name\": \"sz\"", "\"name\": \"SH\"")
                .delete("idSource.json").dir();

        Cli.Result result = Cli.run("rules", "import", "appactive", rules, "-o", dir.resolve("rules.yaml"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly(
                "cannot import the AppActive rules in " + rules + " (4 problems); nothing was written:",
                "error: idSource.json: missing: AppActive's FILE channel reads the id source from it",
                "error: idTransformer.json: mod \"abc\" is not a whole number",
                "error: idUnitMapping.json: items[1] 'sh': conditions[0] '@uid': range \"40-59\" is not of the form"
                        + " FROM~TO, e.g. \"0~4999\"",
                "error: idUnitMapping.json: items[2] 'SH': unit SH is already named by items[1]; AppActive keeps"
                        + " only the last item of a unit and drops the ranges of the others: merge them into one"
                        + " item");
    }

    @Test
    void refusesBrokenRuleSetAlsoWhenChecking() {
        Path rules = AppActiveFixture.copy("mod100", dir).replace(MAPPING, "\"0~39\"", "\"0~29\"").dir();
        Path out = dir.resolve("rules.yaml");

        Cli.Result result = Cli.run("rules", "import", "appactive", rules, "--check", "5,35", "-o", out);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.errLines()).hasSize(2).last().asString().contains("values 30-39 (of 0-99 under mod 100)");
        assertThat(out).doesNotExist();
    }

    @Test
    void refusesAUnitNamedLikeACellTheImportAddsForTheCenter() {
        Path rules = AppActiveFixture.copy("mod10000-center", dir)
                .replace(MAPPING, "\"name\": \"unitB\"", "\"name\": \"center-standby\"").dir();
        Path out = dir.resolve("rules.yaml");

        Cli.Result result = Cli.run("rules", "import", "appactive", rules, "-o", out);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly(
                "cannot import the AppActive rules in " + rules + " (1 problem); nothing was written:",
                "error: idUnitMapping.json: items[1] 'center-standby': unit CENTER-STANDBY has the name the import"
                        + " gives to a cell of the center unit; rename it");
        assertThat(out).doesNotExist();
    }

    @Test
    void reportsAMissingDirectory() {
        Path missing = dir.resolve("no-such-rules");

        Cli.Result result = Cli.run("rules", "import", "appactive", missing, "-o", dir.resolve("rules.yaml"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly("error: AppActive rule directory " + missing
                + " does not exist");
    }

    @Test
    void acceptsWhatFastjsonAcceptsTrailingCommasSingleQuotesAndUnquotedNames() throws Exception {
        Path rules = AppActiveFixture.copy("mod100", dir)
                .write("idTransformer.json", "{id: 'uid', mod: '100',}")
                .replace(MAPPING, "{ \"@uid\": [\"80~99\"] }", "{ '@uid': ['80~99',], }").dir();
        Path out = dir.resolve("rules.yaml");

        Cli.Result result = Cli.run("rules", "import", "appactive", rules, "-o", out);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(Files.readString(out)).contains("{shards: 80-99, cell: SZ}");
    }

    @Test
    void warnsAboutRangesBeyondTheModulusAndImportsTheValuesThatOccur() throws Exception {
        Path rules = AppActiveFixture.copy("mod100", dir).replace(MAPPING, "\"80~99\"", "\"80~199\"").dir();
        Path out = dir.resolve("rules.yaml");

        Cli.Result result = Cli.run("rules", "import", "appactive", rules, "-o", out);

        assertThat(result.exitCode()).isZero();
        assertThat(result.errLines()).containsExactly("warning: idUnitMapping.json: items[2] 'sz': @uid: range 80~199"
                + " goes beyond 99, the largest value mod 100 gives; values 100-199 never occur");
        assertThat(Files.readString(out)).contains("{shards: 80-99, cell: SZ}");
    }
}
