/**
 * The ShardingSphere extensions of unit-router, registered as SPI services: the sharding algorithm
 * {@code UNIT_ROUTER} ({@link io.unitrouter.sharding.shardingsphere.UnitShardingAlgorithm}) and the
 * write-guard auditor {@code UNIT_ROUTER_GUARD}
 * ({@link io.unitrouter.sharding.shardingsphere.UnitGuardAuditAlgorithm}). ShardingSphere creates them from
 * their type names and properties; see {@code docs/data-sharding.md}.
 */
package io.unitrouter.sharding.shardingsphere;
