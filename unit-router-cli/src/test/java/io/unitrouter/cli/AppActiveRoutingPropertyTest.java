package io.unitrouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.core.Access;
import io.unitrouter.core.RouteDecision;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.rules.RuleDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For any well-formed AppActive rule set without overlaps, every id routes to the same unit, with the same
 * write-forbidden state, under AppActive and under the imported document. The rule sets are written as
 * AppActive's files and go through the whole command; the expected unit comes from the generated partition,
 * not from the code under test. Seeds are fixed so that every run tries the same cases.
 */
class AppActiveRoutingPropertyTest {

    private static final int UNITS = 5;

    /**
     * A generated rule set: the values {@code 0..mod-1} cut into consecutive segments, segment {@code i} owned
     * by unit {@code owners[i]}.
     *
     * @param mod the modulus
     * @param cuts the first value of every segment but the first, ascending
     * @param owners the unit index of each segment
     * @param names the unit names, distinct once upper-cased; the first may be a center
     * @param splitConditions whether each range gets its own condition, or each unit one condition
     * @param beyondMod how far the last segment's range reaches beyond {@code mod-1} (AppActive never sees those)
     * @param forbidden forbidden ranges as {@code {from, to}}, possibly beyond {@code mod-1}
     * @param ids the ids to route
     */
    record RuleSetCase(int mod, List<Integer> cuts, List<Integer> owners, List<String> names,
            boolean splitConditions, int beyondMod, List<long[]> forbidden, List<String> ids) {

        int segmentStart(int segment) {
            return segment == 0 ? 0 : cuts.get(segment - 1);
        }

        int segmentEnd(int segment) {
            return segment == cuts.size() ? mod - 1 : cuts.get(segment) - 1;
        }

        /** The unit name AppActive gives an id, from the partition. */
        String expectedUnit(String id) {
            long value = Long.parseLong(id) % mod;
            int segment = 0;
            while (segment < cuts.size() && value >= cuts.get(segment)) {
                segment++;
            }
            return names.get(owners.get(segment)).toUpperCase(Locale.ROOT);
        }

        boolean expectedForbidden(String id) {
            long value = Long.parseLong(id) % mod;
            return forbidden.stream().anyMatch(r -> r[0] <= value && value <= r[1]);
        }

        /** The cell of a unit: itself, or for a center owning ids the RZone the import adds. */
        static String cellOf(String unit) {
            return unit.equals("CENTER") ? ImportedRules.CENTER_RZONE : unit;
        }

        @Override
        public String toString() {
            return "mod " + mod + ", cuts " + cuts + ", owners " + owners + ", names " + names + ", split "
                    + splitConditions + ", beyond " + beyondMod + ", forbidden " + forbidden.stream()
                            .map(r -> r[0] + "~" + r[1]).toList() + ", ids " + ids;
        }
    }

    @Property(tries = 150, seed = "7321")
    void everyIdRoutesToTheSameUnitUnderAppActiveAndTheImportedDocument(@ForAll("ruleSets") RuleSetCase rules)
            throws IOException {
        Path dir = Files.createTempDirectory("appactive-property");
        try {
            write(rules, dir.resolve("rules"));
            Path out = dir.resolve("rules.yaml");

            Cli.Result result = Cli.run("rules", "import", "appactive", dir.resolve("rules"), "-o", out);

            assertThat(result.exitCode()).as(result.err()).isZero();
            AppActiveRouter appActive = new AppActiveRouter(AppActiveReader.read(dir.resolve("rules")));
            RuleDocument document = FilledDocument.parse(Files.readString(out), rules.mod());
            try (UnitRouter router = UnitRouter.builder().rules(document).instanceId("property").build()) {
                for (String id : rules.ids()) {
                    String unit = rules.expectedUnit(id);
                    AppActiveRouter.Decision expected = appActive.route(id);
                    RouteDecision actual = router.route(id, Access.WRITE);
                    assertThat(expected.unit()).as("AppActive's unit of %s", id).isEqualTo(unit);
                    assertThat(expected.forbidden()).as("AppActive forbids %s", id)
                            .isEqualTo(rules.expectedForbidden(id));
                    assertThat(actual.target().id()).as("unit-router's cell of %s", id)
                            .isEqualTo(RuleSetCase.cellOf(unit));
                    assertThat(actual.frozen()).as("unit-router freezes %s", id)
                            .isEqualTo(rules.expectedForbidden(id));
                }
            }
        } finally {
            deleteTree(dir);
        }
    }

