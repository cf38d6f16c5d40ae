/**
 * Implementation details. Not API: anything here may change in any release. Integrations use the
 * {@code io.unitrouter.core} packages and {@code io.unitrouter.core.spi} only.
 */
package io.unitrouter.core.internal;
