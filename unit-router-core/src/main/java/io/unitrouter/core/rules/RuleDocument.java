package io.unitrouter.core.rules;

import io.unitrouter.core.CellKind;
import io.unitrouter.core.ShardRange;
import io.unitrouter.core.Topology;
import io.unitrouter.core.shard.ShardFunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * A validated rule document: the topology, the shard function, which cell owns each shard, which shards
 * are frozen, and overrides. Its shape is described in {@code docs/rules.md}.
 *
 * <p>Instances only exist in a valid state: {@link RuleDocuments#parse} and {@link Builder#build()} check
 * everything and throw {@link RuleValidationException} listing every problem. Immutable and thread-safe.
 * Change one with {@link #toBuilder()}.
 */
public final class RuleDocument {

    /** The shard count when a document declares none. */
    public static final int DEFAULT_SHARDS = 100;

    /**
     * A {@code routing} entry: these shards are owned by this RZONE cell.
     *
     * @param shards the shard ranges, as written
     * @param cell the owning cell's id
     */
    public record Assignment(List<ShardRange> shards, String cell) {
        /** Copies the ranges. */
        public Assignment {
            shards = List.copyOf(shards);
            Objects.requireNonNull(cell, "cell");
        }
    }

    /**
     * An {@code overrides} entry: requests for these keys, or for keys in these shards, go to another RZONE
     * cell (for example a blue/green copy). Overrides redirect request routing; they do not change the shard
     * owners that the data layer and failover work with.
     *
     * @param keys explicit routing keys, possibly empty
     * @param shards shard ranges, possibly empty
     * @param cell the target cell's id
     */
    public record RouteOverride(List<String> keys, List<ShardRange> shards, String cell) {
        /** Copies the lists. */
        public RouteOverride {
            keys = List.copyOf(keys);
            shards = List.copyOf(shards);
            Objects.requireNonNull(cell, "cell");
        }
    }

    private final RuleDraft draft;
    private final long epoch;
    private final int shards;
    private final ShardFunctionSpec shardFunctionSpec;
    private final ShardFunction shardFunction;
    private final Topology topology;
    private final List<Assignment> routing;
    private final String[] owners;
    private final List<ShardRange> frozen;
    /** The frozen shards as one bit each, swept from {@link #frozen} once, so a shard's state is one read. */
    private final BitSet frozenShards;
    /**
     * How many frozen ranges have been walked or handed out: once each to build {@link #frozenShards}, plus
     * the size of the list at every {@link #frozen()} call. Tests read it to prove that building a table
     * never asks the ranges shard by shard (which made 100,000 shards with 10,000 fragments take a second).
     */
    private final AtomicLong frozenRangeReads = new AtomicLong();
    private final List<RouteOverride> overrides;
    private final String[] homes;
    private final List<Assignment> homeEntries;
    private final List<String> offline;

    RuleDocument(RuleDraft draft, long epoch, int shards, ShardFunctionSpec shardFunctionSpec,
            ShardFunction shardFunction, Topology topology, List<Assignment> routing, String[] owners,
            List<ShardRange> frozen, List<RouteOverride> overrides, String[] homes, List<String> offline) {
        this.draft = draft;
        this.epoch = epoch;
        this.shards = shards;
        this.shardFunctionSpec = shardFunctionSpec;
        this.shardFunction = shardFunction;
        this.topology = topology;
        this.routing = List.copyOf(routing);
        this.owners = owners;
        this.frozen = List.copyOf(frozen);
        this.frozenShards = sweep(this.frozen, shards);
        frozenRangeReads.addAndGet(this.frozen.size());
        this.overrides = List.copyOf(overrides);
        this.homes = homes;
        this.homeEntries = assignments(homes);
        this.offline = List.copyOf(offline);
    }

    private static BitSet sweep(List<ShardRange> ranges, int shards) {
        BitSet bits = new BitSet(shards);
        for (ShardRange range : ranges) {
            bits.set(range.from(), range.to() + 1);
        }
        return bits;
    }

    /** The shards of each cell in {@code byShard} as ranges, cells in order of first appearance. */
    private static List<Assignment> assignments(String[] byShard) {
        List<Assignment> result = new ArrayList<>();
        for (RuleDraft.RouteDraft route : Builder.compress(byShard)) {
            result.add(new Assignment(ShardRange.parseList(route.shards()), route.cell()));
        }
        return List.copyOf(result);
    }

    /** A builder for a new document. See {@link Builder} for the defaults. */
    public static Builder builder() {
        return new Builder(new RuleDraft());
    }

    /** A builder that starts from this document's content, for deriving the next epoch's document. */
    public Builder toBuilder() {
        return new Builder(draft.copy());
    }

    /** Where the document came from: a file path, a Nacos data id, or {@code <builder>}. */
    public String source() {
        return draft.source;
    }

    /** The version of the rules; strictly increases with every published change. */
    public long epoch() {
        return epoch;
    }

    /** The number of shards, {@code 1..100000}; default {@value #DEFAULT_SHARDS}. */
    public int shards() {
        return shards;
    }

    /** The shard function as declared. */
    public ShardFunctionSpec shardFunctionSpec() {
        return shardFunctionSpec;
    }

    /** The shard function, ready to use. */
    public ShardFunction shardFunction() {
        return shardFunction;
    }

    /** Cities, data centers and cells. */
    public Topology topology() {
        return topology;
    }

    /** The {@code routing} entries, as written. */
    public List<Assignment> routing() {
        return routing;
    }

    /**
     * The id of the cell that owns a shard.
     *
     * @param shard {@code 0..shards-1}
     * @throws IndexOutOfBoundsException for any other shard
     */
    public String ownerOf(int shard) {
        return owners[shard];
    }

    /** The owner of every shard, indexed by shard. A fresh copy. */
    public String[] owners() {
        return owners.clone();
    }

    /**
     * The frozen shard ranges, as written. To ask about single shards use {@link #isFrozen(int)} or
     * {@link #frozenShards()}: walking these ranges for every shard costs shards times fragments.
     */
    public List<ShardRange> frozen() {
        frozenRangeReads.addAndGet(frozen.size());
        return frozen;
    }

    /**
     * Whether the shard is frozen (write-forbidden). One bit read: the ranges were swept once when the
     * document was built.
     *
     * @param shard any shard; shards outside {@code 0..shards-1} are never frozen
     */
    public boolean isFrozen(int shard) {
        return shard >= 0 && frozenShards.get(shard);
    }

    /** The frozen shards, one bit per shard (bit {@code s} set when shard {@code s} is frozen). A fresh copy. */
    public BitSet frozenShards() {
        return (BitSet) frozenShards.clone();
    }

    /** How many frozen ranges were walked or handed out so far; see the field. Package-private for tests. */
    long frozenRangeReads() {
        return frozenRangeReads.get();
    }

    /** The overrides, as written. */
    public List<RouteOverride> overrides() {
        return overrides;
    }

    /**
     * The cell a shard returns to on a switchback: the cell recorded under {@code homes} while the shard is
     * away, else its owner.
     *
     * @param shard {@code 0..shards-1}
     * @throws IndexOutOfBoundsException for any other shard
     */
    public String homeOf(int shard) {
        String home = homes[shard];
        return home != null ? home : owners[shard];
    }

    /**
     * The shards away from home, with their home cell: the {@code homes} entries, normalised (a home equal
     * to the owner is dropped) and compressed into ranges, one entry per home cell.
     */
    public List<Assignment> homes() {
        return homeEntries;
    }

    /**
     * The cells out of service, in the order written. An offline cell owns no shard, is not the active
     * GZone and receives no override; an offline CZone's city reads go to the active GZone.
     */
    public List<String> offline() {
        return offline;
    }

    /** Whether a cell is out of service. */
    public boolean isOffline(String cellId) {
        return offline.contains(cellId);
    }

    /** The shards owned by a cell, ascending. */
    public int[] shardsOf(String cellId) {
        return IntStream.range(0, shards).filter(s -> owners[s].equals(cellId)).toArray();
    }

    @Override
    public String toString() {
        return "RuleDocument[source=" + source() + ", epoch=" + epoch + ", shards=" + shards + ", cells="
                + topology.cells().size() + "]";
    }

    /**
     * Builds a document in code. Defaults: {@code shards} 100, {@code shard-function} {@code mod}, no frozen
     * shards, no overrides, and the active GZone is the one GZone that is nobody's standby.
     *
     * <p>Not thread-safe; use from one thread.
     */
    public static final class Builder {

        private final RuleDraft draft;

        private Builder(RuleDraft draft) {
            this.draft = draft;
        }

        /** Where the document comes from, shown in error messages. Default {@code <builder>}. */
        public Builder source(String source) {
            draft.source = Objects.requireNonNull(source, "source");
            return this;
        }

        /** The epoch; required, {@code >= 0}. */
        public Builder epoch(long epoch) {
            draft.epoch = epoch;
            return this;
        }

        /** The shard count, {@code 1..100000}. Default 100. */
        public Builder shards(int shards) {
            draft.shards = shards;
            return this;
        }

        /** The shard function. Default {@code mod}. */
        public Builder shardFunction(ShardFunctionSpec spec) {
            draft.shardFunction = Objects.requireNonNull(spec, "spec");
            return this;
        }

        /** Declares a city and its data centers. */
        public Builder city(String id, String... dataCenters) {
            return city(id, List.of(dataCenters), List.of());
        }

        /**
         * Declares a city, its data centers, and the cities that take its shards when it fails.
         *
         * @param failoverTo other cities in order of preference; empty for no declared order
         */
        public Builder city(String id, List<String> dataCenters, List<String> failoverTo) {
            draft.cities.add(new RuleDraft.CityDraft(id, List.copyOf(dataCenters), List.copyOf(failoverTo)));
            return this;
        }

        /** Declares a cell with no capacity limit and no standby. */
        public Builder cell(String id, CellKind kind, String dataCenter) {
            return cell(id, kind, dataCenter, null, null);
        }

        /**
         * Declares a cell.
         *
         * @param capacity the most shards it may own, or {@code null} for no limit
         * @param standby for a GZONE, the GZone that takes over; otherwise {@code null}
         */
        public Builder cell(String id, CellKind kind, String dataCenter, Integer capacity, String standby) {
            draft.cells.add(new RuleDraft.CellDraft(id, kind == null ? null : kind.name(), dataCenter, capacity,
                    standby));
            return this;
        }

        /** Assigns shards (e.g. {@code "0-19"}) to an RZONE cell. */
        public Builder route(String shards, String cell) {
            draft.routing.add(new RuleDraft.RouteDraft(shards, cell));
            return this;
        }

        /** Assigns a shard range to an RZONE cell. */
        public Builder route(ShardRange shards, String cell) {
            return route(shards.toString(), cell);
        }

        /**
         * Replaces all routing entries with the given owner per shard, compressed into ranges.
         *
         * @param ownersByShard the owning cell id of each shard, indexed by shard
         */
        public Builder owners(String[] ownersByShard) {
            draft.routing.clear();
            draft.routing.addAll(compress(ownersByShard));
            return this;
        }

        /** Records that these shards (e.g. {@code "20-39"}) return to an RZONE cell on a switchback. */
        public Builder home(String shards, String cell) {
            draft.homes.add(new RuleDraft.RouteDraft(shards, cell));
            return this;
        }

        /**
         * Replaces all {@code homes} entries with the given home per shard, compressed into ranges. A home
         * equal to the shard's owner, or {@code null}, means the shard is at home.
         *
         * @param homeByShard the home cell id of each shard, indexed by shard, or {@code null} entries
         */
        public Builder homes(String[] homeByShard) {
            draft.homes.clear();
            draft.homes.addAll(compress(homeByShard));
            return this;
        }

        /** Marks a cell as out of service (no-op when it already is). */
        public Builder markOffline(String cellId) {
            if (!draft.offline.contains(cellId)) {
                draft.offline.add(cellId);
            }
            return this;
        }

        /** Marks a cell as back in service (no-op when it is not offline). */
        public Builder markOnline(String cellId) {
            draft.offline.remove(cellId);
            return this;
        }

        /** One routing-shaped entry per range of a cell in {@code byShard}, cells in order of first appearance. */
        static List<RuleDraft.RouteDraft> compress(String[] byShard) {
            Map<String, List<Integer>> shardsByCell = new LinkedHashMap<>();
            for (int s = 0; s < byShard.length; s++) {
                if (byShard[s] != null) {
                    shardsByCell.computeIfAbsent(byShard[s], c -> new ArrayList<>()).add(s);
                }
            }
            List<RuleDraft.RouteDraft> entries = new ArrayList<>();
            shardsByCell.forEach((cell, list) -> {
                int[] owned = list.stream().mapToInt(Integer::intValue).toArray();
                ShardRange.compress(owned).forEach(r -> entries.add(new RuleDraft.RouteDraft(r.toString(), cell)));
            });
            return entries;
        }

        /** Marks shards (e.g. {@code "20-39"}) as frozen. */
        public Builder freeze(String shards) {
            draft.frozen.add(shards);
            return this;
        }

        /** Marks a shard range as frozen. */
        public Builder freeze(ShardRange shards) {
            return freeze(shards.toString());
        }

        /** Unfreezes every shard. */
        public Builder clearFrozen() {
            draft.frozen.clear();
            return this;
        }

        /** Replaces the frozen shards with exactly these, compressed into ranges. */
        public Builder frozen(int... shards) {
            draft.frozen.clear();
            int[] sorted = Arrays.stream(shards).sorted().distinct().toArray();
            ShardRange.compress(sorted).forEach(this::freeze);
            return this;
        }

        /** Sends requests for these keys to another RZONE cell. */
        public Builder overrideKeys(List<String> keys, String cell) {
            draft.overrides.add(new RuleDraft.OverrideDraft(List.copyOf(keys), null, cell));
            return this;
        }

        /** Sends requests for keys in these shards (e.g. {@code "5-9"}) to another RZONE cell. */
        public Builder overrideShards(String shards, String cell) {
            draft.overrides.add(new RuleDraft.OverrideDraft(Collections.emptyList(), shards, cell));
            return this;
        }

        /** Removes every override. */
        public Builder clearOverrides() {
            draft.overrides.clear();
            return this;
        }

        /** The GZone that takes global writes. Default: the one GZone that is no other's standby. */
        public Builder activeGZone(String cellId) {
            draft.activeGZone = cellId;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the document
         * @throws RuleValidationException listing every problem
         */
        public RuleDocument build() {
            return RuleValidator.validate(draft.copy());
        }
    }

    /** The raw content, for the YAML writer in this package. */
    RuleDraft draft() {
        return draft;
    }
}
