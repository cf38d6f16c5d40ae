/**
 * The multi-cell sample bank. Filled in once the starter, gateway filter and data layer exist.
 */
package io.unitrouter.sample;
