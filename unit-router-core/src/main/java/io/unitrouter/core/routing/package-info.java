/**
 * The router: {@link io.unitrouter.core.routing.UnitRouter}, which hands out route decisions against the rules
 * in force and follows a rule store, and {@link io.unitrouter.core.routing.RoutingTable}, the rules of one epoch
 * compiled for lookups. The router's implementation is package-private here: build a router with
 * {@link io.unitrouter.core.routing.UnitRouter#builder()}.
 */
package io.unitrouter.core.routing;
