package io.unitrouter.cli;

import io.unitrouter.cli.AppActiveRuleSet.Condition;
import io.unitrouter.cli.AppActiveRuleSet.Unit;
import io.unitrouter.cli.AppActiveRuleSet.ValueRange;
import io.unitrouter.core.ShardRange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Which AppActive units claim each value the transformer can produce, {@code 0..mod-1}: the values become
 * the shards of the imported document. Finds the values no unit claims (gaps) and the values several units
 * claim (overlaps, where AppActive's first match decides), and the parts of ranges that lie beyond
 * {@code mod-1}, which no id ever reaches.
 */
final class ValueCoverage {

    private static final int NONE = -1;
    private static final int SEVERAL = -2;

    private final AppActiveRuleSet rules;
    private final int values;
    /** The index in {@code rules.units()} of the one unit claiming a value, or NONE or SEVERAL. */
    private final int[] claimant;
    /** For values claimed several times: the claiming units' indexes, in item order. */
    private final Map<Integer, List<Integer>> claimants = new HashMap<>();
    private final boolean[] forbidden;
    private final List<String> warnings = new ArrayList<>();

    /**
     * One stretch of values with the same claimants.
     *
     * @param values the values
     * @param units the claiming units, in item order; empty for a gap
     */
    record Region(ShardRange values, List<Unit> units) {
    }

    private ValueCoverage(AppActiveRuleSet rules) {
        this.rules = rules;
        this.values = Math.toIntExact(rules.mod());
        this.claimant = new int[values];
        this.forbidden = new boolean[values];
        Arrays.fill(claimant, NONE);
        List<Unit> units = rules.units();
        for (int u = 0; u < units.size(); u++) {
            claim(u, units.get(u));
        }
        for (Condition condition : rules.forbidden()) {
            for (ValueRange range : condition.ranges()) {
                clipped(range, AppActiveReader.FORBIDDEN + ": items[0]: " + condition.key())
                        .forEach(v -> forbidden[v] = true);
            }
        }
    }

    static ValueCoverage of(AppActiveRuleSet rules) {
        return new ValueCoverage(rules);
    }

    private void claim(int index, Unit unit) {
        boolean any = false;
        for (Condition condition : unit.conditions()) {
            for (ValueRange range : condition.ranges()) {
                for (int v : clipped(range, AppActiveReader.MAPPING + ": " + unit.label() + ": " + condition.key())
                        .toArray()) {
                    any = true;
                    add(v, index);
                }
            }
        }
        if (!any) {
            warnings.add(AppActiveReader.MAPPING + ": " + unit.label() + ": unit " + unit.flag()
                    + " has no value below " + values + ", so no id reaches it");
        }
    }

    private void add(int value, int unit) {
        int current = claimant[value];
        if (current == NONE) {
            claimant[value] = unit;
        } else if (current == SEVERAL) {
            List<Integer> units = claimants.get(value);
            if (!units.contains(unit)) {
                units.add(unit);
            }
        } else if (current != unit) {
            claimant[value] = SEVERAL;
            claimants.put(value, new ArrayList<>(List.of(current, unit)));
        }
    }

    /** The values of a range that the transformer can produce, warning about the rest. */
    private IntStream clipped(ValueRange range, String label) {
        long last = values - 1L;
        if (range.to() > last) {
            warnings.add(label + ": range " + range + " goes beyond " + last + ", the largest value mod " + values
                    + " gives; " + (range.from() > last ? "no id reaches it"
                            : "values " + (last + 1) + "-" + range.to() + " never occur"));
        }
        if (range.from() > last) {
            return IntStream.empty();
        }
        return IntStream.rangeClosed((int) range.from(), (int) Math.min(range.to(), last));
    }

    /** The number of values, {@code mod}. */
    int values() {
        return values;
    }

    /** The stretches of values no unit claims. */
    List<Region> gaps() {
        return regions(v -> claimant[v] == NONE);
    }

    /** The stretches of values several units claim, grouped by the same claimants. */
    List<Region> overlaps() {
        return regions(v -> claimant[v] == SEVERAL);
    }

    /** Whether several units claim a value. */
    boolean contested(long value) {
        return value >= 0 && value < values && claimant[(int) value] == SEVERAL;
    }

    /**
     * The unit that a value belongs to: its one claimant, or for a contested value the unit AppActive picks.
     *
     * @return the upper-cased unit, or {@code null} for a gap
     */
    String unitOf(int value, AppActiveRouter appActive) {
        int unit = claimant[value];
        if (unit == SEVERAL) {
            return appActive.unitOf(value);
        }
        return unit == NONE ? null : rules.units().get(unit).flag();
    }

    /** The write-forbidden values, ascending. */
    int[] forbiddenValues() {
        return IntStream.range(0, values).filter(v -> forbidden[v]).toArray();
    }

    /** Ranges reaching beyond {@code mod-1}, and units no id reaches. */
    List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** One line per gap, naming the file and the values. */
    List<String> gapProblems() {
        return gaps().stream().map(gap -> AppActiveReader.MAPPING + ": values " + gap.values() + " (of 0-"
                + (values - 1) + " under mod " + values + ") are in no unit: AppActive refuses the ids there"
                + " ('targetUnit is null'), and a unit-router document needs an owner for every shard").toList();
    }

    /** One line per overlap, naming the file, the items and the unit AppActive picks. */
    List<String> overlapProblems(AppActiveRouter appActive) {
        return overlaps().stream().map(overlap -> AppActiveReader.MAPPING + ": values " + overlap.values()
                + " are claimed by " + overlap.units().stream()
                        .map(u -> "unit " + u.flag() + " (items[" + u.item() + "])").collect(Collectors.joining(" and "))
                + "; AppActive sends them to " + appActive.unitOf(overlap.values().from())
                + ", the first match in its order, which unit-router cannot express: a shard has one owner")
                .toList();
    }

    private List<Region> regions(java.util.function.IntPredicate selected) {
        List<Region> regions = new ArrayList<>();
        int start = -1;
        for (int v = 0; v <= values; v++) {
            boolean in = v < values && selected.test(v);
            if (start >= 0 && (!in || !Objects.equals(claimantsOf(v), claimantsOf(start)))) {
                regions.add(new Region(ShardRange.of(start, v - 1), claimantsOf(start).stream()
                        .map(rules.units()::get).toList()));
                start = -1;
            }
            if (in && start < 0) {
                start = v;
            }
        }
        return regions;
    }

    private List<Integer> claimantsOf(int value) {
        int unit = claimant[value];
        if (unit == SEVERAL) {
            return claimants.get(value);
        }
        return unit == NONE ? List.of() : List.of(unit);
    }
}
