package io.unitrouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.cli.AppActiveRuleSet.Condition;
import io.unitrouter.cli.AppActiveRuleSet.IdSource;
import io.unitrouter.cli.AppActiveRuleSet.Unit;
import io.unitrouter.cli.AppActiveRuleSet.ValueRange;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The model of AppActive's Java client, case by case as its code reads. */
class AppActiveRouterTest {

    private static final List<Condition> NO_FORBIDDEN = List.of();

    @Test
    void upperCasesTheUnitNameAndRoutesByTheRemainderOfTheModulus() {
        AppActiveRouter router = router(100, NO_FORBIDDEN, unit(0, "hangzhou", condition(0, 0, 49)),
                unit(1, "Shanghai", condition(0, 50, 99)));

        assertThat(router.route("1249")).isEqualTo(new AppActiveRouter.Decision("HANGZHOU", 49, false, null));
        assertThat(router.route("1250").unit()).isEqualTo("SHANGHAI");
        assertThat(router.route("0012").unit()).as("leading zeros").isEqualTo("HANGZHOU");
    }

    @Test
    void readsASignedIdTheWayLongValueOfDoes() {
        AppActiveRouter router = router(100, NO_FORBIDDEN, unit(0, "a", condition(0, 0, 49)),
                unit(1, "b", condition(0, 50, 99)));

        assertThat(router.route("+75")).isEqualTo(new AppActiveRouter.Decision("B", 75, false, null));
        assertThat(router.route("-0")).isEqualTo(new AppActiveRouter.Decision("A", 0, false, null));
        assertThat(router.route("-75")).as("Java's remainder keeps the sign; no range holds -75")
                .isEqualTo(new AppActiveRouter.Decision(null, -75, false, "value -75 is in no unit"));
    }

    @Test
    void refusesIdsThatAreNotNumbersEmptyOrBeyondALong() {
        AppActiveRouter router = router(100, NO_FORBIDDEN, unit(0, "a", condition(0, 0, 99)));

        assertThat(router.route("12a").refusal()).isEqualTo("not a number");
        assertThat(router.route(" 12").refusal()).isEqualTo("not a number");
        assertThat(router.route("\u0661\u0662").refusal()).as("Arabic-Indic digits are not \\d").isEqualTo(
                "not a number");
        assertThat(router.route("-").refusal()).as("the pattern takes a lone sign; Long.valueOf does not")
                .isEqualTo("not a number");
        assertThat(router.route("").refusal()).isEqualTo("the id is empty");
        assertThat(router.route("  ").refusal()).isEqualTo("the id is empty");
        assertThat(router.route("9223372036854775807").unit()).isEqualTo("A");
        assertThat(router.route("9223372036854775808").refusal()).isEqualTo("beyond the range of a long");
    }

    @Test
    void refusesAnIdOutsideEveryRange() {
        AppActiveRouter router = router(100, NO_FORBIDDEN, unit(0, "a", condition(0, 0, 49)));

        assertThat(router.route("160")).isEqualTo(new AppActiveRouter.Decision(null, 60, false,
                "value 60 is in no unit"));
    }

    @Test
    void overlappingUnitsOfEqualPriorityFollowHashMapOrderNotFileOrder() {
        // "B" (hash 66) sits after "A" (hash 65) in a HashMap whatever the order of insertion.
        AppActiveRouter router = router(100, NO_FORBIDDEN, unit(0, "b", condition(0, 0, 99)),
                unit(1, "a", condition(0, 40, 59)));

        assertThat(router.route("50").unit()).isEqualTo("A");
        assertThat(router.route("10").unit()).isEqualTo("B");
    }

    @Test
    void anEarlierConditionIndexWinsOverHashMapOrder() {
        AppActiveRouter router = router(100, NO_FORBIDDEN,
                unit(0, "a", condition(0, 0, 9), condition(1, 40, 59)),
                unit(1, "b", condition(0, 10, 99)));

        assertThat(router.route("50").unit()).as("b's condition 0 before a's condition 1").isEqualTo("B");
        assertThat(router.route("5").unit()).isEqualTo("A");
    }

    @Test
    void marksIdsInTheForbiddenRangesAfterTheModulus() {
        AppActiveRouter router = router(100, List.of(condition(0, 35, 39), condition(1, 95, 99)),
                unit(0, "a", condition(0, 0, 99)));

        assertThat(router.route("1237")).isEqualTo(new AppActiveRouter.Decision("A", 37, true, null));
        assertThat(router.route("1240").forbidden()).isFalse();
        assertThat(router.route("99").forbidden()).isTrue();
        assertThat(router.route("abc").forbidden()).as("refused, so nothing to forbid").isFalse();
    }

    private static AppActiveRouter router(long mod, List<Condition> forbidden, Unit... units) {
        return new AppActiveRouter(new AppActiveRuleSet(Path.of("rules"), mod, List.of(units), forbidden,
                !forbidden.isEmpty(), new IdSource(List.of("header"), "uid"), Optional.empty(), List.of()));
    }

    private static Unit unit(int item, String name, Condition... conditions) {
        return new Unit(item, name, List.of(conditions));
    }

    private static Condition condition(int priority, long from, long to) {
        return new Condition(priority, "@uid", List.of(new ValueRange(from, to)));
    }
}
