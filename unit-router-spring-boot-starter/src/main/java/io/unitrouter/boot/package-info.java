/**
 * Spring Boot auto-configuration. Filled in by the RPC-layer work; see docs/ for status.
 */
package io.unitrouter.boot;
