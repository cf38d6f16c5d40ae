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
 * </ul>
 *
 * <p>{@code docs/failover.md} describes the protocol and is the runbook. Types in this package are API;
 * package-private classes here implement it, and {@code internal} holds helpers that know nothing of it.
 */
package io.unitrouter.core.failover;
