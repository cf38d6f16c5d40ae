/**
 * Failover coordination: moving shard ownership between cells without two cells ever writing one shard.
 *
 * <ul>
 *   <li>{@link io.unitrouter.core.failover.FailoverEvent}: what happened or what the operator wants, read from
 *       text such as {@code city-down:sh}.</li>
 *   <li>{@link io.unitrouter.core.failover.FailoverPlanner}: a pure function from the document in force and an
 *       event to a {@link io.unitrouter.core.failover.FailoverPlan} (moves, GZone promotion, city read redirects,
 *       loads against capacity, the target document, a readable description and a checksum), or a
 *       {@link io.unitrouter.core.failover.PlanRefusedException} naming the shortfall.</li>
 *   <li>{@link io.unitrouter.core.failover.FailoverCoordinator}: carries plans out in journaled, idempotent
 *       phases (freeze, barrier, fence, catch-up, switch, verify), resumes or aborts a run that stopped, and
 *       refuses any document that would leave a shard unowned or unfreeze it before its fence is bumped. Its
 *       runs are {@link io.unitrouter.core.failover.FailoverRun}s; progress goes to
 *       {@link io.unitrouter.core.failover.FailoverListener}s.</li>
 *   <li>{@link io.unitrouter.core.failover.Liveness} and {@link io.unitrouter.core.failover.Convergence}: which
 *       instances are alive (by the heartbeat of their applied-epoch reports) and which epoch each applied.</li>
 *   <li>{@link io.unitrouter.core.failover.HealthMonitor}: failure detection that proposes plans.</li>
 * </ul>
 *
 * <p>The extension points (fence, replication probe, journal, health probe) are in
 * {@code io.unitrouter.core.failover.spi}. {@code docs/failover.md} describes the protocol and is the runbook.
 *
 * <p>Types in this package are API. The package-private classes here implement it; {@code internal} holds
 * helpers that know nothing of it, so that the failover packages depend on each other in one direction only:
 * this package uses {@code spi} and {@code internal}, and neither uses this package.
 */
package io.unitrouter.core.failover;
