package io.unitrouter.console.web;

import io.unitrouter.core.Cell;
import io.unitrouter.core.failover.CellLoad;
import io.unitrouter.core.failover.FailoverPlan;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A failover plan as the failover page previews it.
 *
 * @param event the event, e.g. {@code dc-down:hz1}
 * @param checksum the plan's checksum: what the operator confirms
 * @param baseEpoch the epoch it was planned on
 * @param freezeEpoch the freeze epoch, {@code -1} when no shard moves
 * @param switchEpoch the epoch that publishes the target
 * @param moves shards that change owner
 * @param movingShards every moving shard, ascending
 * @param gZonePromotion the change of the active GZone, or {@code null}
 * @param cityReadRedirects cities whose global reads go elsewhere, e.g. {@code hz: czhz -> gz02}
 * @param offlined cells taken out of service
 * @param onlined cells put back into service
 * @param loads every RZone's shards before and after, against its capacity
 * @param targetOwners the owner of every shard after the plan
 * @param colours colour index by cell id
 * @param describe the plan as readable lines
 */
record PlanView(String event, String checksum, long baseEpoch, long freezeEpoch, long switchEpoch, List<Move> moves,
        int[] movingShards, Promotion gZonePromotion, List<String> cityReadRedirects, List<String> offlined,
        List<String> onlined, List<Load> loads, List<String> targetOwners, Map<String, Integer> colours,
        List<String> describe) {

    /** One range of shards that changes owner. */
    record Move(String shards, String from, String to, int count) {
    }

    /** A change of the active GZone. */
    record Promotion(String from, String to) {
    }

    /**
     * One RZone's load.
     *
     * @param capacity its capacity, or {@code null} when unlimited
     * @param freeAfter capacity left after the plan, or {@code null} when unlimited
     */
    record Load(String cell, int before, int after, Integer capacity, Integer freeAfter, boolean offline,
            boolean receives) {
    }

    static PlanView of(FailoverPlan plan) {
        return new PlanView(plan.event().toString(), plan.checksum(), plan.baseEpoch(), plan.freezeEpoch(),
                plan.switchEpoch(),
                plan.moves().stream().map(m -> new Move(m.shards().toString(), m.from(), m.to(), m.shards().size()))
                        .toList(),
                plan.movingShards(),
                plan.gZonePromotion().map(p -> new Promotion(p.from(), p.to())).orElse(null),
                plan.cityReadRedirects().stream().map(Object::toString).toList(), plan.offlined(), plan.onlined(),
                plan.loads().stream().map(PlanView::load).toList(), Arrays.asList(plan.target().owners()),
                CellColours.of(plan.target().topology()), plan.describe());
    }

    private static Load load(CellLoad load) {
        boolean unlimited = load.capacity() == Cell.UNLIMITED;
        return new Load(load.cell(), load.before(), load.after(), unlimited ? null : load.capacity(),
                unlimited ? null : load.freeAfter(), load.offline(), load.receives());
    }
}
