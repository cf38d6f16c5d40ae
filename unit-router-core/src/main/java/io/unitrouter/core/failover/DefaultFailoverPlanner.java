package io.unitrouter.core.failover;

import io.unitrouter.core.failover.internal.ShardBlocks;
import io.unitrouter.core.rules.RuleDocument;
import java.util.Map;
import java.util.Objects;

/** The {@link FailoverPlanner} that {@link FailoverPlanner#builder()} builds: dispatches on the event's kind. */
final class DefaultFailoverPlanner implements FailoverPlanner {

    private final int shardGroups;

    DefaultFailoverPlanner(int shardGroups) {
        this.shardGroups = shardGroups;
    }

    @Override
    public FailoverPlan plan(RuleDocument inForce, FailoverEvent event) {
        Objects.requireNonNull(inForce, "inForce");
        Objects.requireNonNull(event, "event");
        PlanDraft draft = new PlanDraft(event, inForce, ShardBlocks.of(inForce.shards(), shardGroups));
        return switch (event.kind()) {
            case CELL_DOWN -> LossPlanning.plan(draft, scope(draft, EventScope.Level.CELL));
            case DC_DOWN -> LossPlanning.plan(draft, scope(draft, EventScope.Level.DATA_CENTER));
            case CITY_DOWN -> LossPlanning.plan(draft, scope(draft, EventScope.Level.CITY));
            case DRAIN -> LossPlanning.plan(draft, scope(draft, EventScope.Level.ANY));
            case SWITCHBACK -> ReturnPlanning.plan(draft, scope(draft, EventScope.Level.ANY));
            case REBALANCE -> RebalancePlanning.plan(draft);
            case MOVE -> MovePlanning.plan(draft);
            case REVERT -> throw new PlanRefusedException(event + ": a revert is planned by"
                    + " FailoverCoordinator.reversePlan(run), which reads the owners before the run from its journal",
                    Map.of("event", event.toString()));
        };
    }

    private static EventScope scope(PlanDraft draft, EventScope.Level level) {
        return EventScope.resolve(draft.event(), draft.base().topology(), level);
    }

    @Override
    public int shardGroups() {
        return shardGroups;
    }

    @Override
    public String toString() {
        return "FailoverPlanner[shardGroups=" + (shardGroups == 0 ? "one per shard" : shardGroups) + "]";
    }
}
