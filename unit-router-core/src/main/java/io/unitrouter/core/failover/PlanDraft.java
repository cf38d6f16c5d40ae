package io.unitrouter.core.failover;

import io.unitrouter.core.Cell;
import io.unitrouter.core.CellKind;
import io.unitrouter.core.ShardRange;
import io.unitrouter.core.failover.internal.ShardBlocks;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The target document of a plan while it is being worked out: owners, homes, frozen shards, cells taken
 * offline or back online, the active GZone and overrides dropped. Each event's planning edits one, then
 * {@link #toPlan()} builds the target and describes it.
 *
 * <p>Not thread-safe: one per planning call.
 */
final class PlanDraft {

    private final FailoverEvent event;
    private final RuleDocument base;
    private final ShardBlocks blocks;
    private final String[] owners;
    private final String[] homes;
    private final Set<String> offline = new LinkedHashSet<>();
    private final Set<String> online = new LinkedHashSet<>();
    private String activeGZone;

    PlanDraft(FailoverEvent event, RuleDocument base, ShardBlocks blocks) {
        this.event = event;
        this.base = base;
        this.blocks = blocks;
        this.owners = base.owners();
        this.homes = new String[base.shards()];
        for (int s = 0; s < homes.length; s++) {
            homes[s] = base.homeOf(s);
        }
    }

    FailoverEvent event() {
        return event;
    }

    RuleDocument base() {
        return base;
    }

    ShardBlocks blocks() {
        return blocks;
    }

    String owner(int shard) {
        return owners[shard];
    }

    /** How many shards a cell owns in the draft. */
    int load(String cell) {
        return (int) IntStream.range(0, owners.length).filter(s -> owners[s].equals(cell)).count();
    }

    /**
     * Moves a block to a cell.
     *
     * @param block the block
     * @param to the new owner
     * @param keepHome {@code true} to remember each shard's home (a temporary move, undone by a switchback);
     *     {@code false} to make {@code to} their home (a permanent move)
     */
    void move(int block, String to, boolean keepHome) {
        ShardRange range = blocks.range(block);
        for (int s = range.from(); s <= range.to(); s++) {
            owners[s] = to;
            if (!keepHome) {
                homes[s] = to;
            }
        }
    }

    void takeOffline(String cell) {
        if (!base.isOffline(cell)) {
            offline.add(cell);
        }
    }

    void bringOnline(String cell) {
        if (base.isOffline(cell)) {
            online.add(cell);
        }
    }

    boolean isOnlineAfter(String cell) {
        return !offline.contains(cell) && (!base.isOffline(cell) || online.contains(cell));
    }

    void promote(String gZone) {
        activeGZone = gZone;
    }

    /** The one owner of a block in the base document, or a refusal naming the owners. */
    String singleOwner(int block) {
        ShardRange range = blocks.range(block);
        Set<String> found = new LinkedHashSet<>();
        for (int s = range.from(); s <= range.to(); s++) {
            found.add(base.ownerOf(s));
        }
        if (found.size() > 1) {
            throw refused(blocks.describe(block) + " is owned by " + String.join(" and ", found) + "; shards move in"
                    + " whole groups of " + blocks.size() + ", so every group must have one owner",
                    Map.of("block", block));
        }
        return found.iterator().next();
    }

    /** The RZones that are online after the draft's changes, in declaration order. */
    List<Cell> onlineRZones() {
        return base.topology().cells(CellKind.RZONE).stream().filter(c -> isOnlineAfter(c.id())).toList();
    }

    /** A refusal reading {@code <event>: <problem>}. */
    PlanRefusedException refused(String problem, Map<String, ?> context) {
        return refusal(event + ": " + problem, context);
    }

    /**
     * A capacity refusal reading {@code <event> needs <needed> shards of free capacity, <who> have <available>
     * (<cell> <free>, ...)}.
     */
    PlanRefusedException shortfall(String needsSentence, int needed, long available) {
        return refusal(event + " " + needsSentence, Map.of("needed", needed, "available", available));
    }

    private PlanRefusedException refusal(String message, Map<String, ?> context) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("event", event.toString());
        all.putAll(context);
        return new PlanRefusedException(message, all);
    }

    /** Builds the target, two epochs on when shards move (one for the freeze), and describes the plan. */
    FailoverPlan toPlan() {
        boolean moves = IntStream.range(0, owners.length).anyMatch(s -> !owners[s].equals(base.ownerOf(s)));
        RuleDocument.Builder builder = base.toBuilder().epoch(base.epoch() + (moves ? 2 : 1)).owners(owners)
                .homes(homes);
        int[] movingShards = IntStream.range(0, owners.length).filter(s -> !owners[s].equals(base.ownerOf(s)))
                .toArray();
        Set<Integer> moving = IntStream.of(movingShards).boxed().collect(Collectors.toSet());
        builder.frozen(IntStream.range(0, owners.length).filter(s -> base.isFrozen(s) && !moving.contains(s))
                .toArray());
        offline.forEach(builder::markOffline);
        online.forEach(builder::markOnline);
        if (activeGZone != null) {
            builder.activeGZone(activeGZone);
        }
        keepOverridesToOnlineCells(builder);
        RuleDocument target;
        try {
            target = builder.build();
        } catch (RuleValidationException e) {
            throw refused("the resulting document would be invalid: " + String.join("; ", e.errors()),
                    Map.of("errors", e.errors()));
        }
        return FailoverPlan.of(event, base, target);
    }

    private void keepOverridesToOnlineCells(RuleDocument.Builder builder) {
        List<RuleDocument.RouteOverride> kept = new ArrayList<>();
        for (RuleDocument.RouteOverride override : base.overrides()) {
            if (isOnlineAfter(override.cell())) {
                kept.add(override);
            }
        }
        if (kept.size() == base.overrides().size()) {
            return;
        }
        builder.clearOverrides();
        for (RuleDocument.RouteOverride override : kept) {
            if (!override.keys().isEmpty()) {
                builder.overrideKeys(override.keys(), override.cell());
            }
            if (!override.shards().isEmpty()) {
                builder.overrideShards(override.shards().stream().map(ShardRange::toString)
                        .collect(Collectors.joining(",")), override.cell());
            }
        }
    }
}
