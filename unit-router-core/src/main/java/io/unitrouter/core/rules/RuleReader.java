package io.unitrouter.core.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the YAML or JSON text of a rule document into a {@link RuleDraft}. Wrong types and unknown fields
 * become read errors that name the entry; the draft keeps everything else so validation can report the
 * rest in the same pass.
 */
final class RuleReader {

    private static final Set<String> TOP_LEVEL = Set.of("epoch", "shards", "shard-function", "active-gzone",
            "cities", "cells", "routing", "frozen", "overrides", "homes", "offline");
    private static final Set<String> CITY_FIELDS = Set.of("id", "data-centers", "failover-to");
    private static final Set<String> CELL_FIELDS = Set.of("id", "kind", "data-center", "capacity", "standby");
    private static final Set<String> ROUTE_FIELDS = Set.of("shards", "cell");
    private static final Set<String> OVERRIDE_FIELDS = Set.of("keys", "shards", "cell");
    private static final Map<String, Set<String>> FUNCTION_OPTIONS = Map.of("mod", Set.of(), "hash", Set.of(),
            "digits", Set.of("position", "width"), "custom", Set.of("class"));

    /** Rule documents are small; anything larger than this is a mistake or an attack. */
    static final int MAX_DOCUMENT_CHARS = 4 * 1024 * 1024;

    private final RuleDraft draft = new RuleDraft();
    private final List<String> errors = draft.readErrors;

    private RuleReader(String source) {
        draft.source = source;
    }

    static RuleDraft read(String text, String source) {
        RuleReader reader = new RuleReader(source);
        reader.readDocument(text);
        return reader.draft;
    }

    private void readDocument(String text) {
        Object root;
        try {
            root = yaml().load(text);
        } catch (YAMLException e) {
            errors.add("not valid YAML or JSON: " + e.getMessage().replace('\n', ' ').replaceAll(" +", " ").trim());
            draft.unreadable = true;
            return;
        }
        if (root == null) {
            errors.add("the document is empty");
            draft.unreadable = true;
            return;
        }
        if (!(root instanceof Map<?, ?> map)) {
            errors.add("the document must be a mapping of fields (epoch, shards, cells, ...), but is "
                    + typeName(root));
            draft.unreadable = true;
            return;
        }
        checkFields("", map, TOP_LEVEL);
        draft.epoch = longField("epoch", map.get("epoch"));
        Long shards = longField("shards", map.get("shards"));
        if (shards != null) {
            draft.shards = (int) Math.max(Math.min(shards, Integer.MAX_VALUE), Integer.MIN_VALUE);
        }
        readShardFunction(map.get("shard-function"));
        draft.activeGZone = text("active-gzone", map.get("active-gzone"));
        readList("cities", map.get("cities"), CITY_FIELDS, (label, entry) -> draft.cities.add(
                new RuleDraft.CityDraft(text(label + ".id", entry.get("id")), texts(label + ".data-centers",
                        entry.get("data-centers")), texts(label + ".failover-to", entry.get("failover-to")))));
        readList("cells", map.get("cells"), CELL_FIELDS, (label, entry) -> {
            Long capacity = longField(label + ".capacity", entry.get("capacity"));
            draft.cells.add(new RuleDraft.CellDraft(text(label + ".id", entry.get("id")),
                    text(label + ".kind", entry.get("kind")), text(label + ".data-center", entry.get("data-center")),
                    capacity == null ? null : (int) Math.max(Math.min(capacity, Integer.MAX_VALUE), Integer.MIN_VALUE),
                    text(label + ".standby", entry.get("standby"))));
        });
        readList("routing", map.get("routing"), ROUTE_FIELDS, (label, entry) -> draft.routing.add(
                new RuleDraft.RouteDraft(shardsText(label + ".shards", entry.get("shards")),
                        text(label + ".cell", entry.get("cell")))));
        readFrozen(map.get("frozen"));
        readList("overrides", map.get("overrides"), OVERRIDE_FIELDS, (label, entry) -> draft.overrides.add(
                new RuleDraft.OverrideDraft(keys(label + ".keys", entry.get("keys")),
                        shardsText(label + ".shards", entry.get("shards")), text(label + ".cell", entry.get("cell")))));
        readList("homes", map.get("homes"), ROUTE_FIELDS, (label, entry) -> draft.homes.add(
                new RuleDraft.RouteDraft(shardsText(label + ".shards", entry.get("shards")),
                        text(label + ".cell", entry.get("cell")))));
        draft.offline.addAll(texts("offline", map.get("offline")));
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(MAX_DOCUMENT_CHARS);
        return new Yaml(new SafeConstructor(options));
    }

