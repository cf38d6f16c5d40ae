package io.unitrouter.benchmarks.rules;

import io.unitrouter.core.CellKind;
import io.unitrouter.core.rules.RuleDocument;
import java.util.ArrayList;
import java.util.List;

/**
 * The rule documents of the "Rules at scale" benchmarks: one topology (three cities, five RZones, a GZone pair
 * and a CZone), with shard counts, routing fragmentation, frozen fragments and key overrides varied one at a
 * time. Every shape is built the same way on every run, so figures compare across runs.
 */
public final class RuleShapes {

    /** The RZones, which own shards round-robin by routing entry. */
    static final String[] RZONES = {"rz01", "rz02", "rz03", "rz04", "rz05"};

    /** The shape names, as {@code @Param} values and harness options. */
    public static final String TEN_K = "10k-shards-5-ranges";
    public static final String HUNDRED_K = "100k-shards-1000-ranges";
    public static final String FROZEN_1K = "100k-shards-1000-frozen";
    public static final String FROZEN_10K = "100k-shards-10000-frozen";
    public static final String RANGES_100K = "100k-shards-100000-ranges";
    public static final String KEYS_100K = "10k-shards-100000-keys";

    private RuleShapes() {
    }

    /**
     * The document of a shape.
     *
     * @param shape one of the constants of this class
     * @return the document, epoch 1
     * @throws IllegalArgumentException for an unknown shape
     */
    public static RuleDocument document(String shape) {
        switch (shape) {
            case TEN_K:
                return build(10_000, 5, 0, 0);
            case HUNDRED_K:
                return build(100_000, 1_000, 0, 0);
            case FROZEN_1K:
                return build(100_000, 1_000, 1_000, 0);
            case FROZEN_10K:
                return build(100_000, 1_000, 10_000, 0);
            case RANGES_100K:
                return build(100_000, 100_000, 0, 0);
            case KEYS_100K:
                return build(10_000, 5, 0, 100_000);
            default:
                throw new IllegalArgumentException("unknown shape '" + shape + "' (expected " + TEN_K + ", "
                        + HUNDRED_K + ", " + FROZEN_1K + ", " + FROZEN_10K + ", " + RANGES_100K + " or " + KEYS_100K
                        + ")");
        }
    }

    /**
     * The override keys of the {@link #KEYS_100K} shape: 13-digit user ids {@code 2088000000000 + 7 i}.
     *
     * @param count how many
     * @return the keys, as written in the document
     */
    public static List<String> overrideKeys(int count) {
        List<String> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add(Long.toString(2_088_000_000_000L + 7L * i));
        }
        return keys;
    }

    /**
     * A document of {@code shards} shards in {@code ranges} equal routing entries (round-robin over the five
     * RZones), with {@code frozen} single frozen shards spread evenly and {@code keys} override keys to rz05.
     */
    static RuleDocument build(int shards, int ranges, int frozen, int keys) {
        RuleDocument.Builder builder = RuleDocument.builder().source("<benchmark shape>").epoch(1).shards(shards)
                .city("hz", "hz1", "hz2").city("sh", "sh1", "sh2").city("sz", "sz1")
                .cell("rz01", CellKind.RZONE, "hz1").cell("rz02", CellKind.RZONE, "hz2")
                .cell("rz03", CellKind.RZONE, "sh1").cell("rz04", CellKind.RZONE, "sh2")
                .cell("rz05", CellKind.RZONE, "sz1")
                .cell("gz01", CellKind.GZONE, "hz1", null, "gz02").cell("gz02", CellKind.GZONE, "sh1", null, null)
                .cell("czhz", CellKind.CZONE, "hz2");
        int per = shards / ranges;
        for (int r = 0; r < ranges; r++) {
            int from = r * per;
            int to = r == ranges - 1 ? shards - 1 : from + per - 1;
            builder.route(from == to ? Integer.toString(from) : from + "-" + to, RZONES[r % RZONES.length]);
        }
        for (int f = 0; f < frozen; f++) {
            builder.freeze(Integer.toString(f * (shards / frozen)));
        }
        if (keys > 0) {
            builder.overrideKeys(overrideKeys(keys), "rz05");
        }
        return builder.build();
    }

    /**
     * The next epoch of a document with one shard moved to the next RZone: the change a publish of the
     * propagation harness makes, small so that only the cost of a whole epoch is measured.
     *
     * @param base the document in force
     * @param shard the shard to move
     * @return the next document
     */
    public static RuleDocument moveShard(RuleDocument base, int shard) {
        String[] owners = base.owners();
        String owner = owners[shard];
        int at = 0;
        while (!RZONES[at].equals(owner)) {
            at++;
        }
        owners[shard] = RZONES[(at + 1) % RZONES.length];
        return base.toBuilder().epoch(base.epoch() + 1).owners(owners).build();
    }
}
