/**
 * The value types that every other package of unit-router shares: cells, cities, topology, shard ranges,
 * scopes, accesses, route decisions, the syntax of routing keys, and {@link io.unitrouter.core.UnitRouterException}
 * with its subclass for malformed keys. This package depends on none of the others; the router itself is in
 * {@code io.unitrouter.core.routing}, shard functions are in {@code io.unitrouter.core.shard}, rule documents
 * in {@code io.unitrouter.core.rules}.
 */
package io.unitrouter.core;
