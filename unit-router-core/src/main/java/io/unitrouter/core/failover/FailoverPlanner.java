package io.unitrouter.core.failover;

import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.rules.RuleDocument;

/**
 * Works out a {@link FailoverPlan} for an event on the document in force. A pure function: the same
 * document and event always give the same plan (same checksum), and nothing is read or written anywhere.
 *
 * <table>
 *   <caption>What each event plans</caption>
 *   <tr><th>event</th><th>plan</th></tr>
 *   <tr><td>{@code cell-down:X}, {@code dc-down:X}, {@code city-down:X}, {@code drain:X}</td>
 *       <td>the cells of X go offline; their shards move to surviving online RZones: the same data center
 *       first, then the other data centers of the city, then the city's {@code failover-to} cities in order
 *       (or every other city when it lists none), spread by free capacity; each moved shard records its home;
 *       a lost active GZone is replaced by its standby; overrides to lost cells are dropped, and a lost CZone's
 *       city reads go to the active GZone</td></tr>
 *   <tr><td>{@code switchback:X}</td><td>the cells of X come back online and the shards whose home is there
 *       return; the GZone of X becomes active again if the active one is its standby</td></tr>
 *   <tr><td>{@code rebalance}</td><td>shards even out over the online RZones by capacity; the moves are
 *       permanent (new homes)</td></tr>
 *   <tr><td>{@code move:SHARDS:CELL}</td><td>the shards move to CELL, keeping their homes</td></tr>
 * </table>
 *
 * <p>With {@link Builder#shardGroups(int) shard groups} set, shards move only in whole groups, as the
 * database fence requires. A plan never targets an offline or lost cell and never fills a cell beyond its
 * capacity; when it cannot, {@link #plan} refuses and names the shortfall.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface FailoverPlanner {

    /** A builder; see {@link Builder} for the defaults. */
    static Builder builder() {
        return new Builder();
    }

    /** A planner with the defaults: every shard may move on its own. */
    static FailoverPlanner defaults() {
        return builder().build();
    }

    /**
     * Plans an event.
     *
     * @param inForce the document in force
     * @param event what happened or what the operator wants
     * @return the plan, whose target document is at {@code inForce.epoch() + 2} when shards move, else
     *     {@code + 1}
     * @throws PlanRefusedException if no safe plan exists, naming why (for example the capacity shortfall)
     * @throws UnitRouterException if the shard count cannot be split into the configured shard groups
     */
    FailoverPlan plan(RuleDocument inForce, FailoverEvent event);

    /** The shard groups shards move in; {@code 0} when every shard moves on its own. */
    int shardGroups();

    /**
     * Options of a {@link FailoverPlanner}.
     *
     * <p>Not thread-safe.
     */
    final class Builder {

        private int shardGroups;

        private Builder() {
        }

        /**
         * Moves shards only in whole groups of {@code shards / groups} consecutive shards (group {@code g} holds
         * shards {@code g * size .. g * size + size - 1}), as {@code data-sharding}'s {@code ShardLayout} and the
         * database fence need. Use the layout's {@code groups()}.
         *
         * @param groups {@code >= 1}, dividing the documents' shard count; or {@code 0} (the default) for one
         *     shard per group
         * @throws IllegalArgumentException if negative
         */
        public Builder shardGroups(int groups) {
            if (groups < 0) {
                throw new IllegalArgumentException("shard groups must be >= 0, was " + groups);
            }
            this.shardGroups = groups;
            return this;
        }

        /** Builds the planner. */
        public FailoverPlanner build() {
            return new DefaultFailoverPlanner(shardGroups);
        }
    }
}
