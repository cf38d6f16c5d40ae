package io.unitrouter.cli;

import io.unitrouter.cli.AppActiveRuleSet.Condition;
import io.unitrouter.cli.AppActiveRuleSet.IdSource;
import io.unitrouter.cli.AppActiveRuleSet.Unit;
import io.unitrouter.cli.AppActiveRuleSet.ValueRange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * Reads an AppActive rule directory as AppActive's FILE channel lays it out (the files its {@code path-address}
 * example names): {@code idSource.json}, {@code idTransformer.json}, {@code idUnitMapping.json}, optionally
 * {@code forbiddenRule.json} and {@code machine.json}, and one data-scope file per guarded database. It checks
 * them the way AppActive's Java client loads them, and refuses what that client would not load or would load
 * into something other than what the file says (a unit named twice, several forbidden items). Every problem
 * names the file and the entry; all of them are reported at once.
 */
final class AppActiveReader {

    static final String ID_SOURCE = "idSource.json";
    static final String TRANSFORMER = "idTransformer.json";
    static final String MAPPING = "idUnitMapping.json";
    static final String FORBIDDEN = "forbiddenRule.json";
    static final String MACHINE = "machine.json";
    static final String PATH_ADDRESS = "path-address";

    /** The largest shard count of a unit-router document. */
    static final int MAX_MOD = 100_000;

    private static final Set<String> RULE_FILES = Set.of(ID_SOURCE, TRANSFORMER, MAPPING, FORBIDDEN, MACHINE,
            PATH_ADDRESS);
    private static final Set<String> ITEM_TYPES = Set.of("UnitRuleItem", "ForbiddenRuleItem");
    private static final Set<String> ID_SOURCES = Set.of("arg", "header", "cookie");
    // AppActive's between condition: the whole value must match, \d being ASCII digits only.
    private static final Pattern RANGE = Pattern.compile("(\\d+)~(\\d+)");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    // A unit-router id (docs/rules.md): what an upper-cased unit name must be to become a cell id.
    private static final Pattern CELL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private final Path dir;
    private final List<String> problems = new ArrayList<>();
    private final AppActiveJsonFiles files;

    private AppActiveReader(Path dir) {
        this.dir = dir;
        this.files = new AppActiveJsonFiles(dir, problems);
    }