    private void readShardFunction(Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof String type) {
            draft.shardFunction = new ShardFunctionSpec(type, Map.of());
            return;
        }
        if (!(value instanceof Map<?, ?> map)) {
            errors.add("shard-function: expected {type: mod|digits|hash|custom, ...}, was " + typeName(value));
            return;
        }
        String type = text("shard-function.type", map.get("type"));
        if (type == null) {
            errors.add("shard-function: type is missing (mod, digits, hash or custom)");
            return;
        }
        Map<String, Object> options = new LinkedHashMap<>();
        Set<String> known = FUNCTION_OPTIONS.get(type);
        map.forEach((k, v) -> {
            String name = String.valueOf(k);
            if (name.equals("type")) {
                return;
            }
            if (known != null && !known.contains(name)) {
                errors.add("shard-function: unknown option '" + name + "' for type " + type
                        + (known.isEmpty() ? " (it takes none)"
                                : " (known: " + String.join(", ", known.stream().sorted().toList()) + ")"));
                return;
            }
            options.put(name, v);
        });
        draft.shardFunction = new ShardFunctionSpec(type, options);
    }

    private void readFrozen(Object value) {
        if (value == null) {
            return;
        }
        if (!(value instanceof List<?> list)) {
            String single = shardsText("frozen", value);
            if (single != null) {
                draft.frozen.add(single);
            }
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            String range = shardsText("frozen[" + i + "]", list.get(i));
            if (range != null) {
                draft.frozen.add(range);
            }
        }
    }

    @FunctionalInterface
    private interface EntryReader {
        void read(String label, Map<?, ?> entry);
    }

    private void readList(String field, Object value, Set<String> fields, EntryReader reader) {
        if (value == null) {
            return;
        }
        if (!(value instanceof List<?> list)) {
            errors.add(field + ": expected a list, was " + typeName(value));
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            String label = field + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> entry)) {
                errors.add(label + ": expected a mapping such as {id: ..., ...}, was " + typeName(list.get(i)));
                continue;
            }
            checkFields(label, entry, fields);
            reader.read(label, entry);
        }
    }

    private void checkFields(String label, Map<?, ?> map, Set<String> known) {
        for (Object key : map.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                errors.add((label.isEmpty() ? "" : label + ": ") + "unknown field '" + key + "' (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private Long longField(String label, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        errors.add(label + ": expected a whole number, was " + describe(value));
        return null;
    }

    private String text(String label, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        errors.add(label + ": expected text, was " + describe(value));
        return null;
    }

    private List<String> texts(String label, Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            errors.add(label + ": expected a list, was " + describe(value));
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String item = text(label + "[" + i + "]", list.get(i));
            if (item != null) {
                result.add(item);
            }
        }
        return result;
    }

    private List<String> keys(String label, Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> list)) {
            errors.add(label + ": expected a list of quoted keys, was " + describe(value));
            return null;
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (item instanceof String s) {
                result.add(s);
            } else {
                errors.add(label + "[" + i + "]: write keys as quoted text; YAML read this unquoted key as "
                        + describe(item) + " (and reads an unquoted 0123 as the octal number 83)");
            }
        }
        return result;
    }

    private String shardsText(String label, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Integer || value instanceof Long) {
            return value.toString();
        }
        errors.add(label + ": expected a shard range such as \"0-19\" or 37, was " + describe(value));
        return null;
    }

    private static String describe(Object value) {
        return typeName(value) + " '" + value + "'";
    }

    private static String typeName(Object value) {
        if (value instanceof Map) {
            return "a mapping";
        }
        if (value instanceof List) {
            return "a list";
        }
        if (value instanceof String) {
            return "text";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Number) {
            return "a number";
        }
        return value.getClass().getSimpleName();
    }
}
