/**
 * Spring Cloud Gateway integration. Filled in by the gateway work; see docs/ for status.
 */
package io.unitrouter.gateway;
