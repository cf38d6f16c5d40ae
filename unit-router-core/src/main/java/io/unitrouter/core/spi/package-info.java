/**
 * Extension points of unit-router.
 *
 * <ul>
 *   <li>{@link io.unitrouter.core.spi.RuleStore}: where rule documents live. Implement it to keep rules in
 *       a configuration service of your own. Validate with
 *       {@link io.unitrouter.core.rules.RuleDocuments#parse}, keep the last good document, report invalid ones
 *       through {@link io.unitrouter.core.spi.RuleListener#onRejected}, and make
 *       {@link io.unitrouter.core.spi.RuleStore#compareAndSet} atomic across processes. The tests of
 *       {@code InMemoryRuleStore} and {@code FileRuleStore} show the contract. Report a failure of your
 *       backing store as a {@link io.unitrouter.core.spi.RuleStoreException}.</li>
 * </ul>
 *
 * <p>A custom shard function is the other extension point; it lives with the built-in functions in
 * {@code io.unitrouter.core.shard}.
 *
 * <p>Types in this package are stable API for implementers.
 */
package io.unitrouter.core.spi;
