package io.unitrouter.console.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrouter.core.TestRules;
import io.unitrouter.core.failover.FailoverEvent;
import io.unitrouter.core.failover.FailoverPlan;
import io.unitrouter.core.failover.FailoverPlanner;
import io.unitrouter.core.rules.RuleDocument;
import org.junit.jupiter.api.Test;

class RuleComparisonTest {

    private final RuleDocument base = TestRules.threeCities();

    @Test
    void aDataCenterLossShowsTheMovesTheGZoneTheOfflineCellsAndTheNewHomes() {
        FailoverPlan plan = FailoverPlanner.defaults().plan(base, FailoverEvent.parse("dc-down:hz1"));

        RuleComparison diff = RuleComparison.between(base, plan.target());

        assertThat(diff.moves()).containsExactly(new RuleComparison.Change("0-19", "rz01", "rz02", 20));
        assertThat(diff.offlined()).containsExactly("rz01", "gz01");
        assertThat(diff.changes()).contains("active GZone gz01 -> gz02");
        assertThat(diff.homeChanges()).isEmpty();
        assertThat(diff.lines()).anyMatch(l -> l.op().equals("+") && l.text().contains("offline"));
        assertThat(diff.fromEpoch()).isEqualTo(42);
        assertThat(diff.toEpoch()).isEqualTo(44);
    }

    @Test
    void aFreezeIsListedAsFrozenShardsAndTheThawAsUnfrozen() {
        RuleDocument frozen = base.toBuilder().epoch(43).freeze("20-29").build();

        assertThat(RuleComparison.between(base, frozen).frozen()).containsExactly("20-29");
        assertThat(RuleComparison.between(frozen, base).unfrozen()).containsExactly("20-29");
        assertThat(RuleComparison.between(base, frozen).moves()).isEmpty();
    }

    @Test
    void theSameDocumentHasOnlyUnchangedLines() {
        RuleComparison diff = RuleComparison.between(base, base);

        assertThat(diff.lines()).allMatch(l -> l.op().equals(" "));
        assertThat(diff.changes()).isEmpty();
    }

    @Test
    void theLineDiffKeepsCommonLinesAndMarksTheRest() {
        assertThat(LineDiff.of("a\nb\nc", "a\nx\nc")).extracting(l -> l.op() + l.text())
                .containsExactly(" a", "-b", "+x", " c");
        assertThatThrownBy(() -> LineDiff.of("x\n".repeat(LineDiff.MAX_LINES + 1), ""))
                .hasMessageContaining("at most " + LineDiff.MAX_LINES + " lines");
    }
}
