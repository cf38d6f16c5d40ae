/**
 * The operator console: a Spring Boot application that shows the topology, the shard map, convergence, the rules
 * and their history, failovers and traffic, and lets an authenticated operator execute, resume and abort failovers
 * and publish rule documents. {@code docs/console.md} is its manual.
 *
 * <ul>
 *   <li>{@code config}: the rule store, the failover setup, security and the console's properties;</li>
 *   <li>{@code rules}: the epochs the console has seen and the differences between two of them;</li>
 *   <li>{@code failover}: operator actions on the failover coordinator, and the audit trail;</li>
 *   <li>{@code traffic}: request counters scraped from the instances;</li>
 *   <li>{@code web}: the JSON API the pages use.</li>
 * </ul>
 */
package io.unitrouter.console;
