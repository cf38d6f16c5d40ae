/**
 * Extension points of unit-router.
 *
 * <ul>
 *   <li>{@link io.unitrouter.core.spi.ShardFunction}: a custom key-to-shard mapping. Implement it with a
 *       public no-argument constructor and name it in the rule document as
 *       {@code shard-function: {type: custom, class: com.example.MyFunction}}. It must be pure and
 *       thread-safe.</li>
 *   <li>{@link io.unitrouter.core.spi.RuleStore}: where rule documents live. Implement it to keep rules in
 *       a configuration service of your own. Validate with
 *       {@link io.unitrouter.core.rules.RuleDocuments#parse}, keep the last good document, report invalid ones
 *       through {@link io.unitrouter.core.spi.RuleListener#onRejected}, and make
 *       {@link io.unitrouter.core.spi.RuleStore#compareAndSet} atomic across processes. The tests of
 *       {@code InMemoryRuleStore} and {@code FileRuleStore} show the contract.</li>
 * </ul>
 *
 * <p>Types in this package are stable API for implementers; the {@code internal} package is not.
 */
package io.unitrouter.core.spi;
