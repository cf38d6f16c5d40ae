/**
 * Implementation details of the data layer: JDBC wrappers for the write guard and the fence, the SQL
 * scanner, and the ShardingSphere configuration. Not an API; may change in any release.
 */
package io.unitrouter.sharding.internal;
