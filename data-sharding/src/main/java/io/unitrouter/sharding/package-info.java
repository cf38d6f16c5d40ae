/**
 * Apache ShardingSphere integration. Filled in by the data-layer work; see docs/ for status.
 */
package io.unitrouter.sharding;
