package io.unitrouter.core.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads the YAML or JSON text of a rule document into a {@link RuleDraft}. Wrong types and unknown fields
 * become read errors that name the entry; the draft keeps everything else so validation can report the
 * rest in the same pass.
 *
 * <p>The text is read as a stream of events ({@link RuleEvents}), never as one tree: each entry of the long
 * lists ({@code routing}, {@code frozen}, ...) is taken on its own and dropped once read, so the reader keeps
 * only the draft. Errors come out in the same order whatever order the fields are written in: unknown
 * top-level fields first, then each field's in the order of {@link #FIELD_ORDER}.
 */
final class RuleReader {

    /** The order in which fields are reported, whatever order the document writes them in. */
    private static final List<String> FIELD_ORDER = List.of("epoch", "shards", "shard-function", "active-gzone",
            "cities", "cells", "routing", "frozen", "overrides", "homes", "offline");
    private static final Set<String> TOP_LEVEL = Set.copyOf(FIELD_ORDER);
    private static final Set<String> CITY_FIELDS = Set.of("id", "data-centers", "failover-to");
    private static final Set<String> CELL_FIELDS = Set.of("id", "kind", "data-center", "capacity", "standby");
    private static final Set<String> ROUTE_FIELDS = Set.of("shards", "cell");
    private static final Set<String> OVERRIDE_FIELDS = Set.of("keys", "shards", "cell");
    private static final Map<String, Set<String>> FUNCTION_OPTIONS = Map.of("mod", Set.of(), "hash", Set.of(),
            "digits", Set.of("position", "width"), "custom", Set.of("class"));

    /** Rule documents are small; anything larger than this is a mistake or an attack. */
    static final int MAX_DOCUMENT_CHARS = 4 * 1024 * 1024;

    private final RuleDraft draft = new RuleDraft();
    private final RuleEvents events;
    private final Map<String, List<String>> errorsByField = new HashMap<>();
    private final List<String> unknownFields = new ArrayList<>();
    /** Every cell id read so far, so that entries naming one cell share one string. */
    private final Map<String, String> cellIds = new HashMap<>();
    /** The list entry being read, for error labels; see {@link #enter}. */
    private String listField;
    private int listIndex = -1;
    /** Where the field being read reports its errors: its own list in {@link #errorsByField}. */
    private List<String> errors = unknownFields;

    private RuleReader(String source, RuleEvents events) {
        draft.source = source;
        this.events = events;
    }

    static RuleDraft read(String text, String source) {
        if (JsonEvents.looksLikeJson(text)) {
            try {
                return new RuleReader(source, JsonEvents.of(text)).readDocument();
            } catch (RuleEvents.SyntaxException e) {
                // Not JSON after all (a YAML flow mapping such as {epoch: 42, ...}), or broken: YAML reads both
                // and names the problem in the words users of either syntax already know.
            }
        }
        try {
            return new RuleReader(source, YamlEvents.withoutPositions(text, MAX_DOCUMENT_CHARS)).readDocument();
        } catch (RuleEvents.SyntaxException e) {
            // Read again keeping every position, so that the message says where the problem is.
            try {
                new RuleReader(source, YamlEvents.withPositions(text, MAX_DOCUMENT_CHARS)).readDocument();
                throw e;
            } catch (RuleEvents.SyntaxException positioned) {
                return unreadable(source, "not valid YAML or JSON: "
                        + positioned.getMessage().replace('\n', ' ').replaceAll(" +", " ").trim());
            }
        }
    }

    private static RuleDraft unreadable(String source, String error) {
        RuleDraft draft = new RuleDraft();
        draft.source = source;
        draft.readErrors.add(error);
        draft.unreadable = true;
        return draft;
    }

    private RuleDraft readDocument() {
        RuleEvents.Kind first = events.next();
        if (first == RuleEvents.Kind.END) {
            return unreadable(draft.source, "the document is empty");
        }
        if (first != RuleEvents.Kind.MAPPING_START) {
            Object root = readNode(first);
            expectEnd();
            return unreadable(draft.source, root == null ? "the document is empty"
                    : "the document must be a mapping of fields (epoch, shards, cells, ...), but is " + typeName(root));
        }
        Set<String> seen = new HashSet<>();
        RuleEvents.Kind next;
        while ((next = events.next()) != RuleEvents.Kind.MAPPING_END) {
            String name = String.valueOf(readNode(next));
            if (!seen.add(name)) {
                throw duplicateKey(name);
            }
            if (!TOP_LEVEL.contains(name)) {
                errors = unknownFields;
                unknownField(name, TOP_LEVEL);
                readNode(events.next());
                continue;
            }
            errors = errorsByField.computeIfAbsent(name, f -> new ArrayList<>());
            readField(name);
        }
        expectEnd();
        draft.readErrors.addAll(unknownFields);
        for (String field : FIELD_ORDER) {
            draft.readErrors.addAll(errorsByField.getOrDefault(field, List.of()));
        }
        return draft;
    }

