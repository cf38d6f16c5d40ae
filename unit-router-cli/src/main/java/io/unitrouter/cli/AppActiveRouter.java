package io.unitrouter.cli;

import io.unitrouter.cli.AppActiveRuleSet.Condition;
import io.unitrouter.cli.AppActiveRuleSet.Unit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A model of how AppActive's Java client routes an id with a rule set: its transformer
 * ({@code TransformerRuleServiceImpl}), its id-to-unit lookup ({@code TrafficRouteRuleServiceImpl}) and its
 * forbidden check ({@code ForbiddenRuleServiceImpl}).
 *
 * <ul>
 *   <li>An id is a number when it is an optional {@code +} or {@code -} followed by ASCII digits; it is read
 *       with {@code Long.valueOf}, so {@code +5} is 5, {@code -0} is 0, and an id beyond a long fails.</li>
 *   <li>The inner id is {@code id % mod} with Java's remainder, negative for a negative id.</li>
 *   <li>Conditions are tried in order of their index within their item; conditions of equal index follow
 *       the iteration order of a {@link HashMap} keyed by the upper-cased unit names. The first that holds
 *       the inner id names the unit, upper-cased. None: the id has no unit, which AppActive refuses.</li>
 *   <li>An id is write-forbidden when a condition of the forbidden rule holds its inner id.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
final class AppActiveRouter {

    // AppActive's StringUtils.isNumbers: an optional sign and ASCII digits, possibly none at all.
    private static final Pattern NUMBERS = Pattern.compile("^[-\\+]?[\\d]*$");

    private final long mod;
    private final List<Step> order;
    private final List<Condition> forbidden;

    private record Step(String unit, Condition condition) {
    }

    /**
     * What AppActive makes of an id.
     *
     * @param unit the upper-cased unit, or {@code null} when AppActive refuses the id
     * @param value the inner id, when the id is a number AppActive can read
     * @param forbidden whether writes for the id are forbidden
     * @param refusal why AppActive refuses the id, or {@code null} when it routes it
     */
    record Decision(String unit, long value, boolean forbidden, String refusal) {

        boolean routed() {
            return refusal == null;
        }

        static Decision refused(String why) {
            return new Decision(null, 0, false, why);
        }
    }

    AppActiveRouter(AppActiveRuleSet rules) {
        this.mod = rules.mod();
        this.order = evaluationOrder(rules.units());
        this.forbidden = rules.forbidden();
    }

    private static List<Step> evaluationOrder(List<Unit> units) {
        // AppActive collects the conditions per upper-cased unit in a HashMap, lists them in the map's order
        // and then sorts them by priority with a stable sort: the same steps give the same order here.
        Map<String, List<Condition>> byUnit = new HashMap<>();
        for (Unit unit : units) {
            List<Condition> conditions = new ArrayList<>(unit.conditions());
            conditions.sort(Comparator.comparingInt(Condition::priority));
            byUnit.put(unit.flag(), conditions);
        }
        List<Step> steps = new ArrayList<>();
        byUnit.forEach((unit, conditions) -> conditions.forEach(c -> steps.add(new Step(unit, c))));
        steps.sort(Comparator.comparingInt(step -> step.condition().priority()));
        return List.copyOf(steps);
    }

    /** What AppActive makes of an id. */
    Decision route(String id) {
        if (isBlank(id)) {
            // The transformer passes a blank id on; the first condition then fails on it.
            return order.isEmpty() ? Decision.refused("in no unit") : Decision.refused("the id is empty");
        }
        if (!NUMBERS.matcher(id).matches()) {
            return Decision.refused("not a number");
        }
        long number;
        try {
            number = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Decision.refused(id.chars().anyMatch(Character::isDigit) ? "beyond the range of a long"
                    : "not a number");
        }
        long value = number % mod;
        String unit = unitOf(value);
        if (unit == null) {
            return new Decision(null, value, false, "value " + value + " is in no unit");
        }
        return new Decision(unit, value, isForbidden(value), null);
    }

    /** The unit of an inner id: the first condition in AppActive's order that holds it, or {@code null}. */
    String unitOf(long value) {
        for (Step step : order) {
            if (step.condition().accepts(value)) {
                return step.unit();
            }
        }
        return null;
    }

    private boolean isForbidden(long value) {
        for (Condition condition : forbidden) {
            if (condition.accepts(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBlank(String id) {
        return id == null || id.chars().allMatch(Character::isWhitespace);
    }
}
