/**
 * The data layer of unit-router: Apache ShardingSphere-JDBC over the physical databases of a cell, with
 * a sharding algorithm that follows the live routing table, a write guard that refuses writes to shards
 * this cell does not own (or that are frozen) before they reach the database, and an optional fence row
 * per shard group that makes the database itself refuse a stale owner.
 *
 * <p>Start with {@link io.unitrouter.sharding.UnitShardingDataSource#builder()}; the layout is described by
 * {@link io.unitrouter.sharding.ShardLayout}, the fences are managed through
 * {@link io.unitrouter.sharding.Fences} (and, in {@link io.unitrouter.sharding.FenceMode#TRIGGER}, their
 * triggers through {@link io.unitrouter.sharding.FenceTriggers}), and refusals are {@link io.unitrouter.sharding.ShardAccessRefusedException}s.
 * The ShardingSphere extensions live in {@link io.unitrouter.sharding.shardingsphere}. See
 * {@code docs/data-sharding.md}.
 */
package io.unitrouter.sharding;
