package io.unitrouter.core.failover;

import io.unitrouter.core.ShardRange;
import io.unitrouter.core.UnitRouterException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a failover reacts to, written as text: {@code cell-down:rz02}, {@code dc-down:hz1},
 * {@code city-down:sh}, {@code drain:hz2}, {@code switchback:rz02}, {@code rebalance},
 * {@code move:20-29:rz06}, or {@code revert:RUN} (the reverse of a finished run, which only a
 * {@link FailoverCoordinator} can plan).
 *
 * <p>An event names its target by id only; whether the id exists, and whether {@code drain:X} means a cell,
 * a data center or a city, is decided by the {@link FailoverPlanner} against a document.
 *
 * <p>Immutable and thread-safe. {@code FailoverEvent.parse(e.toString())} equals {@code e}.
 *
 * @param kind what happened or what the operator wants
 * @param target the cell, data center, city or run id; empty for {@link Kind#REBALANCE}; the cell for
 *     {@link Kind#MOVE}
 * @param shards the shards of a {@link Kind#MOVE}, as written; empty for every other kind
 */
public record FailoverEvent(Kind kind, String target, List<ShardRange> shards) {

    /** Ids of cities, data centers and cells, as rule documents allow them. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    /** The kinds of events, with their text form. */
    public enum Kind {
        /** An unplanned loss of one cell: {@code cell-down:CELL}. */
        CELL_DOWN("cell-down", "CELL", false),
        /** An unplanned loss of a data center and every cell in it: {@code dc-down:DC}. */
        DC_DOWN("dc-down", "DC", false),
        /** An unplanned loss of a city and every cell in it: {@code city-down:CITY}. */
        CITY_DOWN("city-down", "CITY", false),
        /** A planned emptying of a cell, data center or city before maintenance: {@code drain:X}. */
        DRAIN("drain", "CELL|DC|CITY", true),
        /** Shards return to their home cells in a cell, data center or city that is back: {@code switchback:X}. */
        SWITCHBACK("switchback", "CELL|DC|CITY", true),
        /** Shards even out over the online cells by capacity: {@code rebalance}. */
        REBALANCE("rebalance", "", true),
        /** Shards move to one cell: {@code move:SHARDS:CELL}, e.g. {@code move:20-29:rz06}. */
        MOVE("move", "SHARDS:CELL", true),
        /** The owners before a finished run return: {@code revert:RUN}; planned by the coordinator only. */
        REVERT("revert", "RUN", true);

        private final String text;
        private final String argument;
        private final boolean planned;

        Kind(String text, String argument, boolean planned) {
            this.text = text;
            this.argument = argument;
            this.planned = planned;
        }

        /** The text form, e.g. {@code city-down}. */
        public String text() {
            return text;
        }

        /** What follows the colon in the text form, e.g. {@code CITY}; empty for {@link #REBALANCE}. */
        public String argument() {
            return argument;
        }

        /**
         * Whether the event is planned: the cells losing shards are alive and take part in the barrier.
         * {@code false} for the three {@code -down} events.
         */
        public boolean planned() {
            return planned;
        }

        /** The usage line, e.g. {@code city-down:CITY}. */
        public String usage() {
            return argument.isEmpty() ? text : text + ":" + argument;
        }

        static Kind fromText(String text) {
            for (Kind kind : values()) {
                if (kind.text.equals(text)) {
                    return kind;
                }
            }
            return null;
        }
    }

    /**
     * Checks the fields fit the kind.
     *
     * @throws InvalidEventException if they do not
     */
    public FailoverEvent {
        Objects.requireNonNull(kind, "kind");
        target = target == null ? "" : target;
        shards = List.copyOf(shards);
        if (kind == Kind.REBALANCE ? !target.isEmpty() : !ID.matcher(target).matches()) {
            throw invalid(kind.text + (target.isEmpty() ? "" : ":" + target), kind == Kind.REBALANCE
                    ? "rebalance takes no argument"
                    : "'" + target + "' is not a valid id (letters, digits, '.', '_' or '-', starting with a letter"
                            + " or digit, at most 64 characters)");
        }
        if ((kind == Kind.MOVE) == shards.isEmpty()) {
            throw invalid(kind.text + ":" + target, kind == Kind.MOVE ? "move needs shards: move:SHARDS:CELL"
                    : kind.text + " takes no shards");
        }
    }

    /**
     * Reads an event from its text form.
     *
     * @param text e.g. {@code city-down:sh}; surrounding white space is ignored, the kind is case-insensitive
     * @return the event
     * @throws InvalidEventException naming the text and what is wrong with it, with the list of valid forms
     */
    public static FailoverEvent parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid(String.valueOf(text), "the event is empty");
        }
        String trimmed = text.strip();
        String[] parts = trimmed.split(":", -1);
        Kind kind = Kind.fromText(parts[0].toLowerCase(Locale.ROOT));
        if (kind == null) {
            throw invalid(trimmed, "'" + parts[0] + "' is not a kind of event");
        }
        if (kind == Kind.REBALANCE) {
            if (parts.length > 1) {
                throw invalid(trimmed, "rebalance takes no argument");
            }
            return rebalance();
        }
        int expected = kind == Kind.MOVE ? 3 : 2;
        if (parts.length != expected || Arrays.stream(parts).anyMatch(String::isBlank)) {
            throw invalid(trimmed, "expected " + kind.usage());
        }
        if (kind == Kind.MOVE) {
            List<ShardRange> ranges;
            try {
                ranges = ShardRange.parseList(parts[1]);
            } catch (UnitRouterException e) {
                throw invalid(trimmed, e.getMessage() + "; expected " + kind.usage() + ", e.g. move:20-29:rz06");
            }
            return new FailoverEvent(kind, parts[2].strip(), ranges);
        }
        return new FailoverEvent(kind, parts[1].strip(), List.of());
    }

    /** {@code cell-down:CELL}. */
    public static FailoverEvent cellDown(String cell) {
        return new FailoverEvent(Kind.CELL_DOWN, cell, List.of());
    }

    /** {@code dc-down:DC}. */
    public static FailoverEvent dataCenterDown(String dataCenter) {
        return new FailoverEvent(Kind.DC_DOWN, dataCenter, List.of());
    }

    /** {@code city-down:CITY}. */
    public static FailoverEvent cityDown(String city) {
        return new FailoverEvent(Kind.CITY_DOWN, city, List.of());
    }

    /** {@code drain:X} for a cell, data center or city. */
    public static FailoverEvent drain(String target) {
        return new FailoverEvent(Kind.DRAIN, target, List.of());
    }

    /** {@code switchback:X} for a cell, data center or city. */
    public static FailoverEvent switchback(String target) {
        return new FailoverEvent(Kind.SWITCHBACK, target, List.of());
    }

    /** {@code rebalance}. */
    public static FailoverEvent rebalance() {
        return new FailoverEvent(Kind.REBALANCE, "", List.of());
    }

    /** {@code move:SHARDS:CELL}. */
    public static FailoverEvent move(List<ShardRange> shards, String cell) {
        return new FailoverEvent(Kind.MOVE, cell, shards);
    }

    /** {@code revert:RUN}: the owners before run {@code runId} return. */
    public static FailoverEvent revert(String runId) {
        return new FailoverEvent(Kind.REVERT, runId, List.of());
    }

    /** Whether the event is planned; see {@link Kind#planned()}. */
    public boolean planned() {
        return kind.planned();
    }

    /** The text form, e.g. {@code city-down:sh} or {@code move:20-29:rz06}. */
    @Override
    public String toString() {
        return switch (kind) {
            case REBALANCE -> kind.text;
            case MOVE -> kind.text + ":" + shards.stream().map(ShardRange::toString).collect(Collectors.joining(","))
                    + ":" + target;
            default -> kind.text + ":" + target;
        };
    }

    /** Every valid form, for messages and help texts. */
    public static String forms() {
        return Arrays.stream(Kind.values()).map(Kind::usage).collect(Collectors.joining(", "));
    }

    private static InvalidEventException invalid(String text, String problem) {
        return new InvalidEventException("failover event '" + text + "' is not valid: " + problem + " (valid forms: "
                + forms() + ")", Map.of("event", text));
    }
}