    private void expectEnd() {
        RuleEvents.Kind end = events.next();
        if (end != RuleEvents.Kind.END) {
            throw new RuleEvents.SyntaxException("expected the end of the document at " + events.position(), null);
        }
    }

    private void readField(String name) {
        switch (name) {
            case "epoch" -> draft.epoch = longField("epoch", readValue());
            case "shards" -> {
                Long shards = longField("shards", readValue());
                if (shards != null) {
                    draft.shards = (int) Math.max(Math.min(shards, Integer.MAX_VALUE), Integer.MIN_VALUE);
                }
            }
            case "shard-function" -> readShardFunction(readValue());
            case "active-gzone" -> draft.activeGZone = text("active-gzone", readValue());
            case "cities" -> readList("cities", CITY_FIELDS, entry -> draft.cities.add(
                    new RuleDraft.CityDraft(text("id", entry.get("id")), texts("data-centers",
                            entry.get("data-centers")), texts("failover-to", entry.get("failover-to")))));
            case "cells" -> readList("cells", CELL_FIELDS, entry -> {
                Long capacity = longField("capacity", entry.get("capacity"));
                draft.cells.add(new RuleDraft.CellDraft(text("id", entry.get("id")),
                        text("kind", entry.get("kind")), text("data-center",
                        entry.get("data-center")), capacity == null ? null
                        : (int) Math.max(Math.min(capacity, Integer.MAX_VALUE), Integer.MIN_VALUE),
                        text("standby", entry.get("standby"))));
            });
            case "routing" -> readList("routing", ROUTE_FIELDS, entry -> draft.routing.add(
                    new RuleDraft.RouteDraft(shardsText("shards", entry.get("shards")),
                            cellId("cell", entry.get("cell")))));
            case "frozen" -> readFrozen();
            case "overrides" -> readList("overrides", OVERRIDE_FIELDS, entry -> draft.overrides.add(
                    new RuleDraft.OverrideDraft(keys("keys", entry.get("keys")),
                            shardsText("shards", entry.get("shards")), cellId("cell",
                            entry.get("cell")))));
            case "homes" -> readList("homes", ROUTE_FIELDS, entry -> draft.homes.add(
                    new RuleDraft.RouteDraft(shardsText("shards", entry.get("shards")),
                            cellId("cell", entry.get("cell")))));
            case "offline" -> draft.offline.addAll(texts("offline", readValue()));
            default -> throw new IllegalStateException("no reader for field " + name);
        }
    }

    /**
     * A cell id, the same instance for every entry that names the same cell: 100,000 routing entries then hold
     * a handful of strings, not 100,000 copies.
     */
    private String cellId(String name, Object value) {
        String id = text(name, value);
        return id == null ? null : cellIds.computeIfAbsent(id, k -> k);
    }

    /** The next value, as a tree: only for the small fields. */
    private Object readValue() {
        return readNode(events.next());
    }

    /** A node that starts with {@code first}: a scalar, or a list or mapping read to its end. */
    private Object readNode(RuleEvents.Kind first) {
        switch (first) {
            case SCALAR:
                return events.scalar();
            case LIST_START: {
                List<Object> list = new ArrayList<>();
                RuleEvents.Kind next;
                while ((next = events.next()) != RuleEvents.Kind.LIST_END) {
                    list.add(readNode(next));
                }
                return list;
            }
            case MAPPING_START: {
                Map<Object, Object> map = new LinkedHashMap<>();
                readMapping(map);
                return map;
            }
            default:
                throw new RuleEvents.SyntaxException("unexpected " + first + " at " + events.position(), null);
        }
    }

    private RuleEvents.SyntaxException duplicateKey(Object key) {
        return new RuleEvents.SyntaxException("found duplicate key " + key + " at " + events.position(), null);
    }

