package io.unitrouter.core.failover;

import io.unitrouter.core.Cell;
import io.unitrouter.core.ShardRange;
import io.unitrouter.core.rules.RuleDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Renders a {@link FailoverPlan} as the lines an operator reads before executing it. */
final class PlanText {

    private static final int LABEL_WIDTH = 16;

    private PlanText() {
    }

    static List<String> describe(FailoverPlan plan) {
        List<String> lines = new ArrayList<>();
        lines.add(field("plan", plan.checksum() + " for " + plan.event()));
        lines.add(field("base", "epoch " + plan.baseEpoch() + " (checksum " + plan.baseChecksum() + ")"));
        lines.add(field("target", "epoch " + plan.switchEpoch() + " (checksum " + plan.targetChecksum() + ")"));
        lines.add(field("phases", plan.movesShards()
                ? "freeze at epoch " + plan.freezeEpoch() + ", fences to epoch " + plan.switchEpoch()
                        + ", switch at epoch " + plan.switchEpoch()
                : "no shard moves: switch at epoch " + plan.switchEpoch()));
        int moved = plan.movingShards().length;
        lines.add(field("moves", moved == 0 ? "none" : moved + (moved == 1 ? " shard" : " shards")));
        plan.moves().forEach(move -> lines.add("  " + move));
        lines.add(field("offline", names(plan.offlined())));
        if (!plan.onlined().isEmpty()) {
            lines.add(field("online", names(plan.onlined())));
        }
        lines.add(field("active GZone", plan.gZonePromotion().map(GZonePromotion::toString)
                .orElse(plan.target().topology().activeGZone().map(Cell::id).orElse("none") + " (unchanged)")));
        lines.add(field("city reads", plan.cityReadRedirects().isEmpty() ? "unchanged"
                : plan.cityReadRedirects().stream().map(CityReadRedirect::toString).collect(Collectors.joining(", "))));
        lines.add(field("homes", homes(plan.target())));
        if (plan.base().overrides().size() != plan.target().overrides().size()) {
            lines.add(field("overrides", plan.base().overrides().size() + " -> " + plan.target().overrides().size()
                    + " entries (overrides to cells taken offline are dropped)"));
        }
        lines.add("load (shards owned before -> after, of capacity):");
        for (CellLoad load : plan.loads()) {
            lines.add(String.format("  %-8s %5d -> %-5d of %s%s%s", load.cell(), load.before(), load.after(),
                    load.capacityText(), load.receives() ? ", receives " + (load.after() - load.before()) : "",
                    load.offline() ? " (offline)" : ""));
        }
        return List.copyOf(lines);
    }

    private static String homes(RuleDocument target) {
        if (target.homes().isEmpty()) {
            return "every shard is at home";
        }
        return target.homes().stream()
                .map(h -> h.shards().stream().map(ShardRange::toString).collect(Collectors.joining(",")) + " -> "
                        + h.cell())
                .collect(Collectors.joining(", ")) + " (where shards return on a switchback)";
    }

    private static String names(List<String> cells) {
        return cells.isEmpty() ? "none" : String.join(", ", cells);
    }

    private static String field(String label, String value) {
        return String.format("%-" + LABEL_WIDTH + "s%s", label + ":", value);
    }
}
