package io.unitrouter.core;

import io.unitrouter.core.shard.ShardFunction;

/**
 * Shard functions that rule documents in tests name as {@code {type: custom, class: ...}}. Refer to them
 * with {@code Class#getName()}, which gives the binary name ({@code ...CustomShardFunctions$LastDigits}).
 */
public final class CustomShardFunctions {

    private CustomShardFunctions() {
    }

    /** The key's last two characters as a decimal number, mod the shard count. */
    public static final class LastDigits implements ShardFunction {
        @Override
        public int shardOf(String key, int shards) {
            String tail = key.length() <= 2 ? key : key.substring(key.length() - 2);
            for (int i = 0; i < tail.length(); i++) {
                if (tail.charAt(i) < '0' || tail.charAt(i) > '9') {
                    throw new MalformedKeyException(key, "does not end in digits");
                }
            }
            return Integer.parseInt(tail) % shards;
        }

        @Override
        public String toString() {
            return "last-digits";
        }
    }

    /**
     * The key's last digit, mod the shard count, for decimal keys only: it declares so, and the router then leaves
     * the scan of the key's characters to it.
     */
    public static final class LastDigitOfDecimal implements ShardFunction {
        @Override
        public int shardOf(String key, int shards) {
            for (int i = 0; i < key.length(); i++) {
                if (key.charAt(i) < '0' || key.charAt(i) > '9') {
                    throw new MalformedKeyException(key, "is not decimal");
                }
            }
            return (key.charAt(key.length() - 1) - '0') % shards;
        }

        @Override
        public boolean acceptsOnlyDecimalDigits() {
            return true;
        }

        @Override
        public String toString() {
            return "last-digit-of-decimal";
        }
    }

    /** Broken on purpose: always answers {@code shards}, one past the last shard. */
    public static final class OnePastTheEnd implements ShardFunction {
        @Override
        public int shardOf(String key, int shards) {
            return shards;
        }

        @Override
        public String toString() {
            return "one-past-the-end";
        }
    }

    /** Broken on purpose: always answers {@code -1}. */
    public static final class MinusOne implements ShardFunction {
        @Override
        public int shardOf(String key, int shards) {
            return -1;
        }

        @Override
        public String toString() {
            return "minus-one";
        }
    }

    /** Not a shard function at all. */
    public static final class NotAFunction {
    }

    /** A shard function whose constructor fails. */
    public static final class FailsToConstruct implements ShardFunction {
        public FailsToConstruct() {
            throw new IllegalStateException("no shard map configured");
        }

        @Override
        public int shardOf(String key, int shards) {
            return 0;
        }
    }

    /** A shard function whose only constructor takes an argument. */
    public static final class NeedsArgument implements ShardFunction {
        private final int offset;

        public NeedsArgument(int offset) {
            this.offset = offset;
        }

        @Override
        public int shardOf(String key, int shards) {
            return offset % shards;
        }
    }
}
