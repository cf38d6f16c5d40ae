/**
 * The data layer's side of failover: {@link io.unitrouter.sharding.failover.DatabaseFence} lets the failover
 * coordinator bump the {@code unit_fence} rows of moving shard groups, and
 * {@link io.unitrouter.sharding.failover.JdbcReplicationProbe} lets it wait until the new owner's replica has
 * caught up. Both implement SPIs of {@code io.unitrouter.core.failover.spi}; see {@code docs/failover.md}.
 */
package io.unitrouter.sharding.failover;
