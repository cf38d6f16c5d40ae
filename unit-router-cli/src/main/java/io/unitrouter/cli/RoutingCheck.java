package io.unitrouter.cli;

import io.unitrouter.core.Access;
import io.unitrouter.core.MalformedKeyException;
import io.unitrouter.core.RouteDecision;
import io.unitrouter.core.RoutingKeys;
import io.unitrouter.core.routing.UnitRouter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Routes ids through the model of AppActive and through the imported document, and reports every id on
 * which they disagree. They agree on an id when both send it to the same cell with the same write state
 * (write-forbidden in AppActive, frozen in unit-router), or when both refuse it. Values that several
 * AppActive units claim have no equivalent; the report names them, and the ids that fall there.
 *
 * @param lines the report, for stdout
 * @param agrees whether every id agrees and nothing lacks an equivalent
 */
record RoutingCheck(List<String> lines, boolean agrees) {

    /** How many ids of a contested stretch of values the report quotes. */
    private static final int QUOTED_KEYS = 5;

    static RoutingCheck run(AppActiveRouter appActive, ImportedRules imported, ValueCoverage coverage,
            CheckKeys keys) {
        int same = 0;
        int bothRefuse = 0;
        List<String> differences = new ArrayList<>();
        List<ValueCoverage.Region> overlaps = coverage.overlaps();
        Map<ValueCoverage.Region, List<String>> contested = new LinkedHashMap<>();
        overlaps.forEach(region -> contested.put(region, new ArrayList<>()));
        // A fixed instance id: the default looks up the host name, which a one-shot check does not need.
        try (UnitRouter router = UnitRouter.builder().rules(imported.standIn()).instanceId("unit-router-cli")
                .build()) {
            for (String key : keys.keys()) {
                AppActiveRouter.Decision expected = appActive.route(key);
                RouteDecision actual;
                String refusal = null;
                try {
                    actual = router.route(key, Access.WRITE);
                } catch (MalformedKeyException e) {
                    actual = null;
                    refusal = e.getMessage();
                }
                if (!expected.routed() && actual == null) {
                    bothRefuse++;
                } else if (expected.routed() && actual != null
                        && actual.target().id().equals(imported.rZoneOf(expected.unit()))
                        && expected.forbidden() == actual.frozen()) {
                    same++;
                } else {
                    differences.add("  key " + RoutingKeys.quote(key) + ": AppActive " + describe(expected)
                            + "; unit-router " + (actual == null ? "refused (" + refusal + ")" : describe(actual)));
                }
                if (expected.routed() && coverage.contested(expected.value())) {
                    overlaps.stream().filter(r -> r.values().contains((int) expected.value())).findFirst()
                            .ifPresent(region -> contested.get(region).add(key));
                }
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(Text.field("ids", keys.keys().size() + ", from " + keys.origin()));
        lines.add(Text.field("same cell", same));
        lines.add(Text.field("both refuse", bothRefuse));
        lines.add(Text.field("different", differences.size()));
        lines.addAll(differences);
        if (!overlaps.isEmpty()) {
            lines.add(Text.field("no equivalent", overlaps.size()));
            List<String> problems = coverage.overlapProblems(appActive);
            for (int i = 0; i < overlaps.size(); i++) {
                lines.add("  " + problems.get(i) + " (" + quoted(contested.get(overlaps.get(i))) + ")");
            }
        }
        boolean agrees = differences.isEmpty() && overlaps.isEmpty();
        lines.add(Text.field("result", agrees ? "routing agrees" : "routing differs"));
        return new RoutingCheck(lines, agrees);
    }

    private static String describe(AppActiveRouter.Decision decision) {
        if (!decision.routed()) {
            return "refused (" + decision.refusal() + ")";
        }
        return "unit " + decision.unit() + " (value " + decision.value()
                + (decision.forbidden() ? ", write-forbidden" : "") + ")";
    }

    private static String describe(RouteDecision decision) {
        return "cell " + decision.target().id() + " (shard " + decision.shard()
                + (decision.frozen() ? ", frozen" : "") + ")";
    }

    private static String quoted(List<String> keys) {
        if (keys.isEmpty()) {
            return "none of the ids checked";
        }
        String shown = keys.stream().limit(QUOTED_KEYS).map(RoutingKeys::quote).collect(Collectors.joining(", "));
        return keys.size() + (keys.size() == 1 ? " id checked: " : " ids checked: ") + shown
                + (keys.size() > QUOTED_KEYS ? ", ..." : "");
    }
}
