/**
 * Helpers of the failover coordinator that depend only on the JDK and unit-router's core types, never on the
 * failover API: shard blocks, placement by free capacity, the journal's YAML, waiting with a deadline. Not
 * API: anything here may change in any release.
 */
package io.unitrouter.core.failover.internal;