    /** The rest of a mapping whose start was just read, into {@code map}. */
    private void readMapping(Map<Object, Object> map) {
        RuleEvents.Kind next;
        while ((next = events.next()) != RuleEvents.Kind.MAPPING_END) {
            Object key = readNode(next);
            if (map.containsKey(key)) {
                throw duplicateKey(key);
            }
            map.put(key, readValue());
        }
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

    private void readFrozen() {
        RuleEvents.Kind first = events.next();
        if (first != RuleEvents.Kind.LIST_START) {
            String single = shardsText("frozen", readNode(first));
            if (single != null) {
                draft.frozen.add(single);
            }
            return;
        }
        RuleEvents.Kind next;
        for (int i = 0; (next = events.next()) != RuleEvents.Kind.LIST_END; i++) {
            enter("frozen", i);
            String range = shardsText("", readNode(next));
            if (range != null) {
                draft.frozen.add(range);
            }
        }
        enter(null, -1);
    }

    @FunctionalInterface
    private interface EntryReader {
        void read(EntryFields entry);
    }

    /**
     * The fields of one list entry: a handful of key-value pairs in two arrays, reused from entry to entry, so
     * reading a 100,000-entry list does not allocate a map node per field.
     */
    private static final class EntryFields {

        private Object[] keys = new Object[8];
        private Object[] values = new Object[8];
        private int size;

        void clear() {
            Arrays.fill(keys, 0, size, null);
            Arrays.fill(values, 0, size, null);
            size = 0;
        }

        boolean contains(Object key) {
            for (int i = 0; i < size; i++) {
                if (Objects.equals(keys[i], key)) {
                    return true;
                }
            }
            return false;
        }

        void put(Object key, Object value) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            keys[size] = key;
            values[size++] = value;
        }

        Object get(String name) {
            for (int i = 0; i < size; i++) {
                if (name.equals(keys[i])) {
                    return values[i];
                }
            }
            return null;
        }

        int size() {
            return size;
        }

        Object key(int index) {
            return keys[index];
        }
    }

    /**
     * Reads a list of entries one at a time: each mapping is read into the same map, handed to {@code reader}
     * and cleared for the next.
     */
    private void readList(String field, Set<String> fields, EntryReader reader) {
        RuleEvents.Kind first = events.next();
        if (first != RuleEvents.Kind.LIST_START) {
            Object value = readNode(first);
            if (value != null) {
                errors.add(field + ": expected a list, was " + typeName(value));
            }
            return;
        }
        EntryFields entry = new EntryFields();
        RuleEvents.Kind next;
        for (int i = 0; (next = events.next()) != RuleEvents.Kind.LIST_END; i++) {
            enter(field, i);
            if (next != RuleEvents.Kind.MAPPING_START) {
                errors.add(label("") + ": expected a mapping such as {id: ..., ...}, was " + typeName(readNode(next)));
                continue;
            }
            entry.clear();
            RuleEvents.Kind part;
            while ((part = events.next()) != RuleEvents.Kind.MAPPING_END) {
                Object key = readNode(part);
                if (entry.contains(key)) {
                    throw duplicateKey(key);
                }
                entry.put(key, readValue());
            }
            for (int f = 0; f < entry.size(); f++) {
                checkField(entry.key(f), fields);
            }
            reader.read(entry);
        }
        enter(null, -1);
    }

    /**
     * Sets the list entry being read, which every error label starts with: labels are only put together when an
     * error needs one, not for every entry of a 100,000-entry list.
     *
     * @param field the list, or {@code null} outside lists
     * @param index the entry's position, or -1 outside lists
     */
    private void enter(String field, int index) {
        listField = field;
        listIndex = index;
    }

    /** {@code cells[3].kind} inside a list entry, {@code epoch} outside; an empty name labels the entry itself. */
    private String label(String name) {
        if (listIndex < 0) {
            return name;
        }
        String entry = listField + "[" + listIndex + "]";
        return name.isEmpty() ? entry : entry + "." + name;
    }

    private void checkField(Object key, Set<String> known) {
        if (!known.contains(String.valueOf(key))) {
            unknownField(key, known);
        }
    }

    private void unknownField(Object key, Set<String> known) {
        String label = label("");
        errors.add((label.isEmpty() ? "" : label + ": ") + "unknown field '" + key + "' (known: "
                + String.join(", ", known.stream().sorted().toList()) + ")");
    }

    private Long longField(String name, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        errors.add(label(name) + ": expected a whole number, was " + describe(value));
        return null;
    }

    private String text(String name, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        errors.add(label(name) + ": expected text, was " + describe(value));
        return null;
    }

    private List<String> texts(String name, Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            errors.add(label(name) + ": expected a list, was " + describe(value));
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (item instanceof String s) {
                result.add(s);
            } else if (item != null) {
                errors.add(label(name) + "[" + i + "]: expected text, was " + describe(item));
            }
        }
        return result;
    }

    private List<String> keys(String name, Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> list)) {
            errors.add(label(name) + ": expected a list of quoted keys, was " + describe(value));
            return null;
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (item instanceof String s) {
                result.add(s);
            } else {
                errors.add(label(name) + "[" + i + "]: write keys as quoted text; YAML read this unquoted key as "
                        + describe(item) + " (and reads an unquoted 0123 as the octal number 83)");
            }
        }
        return result;
    }

    private String shardsText(String name, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Integer || value instanceof Long) {
            return value.toString();
        }
        errors.add(label(name) + ": expected a shard range such as \"0-19\" or 37, was " + describe(value));
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