    /**
     * Reads and checks the rules in a directory.
     *
     * @throws CliException if the directory does not exist or is not a directory
     * @throws AppActiveRulesException listing every problem of the rule set
     */
    static AppActiveRuleSet read(Path dir) {
        if (!Files.exists(dir)) {
            throw new CliException("AppActive rule directory " + dir + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new CliException("AppActive rule directory " + dir + " is not a directory");
        }
        return new AppActiveReader(dir).run();
    }

    private AppActiveRuleSet run() {
        IdSource idSource = idSource(files.read(ID_SOURCE, "the id source"));
        Long mod = mod(files.read(TRANSFORMER, "the id transformer"));
        List<Unit> units = units(files.read(MAPPING, "the id-to-unit mapping"));
        boolean forbiddenFile = files.exists(FORBIDDEN);
        List<Condition> forbidden = forbiddenFile ? forbidden(files.read(FORBIDDEN, "the forbidden rule")) : List.of();
        Optional<String> machineUnit = files.exists(MACHINE) ? machineUnit(files.read(MACHINE, "this machine's unit"))
                : Optional.empty();
        List<String> dataScopes = dataScopes();
        if (!problems.isEmpty()) {
            throw new AppActiveRulesException(dir, problems);
        }
        return new AppActiveRuleSet(dir, mod, units, forbidden, forbiddenFile, idSource, machineUnit, dataScopes);
    }

    private IdSource idSource(JsonNode root) {
        if (!object(root, ID_SOURCE, "{\"source\": \"arg,header,cookie\", \"tokenKey\": \"r_id\"}")) {
            return null;
        }
        String source = text(root.get("source"), ID_SOURCE + ": source");
        List<String> sources = new ArrayList<>();
        if (source != null) {
            // AppActive splits on ',' without trimming, and each part must name a source exactly.
            for (String part : source.split(",")) {
                if (ID_SOURCES.contains(part)) {
                    sources.add(part);
                } else {
                    problems.add(ID_SOURCE + ": source '" + source + "': '" + part
                            + "' is not arg, header or cookie (AppActive reads the list without spaces)");
                }
            }
        }
        String tokenKey = text(root.get("tokenKey"), ID_SOURCE + ": tokenKey");
        if (tokenKey != null && !tokenKey.matches("[^\\s,]+")) {
            problems.add(ID_SOURCE + ": tokenKey '" + tokenKey + "' holds a space or a comma, which a unit-router key"
                    + " source cannot carry");
        }
        return new IdSource(sources, tokenKey);
    }

    private Long mod(JsonNode root) {
        if (root != null && root.isArray()) {
            problems.add(TRANSFORMER + ": is a list (the form AppActive's gateway reads); AppActive's Java client reads"
                    + " one object {\"id\": ..., \"mod\": ...}");
            return null;
        }
        if (!object(root, TRANSFORMER, "{\"id\": \"userId\", \"mod\": \"10000\"}")) {
            return null;
        }
        JsonNode mod = root.get("mod");
        if (mod == null || mod.isNull() || (mod.isString() && mod.stringValue().isEmpty())) {
            problems.add(TRANSFORMER + ": mod is missing: AppActive then routes by the whole id, which has no shard"
                    + " count; unit-router needs one (set mod, e.g. \"10000\")");
            return null;
        }
        Long value = null;
        if (mod.isIntegralNumber() && mod.canConvertToLong()) {
            value = mod.longValue();
        } else if (mod.isString() && DIGITS.matcher(mod.stringValue()).matches()) {
            value = parseLong(mod.stringValue());
        }
        if (value == null) {
            problems.add(TRANSFORMER + ": mod " + mod + " is not a whole number");
            return null;
        }
        if (value < 1) {
            problems.add(TRANSFORMER + ": mod must be at least 1, was " + value);
            return null;
        }
        if (value > MAX_MOD) {
            problems.add(TRANSFORMER + ": mod " + value + " is more than the " + MAX_MOD
                    + " shards a unit-router document can have");
            return null;
        }
        return value;
    }

    private List<Unit> units(JsonNode root) {
        List<JsonNode> items = items(root, MAPPING);
        if (items == null) {
            return List.of();
        }
        if (items.isEmpty()) {
            problems.add(MAPPING + ": items is empty: the mapping defines no unit");
        }
        List<Unit> units = new ArrayList<>();
        Map<String, Unit> byFlag = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String label = MAPPING + ": items[" + i + "]";
            String name = itemName(items.get(i), label);
            if (name == null) {
                continue;
            }
            label += " '" + name + "'";
            List<Condition> conditions = conditions(items.get(i), label);
            Unit unit = new Unit(i, name, conditions == null ? List.of() : conditions);
            String flag = unit.flag();
            if (!CELL_ID.matcher(flag).matches()) {
                problems.add(label + ": unit " + flag + " (AppActive upper-cases unit names) cannot be a cell id:"
                        + " letters, digits, '.', '_' or '-', starting with a letter or digit, at most 64");
            }
            Unit earlier = byFlag.putIfAbsent(flag, unit);
            if (earlier != null) {
                problems.add(label + ": unit " + flag + " is already named by items[" + earlier.item()
                        + "]; AppActive keeps only the last item of a unit and drops the ranges of the others:"
                        + " merge them into one item");
                continue;
            }
            units.add(unit);
        }
        return units;
    }

    private List<Condition> forbidden(JsonNode root) {
        List<JsonNode> items = items(root, FORBIDDEN);
        if (items == null || items.isEmpty()) {
            return List.of();
        }
        if (items.size() > 1) {
            problems.add(FORBIDDEN + ": has " + items.size() + " items; AppActive applies only one of them (the"
                    + " first in hash order of their upper-cased names) and ignores the others: put every range in"
                    + " one item");
            return List.of();
        }
        String label = FORBIDDEN + ": items[0]";
        String name = itemName(items.get(0), label);
        if (name == null) {
            return List.of();
        }
        List<Condition> conditions = conditions(items.get(0), label + " '" + name + "'");
        return conditions == null ? List.of() : conditions;
    }

    private Optional<String> machineUnit(JsonNode root) {
        if (!object(root, MACHINE, "{\"unitFlag\": \"unit\"}")) {
            return Optional.empty();
        }
        String flag = text(root.get("unitFlag"), MACHINE + ": unitFlag");
        return Optional.ofNullable(flag).map(AppActiveRuleSet::flagOf);
    }

    /** The {@code items} of a mapping or forbidden rule, after checking {@code itemType}; null on a problem. */
    private List<JsonNode> items(JsonNode root, String file) {
        if (!object(root, file, "{\"itemType\": ..., \"items\": [...]}")) {
            return null;
        }
        JsonNode itemType = root.get("itemType");
        if (itemType == null || itemType.isNull() || !itemType.isString() || itemType.stringValue().isBlank()) {
            problems.add(file + ": itemType is missing; AppActive ignores a rule without one");
            return null;
        }
        if (!ITEM_TYPES.contains(itemType.stringValue())) {
            problems.add(file + ": itemType '" + itemType.stringValue()
                    + "' is not UnitRuleItem or ForbiddenRuleItem; AppActive ignores the rule");
            return null;
        }
        return list(root.get("items"), file + ": items");
    }

    private String itemName(JsonNode item, String label) {
        if (!item.isObject()) {
            problems.add(label + ": expected an object {\"name\": ..., \"conditions\": [...]}");
            return null;
        }
        return text(item.get("name"), label + ": name");
    }