    @Provide
    Arbitrary<RuleSetCase> ruleSets() {
        Arbitrary<Integer> mods = Arbitraries.oneOf(Arbitraries.of(1, 2, 100, 10_000, 100_000),
                Arbitraries.integers().between(1, 20_000));
        return mods.flatMap(mod -> Arbitraries.integers().between(1, Math.min(8, mod)).flatMap(segments -> {
            Arbitrary<List<Integer>> cuts = segments == 1 ? Arbitraries.just(List.of())
                    : Arbitraries.integers().between(1, mod - 1).set().ofSize(segments - 1)
                            .map(set -> set.stream().sorted().toList());
            Arbitrary<List<Integer>> owners = Arbitraries.integers().between(0, UNITS - 1).list().ofSize(segments);
            Arbitrary<List<String>> names = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6).list()
                    .ofSize(UNITS).uniqueElements(name -> name.toUpperCase(Locale.ROOT));
            Arbitrary<Boolean> center = Arbitraries.of(true, false);
            Arbitrary<Boolean> split = Arbitraries.of(true, false);
            Arbitrary<Integer> beyond = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(1, 500));
            Arbitrary<List<long[]>> forbidden = Arbitraries.longs().between(0, mod + 10L)
                    .flatMap(from -> Arbitraries.longs().between(0, mod / 4 + 1L).map(length -> new long[] {from,
                            from + length}))
                    .list().ofMaxSize(3);
            Arbitrary<List<String>> ids = Arbitraries.oneOf(
                    Arbitraries.longs().between(0, Long.MAX_VALUE).map(String::valueOf),
                    Arbitraries.longs().between(0, Long.MAX_VALUE / 1000).map(id -> "00" + id),
                    Arbitraries.integers().between(0, 3 * mod).map(String::valueOf)).list().ofMinSize(1).ofMaxSize(40);
            return Combinators.combine(cuts, owners, names, center, split, beyond, forbidden, ids)
                    .as((c, o, n, withCenter, s, b, f, i) -> new RuleSetCase(mod, c, o, withCenter ? centerFirst(n) : n,
                            s, b, f, i));
        }));
    }

    private static List<String> centerFirst(List<String> names) {
        List<String> withCenter = new ArrayList<>(names);
        withCenter.removeIf(name -> name.equalsIgnoreCase("center"));
        withCenter.set(0, "Center");
        while (withCenter.size() < UNITS) {
            withCenter.add("spare" + withCenter.size());
        }
        return withCenter;
    }

    private static void write(RuleSetCase rules, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("idSource.json"), "{\"source\": \"header\", \"tokenKey\": \"uid\"}");
        Files.writeString(dir.resolve("idTransformer.json"), "{\"id\": \"uid\", \"mod\": \"" + rules.mod() + "\"}");
        List<String> items = new ArrayList<>();
        for (int unit = 0; unit < UNITS; unit++) {
            int owner = unit;
            List<String> ranges = IntStream.rangeClosed(0, rules.cuts().size())
                    .filter(segment -> rules.owners().get(segment) == owner)
                    .mapToObj(segment -> "\"" + rules.segmentStart(segment) + "~"
                            + (rules.segmentEnd(segment) + (segment == rules.cuts().size() ? rules.beyondMod() : 0))
                            + "\"")
                    .toList();
            String conditions = rules.splitConditions()
                    ? ranges.stream().map(range -> "{\"@uid\": [" + range + "]}").collect(Collectors.joining(", "))
                    : ranges.isEmpty() ? "" : "{\"@uid\": [" + String.join(", ", ranges) + "]}";
            items.add("{\"name\": \"" + rules.names().get(unit) + "\", \"conditions\": [" + conditions + "]}");
        }
        Files.writeString(dir.resolve("idUnitMapping.json"), "{\"itemType\": \"UnitRuleItem\", \"items\": ["
                + String.join(",\n", items) + "]}", StandardCharsets.UTF_8);
        if (!rules.forbidden().isEmpty()) {
            String ranges = rules.forbidden().stream().map(r -> "\"" + r[0] + "~" + r[1] + "\"")
                    .collect(Collectors.joining(", "));
            Files.writeString(dir.resolve("forbiddenRule.json"), "{\"itemType\": \"ForbiddenRuleItem\", \"items\":"
                    + " [{\"name\": \"moving\", \"conditions\": [{\"@uid\": [" + ranges + "]}]}]}");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
