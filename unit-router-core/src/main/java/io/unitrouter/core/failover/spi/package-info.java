/**
 * Extension points of the failover coordinator. Implement them to connect it to your databases, your
 * replication and your health checks; the types here depend only on unit-router's core types, never on the
 * coordinator itself.
 *
 * <ul>
 *   <li>{@link io.unitrouter.core.failover.spi.Fence}: bumps the database fences of moving shards.
 *       {@code data-sharding} provides one over its {@code Fences}. Declare {@code shardGroups()} so that the
 *       planner moves whole groups. {@code bump} must be idempotent and durable before it returns.</li>
 *   <li>{@link io.unitrouter.core.failover.spi.ReplicationProbe}: waits until the new owner's copy of the
 *       shards has caught up. {@link io.unitrouter.core.failover.spi.ReplicationProbe#none()} does not wait;
 *       {@code data-sharding} has a JDBC probe that writes a heartbeat row on the old primary and reads it on
 *       the replica. Throw, naming what lags, when the timeout passes.</li>
 *   <li>{@link io.unitrouter.core.failover.spi.FailoverJournal}: one text with compare-and-set, kept next
 *       to the rule document. Make {@code replace} atomic across processes (a lock, a version compare, the
 *       configuration server's CAS) and durable. {@code io.unitrouter.core.store} has in-memory and file
 *       journals; the starter has one for Nacos.</li>
 *   <li>{@link io.unitrouter.core.failover.spi.HealthProbe}: answers whether a cell is alive, for the health
 *       monitor. Return quickly; an exception counts as a failed probe.</li>
 * </ul>
 *
 * <p>Types in this package are stable API for implementers.
 */
package io.unitrouter.core.failover.spi;
