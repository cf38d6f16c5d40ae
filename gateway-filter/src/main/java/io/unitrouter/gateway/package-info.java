/**
 * Spring Cloud Gateway (server-webflux) integration: every request goes to the cell that owns its routing key.
 *
 * <ul>
 *   <li>{@link io.unitrouter.gateway.RoutingHeaderStripWebFilter} removes routing headers ({@code X-Unit-*})
 *       that arrive from outside, before anything reads them.</li>
 *   <li>{@link io.unitrouter.gateway.UnitRouteGatewayFilterFactory} ({@code UnitRoute} in route definitions)
 *       and {@link io.unitrouter.gateway.UnitRouteGlobalFilter} extract the routing key, decide the target cell,
 *       hold writes to frozen shards until the next epoch, write fresh (signed) routing headers and point the
 *       request at the cell: a base URL per cell, or the cell's instances of an {@code lb://} service.</li>
 * </ul>
 *
 * <p>See {@code docs/gateway.md} for configuration and semantics.
 */
package io.unitrouter.gateway;
