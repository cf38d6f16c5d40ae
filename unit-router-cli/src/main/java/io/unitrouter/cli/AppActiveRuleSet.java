package io.unitrouter.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * AppActive's rules as its Java client loads them from the FILE channel, after {@link AppActiveReader} has
 * checked them. Values are AppActive's "inner ids": an id after the transformer, {@code id % mod}.
 *
 * @param dir the directory the files were read from
 * @param mod the transformer's modulus, {@code 1..100000}
 * @param units the items of the id-to-unit mapping, in file order
 * @param forbidden the conditions of the forbidden (write-banned) rule; empty without one
 * @param forbiddenFile whether {@code forbiddenRule.json} exists
 * @param idSource where AppActive's entry filter finds the id
 * @param machineUnit the unit {@code machine.json} places this machine in, if the file exists
 * @param dataScopes the data-scope rule files: databases whose writes AppActive guards
 */
record AppActiveRuleSet(Path dir, long mod, List<Unit> units, List<Condition> forbidden, boolean forbiddenFile,
        IdSource idSource, Optional<String> machineUnit, List<String> dataScopes) {

    /** The unit that AppActive's center services run in, compared after upper-casing. */
    static final String CENTER = "CENTER";

    AppActiveRuleSet {
        units = List.copyOf(units);
        forbidden = List.copyOf(forbidden);
        dataScopes = List.copyOf(dataScopes);
    }

    /** The unit AppActive calls center, if the mapping has one. */
    Optional<Unit> center() {
        return units.stream().filter(Unit::isCenter).findFirst();
    }

    /**
     * One item of the id-to-unit mapping.
     *
     * @param item its index under {@code items}
     * @param name the unit name as written
     * @param conditions its range conditions
     */
    record Unit(int item, String name, List<Condition> conditions) {

        Unit {
            conditions = List.copyOf(conditions);
        }

        /**
         * The unit as AppActive names it everywhere: upper-cased. AppActive uses the JVM's default locale, this
         * the root locale: only a Turkish locale differs ('i' to 'İ'), which renames a unit but routes the same.
         */
        String flag() {
            return flagOf(name);
        }

        boolean isCenter() {
            return flag().equals(CENTER);
        }

        /** {@code items[1] 'center'}, for messages. */
        String label() {
            return "items[" + item + "] '" + name + "'";
        }
    }

    /** AppActive's name for a unit: upper-cased. */
    static String flagOf(String name) {
        return name.toUpperCase(Locale.ROOT);
    }

    /**
     * A between condition, {@code "@token": ["0~1999", ...]}.
     *
     * @param priority its place in AppActive's evaluation order among the conditions of the same priority
     *     of other units: the index of the condition within its item
     * @param key the key as written, e.g. {@code @userIdBetween}
     * @param ranges the ranges, at least one
     */
    record Condition(int priority, String key, List<ValueRange> ranges) {

        Condition {
            ranges = List.copyOf(ranges);
        }

        boolean accepts(long value) {
            for (ValueRange range : ranges) {
                if (range.contains(value)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * An inclusive range of inner ids, written {@code from~to}.
     *
     * @param from the first value, {@code >= 0}
     * @param to the last value, {@code >= from}
     */
    record ValueRange(long from, long to) {

        boolean contains(long value) {
            return from <= value && value <= to;
        }

        @Override
        public String toString() {
            return from + "~" + to;
        }
    }

    /**
     * AppActive's id source rule.
     *
     * @param sources {@code arg}, {@code header} or {@code cookie}, in the order AppActive tries them
     * @param tokenKey the parameter, header or cookie name
     */
    record IdSource(List<String> sources, String tokenKey) {

        IdSource {
            sources = List.copyOf(sources);
        }
    }
}
