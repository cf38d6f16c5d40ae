package io.unitrouter.cli;

import io.unitrouter.cli.AppActiveRuleSet.Unit;
import io.unitrouter.core.CellKind;
import io.unitrouter.core.ShardRange;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import io.unitrouter.core.rules.RuleValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The unit-router rule document an AppActive rule set becomes: the transformer's {@code mod} is the shard
 * count under the {@code mod} shard function, each value {@code 0..mod-1} is the shard of the same number,
 * every unit is an RZONE cell owning its values, the forbidden values are frozen, and the center unit is
 * the GZONE (with a standby to place). What AppActive does not know is written as {@link Placeholder}s.
 *
 * <p>The document cannot go through the validating builder while it holds placeholders, so it is kept as a
 * tree of maps and lists in the shape unit-router's own writer produces, and written as YAML text. With
 * every placeholder replaced by its stand-in it is parsed by core like any document: that is the document
 * {@link #standIn()} returns, which the routing check routes with.
 */
final class ImportedRules {

    /** The epoch of an imported document: the first one unit-router sees. */
    static final long EPOCH = 1;
    /** The RZone that owns the center unit's values, when it has any: a GZone owns no shards. */
    static final String CENTER_RZONE = "CENTER-RZONE";
    /** The GZone that takes over global data when the center's city is lost. */
    static final String STANDBY = "CENTER-STANDBY";

    /**
     * A cell of the document.
     *
     * @param unit the AppActive unit it comes from, or {@code null} for the standby
     * @param id the cell id
     * @param kind RZONE or GZONE
     * @param shards the shards it owns, ascending
     */
    record Cell(String unit, String id, CellKind kind, int[] shards) {
    }

    private final AppActiveRuleSet rules;
    private final List<Cell> cells = new ArrayList<>();
    private final Map<String, String> rZoneOfUnit = new LinkedHashMap<>();
    private final List<Placeholder> placeholders = new ArrayList<>();
    private final int[] frozen;
    private final Map<String, Object> tree;
    private final RuleDocument standIn;

    private ImportedRules(AppActiveRuleSet rules, ValueCoverage coverage, AppActiveRouter appActive) {
        this.rules = rules;
        String[] owners = owners(coverage, appActive);
        this.frozen = coverage.forbiddenValues();
        this.tree = tree(owners);
        this.standIn = parseStandIn();
    }

    /**
     * Translates a rule set whose values all have a unit.
     *
     * @param coverage the rule set's coverage, without gaps
     * @param appActive the model that decides contested values
     * @throws AppActiveRulesException if a generated cell id collides with a unit
     */
    static ImportedRules of(AppActiveRuleSet rules, ValueCoverage coverage, AppActiveRouter appActive) {
        return new ImportedRules(rules, coverage, appActive);
    }

    /** The RZone cell owning each value: its unit's, or for a contested value the unit AppActive picks. */
    private String[] owners(ValueCoverage coverage, AppActiveRouter appActive) {
        String[] units = new String[coverage.values()];
        for (int v = 0; v < units.length; v++) {
            units[v] = coverage.unitOf(v, appActive);
        }
        mapUnitsToRZones(List.of(units).contains(AppActiveRuleSet.CENTER));
        String[] owners = new String[units.length];
        for (int v = 0; v < units.length; v++) {
            owners[v] = rZoneOfUnit.get(units[v]);
        }
        return owners;
    }

    /**
     * Names the RZone of every unit: the unit itself, or {@link #CENTER_RZONE} for a center that owns values
     * (a center that owns none is the GZone only).
     *
     * @throws AppActiveRulesException if a unit has the name of a cell the import adds for the center
     */
    private void mapUnitsToRZones(boolean centerOwnsValues) {
        List<String> problems = new ArrayList<>();
        for (Unit unit : rules.units()) {
            if (!unit.isCenter()) {
                rZoneOfUnit.put(unit.flag(), unit.flag());
            } else if (centerOwnsValues) {
                rZoneOfUnit.put(unit.flag(), CENTER_RZONE);
            }
            if (rules.center().isPresent() && (unit.flag().equals(CENTER_RZONE) || unit.flag().equals(STANDBY))) {
                problems.add(AppActiveReader.MAPPING + ": " + unit.label() + ": unit " + unit.flag()
                        + " has the name the import gives to a cell of the center unit; rename it");
            }
        }
        if (!problems.isEmpty()) {
            throw new AppActiveRulesException(rules.dir(), problems);
        }
    }

    private Map<String, Object> tree(String[] owners) {
        List<Object> cities = new ArrayList<>();
        List<Object> cellEntries = new ArrayList<>();
        List<Object> routing = new ArrayList<>();
        int site = 0;
        Placeholder centerDataCenter = null;
        for (Unit unit : rules.units()) {
            site++;
            Placeholder city = new Placeholder("city-of-" + unit.flag(), "the city of the data center that unit "
                    + unit.flag() + " runs in", "city" + site);
            Placeholder dataCenter = new Placeholder("data-center-of-" + unit.flag(), "the data center unit "
                    + unit.flag() + " runs in", "dc" + site);
            cities.add(city(city, dataCenter));
            if (unit.isCenter()) {
                centerDataCenter = dataCenter;
            }
            String rZone = rZoneOfUnit.get(unit.flag());
            if (rZone == null) {
                continue;
            }
            int[] shards = IntStream.range(0, owners.length).filter(s -> rZone.equals(owners[s])).toArray();
            cells.add(new Cell(unit.flag(), rZone, CellKind.RZONE, shards));
            Placeholder capacity = new Placeholder("capacity-of-" + rZone, "the most shards cell " + rZone
                    + " may own (a whole number), or delete the capacity field for no limit", null);
            placeholders.add(capacity);
            Map<String, Object> cell = cell(rZone, CellKind.RZONE, dataCenter);
            cell.put("capacity", capacity);
            cellEntries.add(cell);
            if (shards.length > 0) {
                routing.add(entry("shards", ranges(shards), "cell", rZone));
            }
        }
        if (centerDataCenter != null) {
            Placeholder city = new Placeholder("city-of-" + STANDBY, "the city of the standby GZone that takes"
                    + " over global data when " + AppActiveRuleSet.CENTER + "'s city is lost (another city than "
                    + AppActiveRuleSet.CENTER + "'s); or delete cell " + STANDBY + ", its city, and "
                    + AppActiveRuleSet.CENTER + "'s standby field", "city-standby");
            Placeholder dataCenter = new Placeholder("data-center-of-" + STANDBY, "the data center of the standby"
                    + " GZone " + STANDBY, "dc-standby");
            Map<String, Object> center = cell(AppActiveRuleSet.CENTER, CellKind.GZONE, centerDataCenter);
            center.put("standby", STANDBY);
            cellEntries.add(center);
            cellEntries.add(cell(STANDBY, CellKind.GZONE, dataCenter));
            cities.add(city(city, dataCenter));
            cells.add(new Cell(AppActiveRuleSet.CENTER, AppActiveRuleSet.CENTER, CellKind.GZONE, new int[0]));
            cells.add(new Cell(null, STANDBY, CellKind.GZONE, new int[0]));
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("epoch", EPOCH);
        root.put("shards", Math.toIntExact(rules.mod()));
        root.put("shard-function", entry("type", "mod"));
        root.put("cities", cities);
        root.put("cells", cellEntries);
        root.put("routing", routing);
        root.put("frozen", ShardRange.compress(frozen).stream().map(ShardRange::toString).toList());
        root.put("overrides", List.of());
        return root;
    }

    private Map<String, Object> city(Placeholder city, Placeholder dataCenter) {
        placeholders.add(city);
        placeholders.add(dataCenter);
        return entry("id", city, "data-centers", List.of(dataCenter));
    }

    private static Map<String, Object> cell(String id, CellKind kind, Placeholder dataCenter) {
        return entry("id", id, "kind", kind.name(), "data-center", dataCenter);
    }

    private static Map<String, Object> entry(Object... keysAndValues) {
        Map<String, Object> entry = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            entry.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return entry;
    }

    private static String ranges(int[] shards) {
        return ShardRange.compress(shards).stream().map(ShardRange::toString).collect(Collectors.joining(","));
    }

    private RuleDocument parseStandIn() {
        String source = "<imported from " + rules.dir() + ", placeholders filled with stand-ins>";
        try {
            return RuleDocuments.parse(YamlText.dump(render(tree, Placeholder::standIn)), source);
        } catch (RuleValidationException e) {
            throw new AppActiveRulesException(rules.dir(), e.errors().stream()
                    .map(error -> "the imported document would be invalid: " + error).toList());
        }
    }

    /** A copy of a tree with every placeholder replaced; a {@code null} replacement leaves the field out. */
    private static Object render(Object node, Function<Placeholder, Object> value) {
        if (node instanceof Placeholder placeholder) {
            return value.apply(placeholder);
        }
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, child) -> {
                Object rendered = render(child, value);
                if (rendered != null) {
                    copy.put((String) key, rendered);
                }
            });
            return copy;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(child -> render(child, value)).toList();
        }
        return node;
    }

    /**
     * The document as YAML, with the placeholders in place and a comment on top.
     *
     * @param header comment lines, without the leading {@code #}
     */
    String yaml(List<String> header) {
        StringBuilder text = new StringBuilder();
        header.forEach(line -> text.append("# ").append(line).append('\n'));
        return text.append(YamlText.dump(render(tree, Placeholder::text))).toString();
    }

    /** The document with every placeholder replaced by its stand-in, validated by core. */
    RuleDocument standIn() {
        return standIn;
    }

    /** Every placeholder, in document order of first use. */
    List<Placeholder> placeholders() {
        return List.copyOf(placeholders);
    }

    /** The cells, RZones first in the mapping's order, then the center GZone and its standby. */
    List<Cell> cells() {
        return List.copyOf(cells);
    }

    /** The RZone cell of an AppActive unit, or {@code null} for a center unit that owns no values. */
    String rZoneOf(String unit) {
        return rZoneOfUnit.get(unit);
    }

    /** The frozen shards, ascending. */
    int[] frozen() {
        return frozen.clone();
    }
}
