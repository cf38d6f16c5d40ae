/**
 * How a routing key maps to a shard: the {@link io.unitrouter.core.shard.ShardFunction} interface and the
 * built-in functions, {@code mod}, {@code digits} and {@code hash}, obtained from
 * {@link io.unitrouter.core.shard.ShardFunctions}. The classes of the built-ins are not visible outside this
 * package.
 *
 * <p>{@code ShardFunction} is an extension point. To map keys to shards in a way of your own, implement it in a
 * public class with a public no-argument constructor and name that class in the rule document as
 * {@code shard-function: {type: custom, class: com.example.MyFunction}}. It must be pure and thread-safe and must
 * never change its answer for a running system. Override
 * {@link io.unitrouter.core.shard.ShardFunction#acceptsOnlyDecimalDigits()} only if the function refuses every
 * key with a character other than a decimal digit.
 *
 * <p>This package uses only the value types of {@code io.unitrouter.core}.
 */
package io.unitrouter.core.shard;