    private List<Condition> conditions(JsonNode item, String label) {
        List<JsonNode> conditions = list(item.get("conditions"), label + ": conditions");
        if (conditions == null) {
            return null;
        }
        List<Condition> result = new ArrayList<>();
        int priority = 0;
        for (int c = 0; c < conditions.size(); c++) {
            JsonNode condition = conditions.get(c);
            String where = label + ": conditions[" + c + "]";
            if (!condition.isObject()) {
                problems.add(where + ": expected an object such as {\"@userId\": [\"0~4999\"]}");
                continue;
            }
            Map<String, JsonNode> written = new LinkedHashMap<>();
            condition.properties().forEach(e -> written.put(e.getKey(), e.getValue()));
            // fastjson reads each condition into a java.util.HashMap, and AppActive numbers the conditions of
            // an item in that map's order: keep the same order so that the priorities are AppActive's.
            for (Map.Entry<String, JsonNode> entry : new HashMap<>(written).entrySet()) {
                Condition parsed = condition(entry.getKey(), entry.getValue(), priority, where);
                if (parsed != null) {
                    result.add(parsed);
                }
                priority++;
            }
        }
        return result;
    }

    private Condition condition(String key, JsonNode value, int priority, String where) {
        String label = where + " '" + key + "'";
        if (!key.startsWith("@")) {
            problems.add(label + ": is not a range condition; AppActive's Java client only knows '@' (between)"
                    + " conditions");
            return null;
        }
        if (key.substring(1).isBlank()) {
            problems.add(label + ": names no id after '@'");
            return null;
        }
        if (!value.isArray()) {
            problems.add(label + ": expected a list of ranges such as [\"0~4999\"]");
            return null;
        }
        if (value.isEmpty()) {
            problems.add(label + ": has no range; AppActive then fails every lookup that reaches it");
            return null;
        }
        List<ValueRange> ranges = new ArrayList<>();
        boolean ok = true;
        for (JsonNode element : value.values()) {
            ValueRange range = range(element, label);
            ok &= range != null;
            if (range != null) {
                ranges.add(range);
            }
        }
        return ok ? new Condition(priority, key, ranges) : null;
    }

    private ValueRange range(JsonNode element, String label) {
        Matcher m = element.isString() ? RANGE.matcher(element.stringValue()) : null;
        if (m == null || !m.matches()) {
            problems.add(label + ": range " + element + " is not of the form FROM~TO, e.g. \"0~4999\"");
            return null;
        }
        Long from = parseLong(m.group(1));
        Long to = parseLong(m.group(2));
        if (from == null || to == null) {
            problems.add(label + ": range '" + element.stringValue() + "' goes beyond " + Long.MAX_VALUE
                    + ", the largest number AppActive reads");
            return null;
        }
        if (from > to) {
            problems.add(label + ": range '" + element.stringValue() + "': the first value is after the last");
            return null;
        }
        return new ValueRange(from, to);
    }

    /**
     * The data-scope rule files: every other file in the directory whose name is a scope key
     * ({@code instance-database} or {@code instance-database-port}, so it holds a '-') and that is not blank,
     * which is how AppActive decides that a database is guarded.
     */
    private List<String> dataScopes() {
        List<String> scopes = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path file : entries.sorted().toList()) {
                String name = file.getFileName().toString();
                if (RULE_FILES.contains(name) || name.startsWith(".") || !name.contains("-")
                        || !Files.isRegularFile(file)) {
                    continue;
                }
                if (Files.size(file) <= AppActiveJsonFiles.MAX_BYTES
                        && !new String(Files.readAllBytes(file), StandardCharsets.UTF_8).isBlank()) {
                    scopes.add(name);
                }
            }
        } catch (IOException e) {
            problems.add(dir + ": cannot list the data-scope files: " + e);
        }
        return scopes;
    }

    private boolean object(JsonNode root, String file, String example) {
        if (root == null) {
            return false;
        }
        if (!root.isObject()) {
            problems.add(file + ": expected an object such as " + example);
            return false;
        }
        return true;
    }

    /** The elements of a list, or null after adding a problem. */
    private List<JsonNode> list(JsonNode node, String label) {
        if (node == null || node.isNull()) {
            problems.add(label + " is missing");
            return null;
        }
        if (!node.isArray()) {
            problems.add(label + ": expected a list");
            return null;
        }
        List<JsonNode> elements = new ArrayList<>();
        node.values().forEach(elements::add);
        return elements;
    }

    /** A non-blank text value, or null after adding a problem. */
    private String text(JsonNode node, String label) {
        if (node == null || node.isNull()) {
            problems.add(label + " is missing");
            return null;
        }
        if (!node.isString()) {
            problems.add(label + ": expected text, was " + node);
            return null;
        }
        if (node.stringValue().isBlank()) {
            problems.add(label + " is empty");
            return null;
        }
        return node.stringValue();
    }

    private static Long parseLong(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
