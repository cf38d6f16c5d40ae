package io.unitrouter.core.routing;

import io.unitrouter.core.Cell;
import io.unitrouter.core.CellKind;
import io.unitrouter.core.City;
import io.unitrouter.core.MalformedKeyException;
import io.unitrouter.core.RoutingKeys;
import io.unitrouter.core.ShardRange;
import io.unitrouter.core.Topology;
import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.shard.ShardFunction;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The routing rules of one epoch, compiled for lookups: shard to owner, frozen shards, overrides, the
 * active GZone and the CZone of each city.
 *
 * <p>Immutable and thread-safe. Lookups by shard are O(1) array reads; {@link #shardOf(String)} and
 * {@link #targetOf(String)} allocate nothing for the {@code mod} and {@code digits} functions (a key
 * override costs one hash lookup).
 */
public final class RoutingTable {

    private final RuleDocument document;
    private final int shards;
    private final ShardFunction function;
    private final boolean decimalFunction;
    private final Cell[] owners;
    private final BitSet frozen;
    private final Cell[] shardOverrides;
    private final KeyTable<Cell> keyOverrides;
    private final String checksum;

    private RoutingTable(RuleDocument document) {
        this.document = document;
        this.shards = document.shards();
        this.function = document.shardFunction();
        this.decimalFunction = function.acceptsOnlyDecimalDigits();
        Topology topology = document.topology();
        // Linear in shards whatever the fragmentation: owners are an array already, and the frozen ranges were
        // swept into a bit set once per document.
        this.owners = new Cell[shards];
        String[] ownerIds = document.owners();
        for (int s = 0; s < shards; s++) {
            owners[s] = topology.requireCell(ownerIds[s]);
        }
        this.frozen = document.frozenShards();
        Cell[] byShard = null;
        Map<String, Cell> byKey = new HashMap<>();
        long keyDigest = 0;
        for (RuleDocument.RouteOverride override : document.overrides()) {
            Cell target = topology.requireCell(override.cell());
            for (String key : override.keys()) {
                byKey.put(key, target);
                keyDigest += entryHash(key, target.id());
            }
            for (ShardRange range : override.shards()) {
                if (byShard == null) {
                    byShard = new Cell[shards];
                }
                for (int s = range.from(); s <= range.to(); s++) {
                    byShard[s] = target;
                }
            }
        }
        this.shardOverrides = byShard;
        this.keyOverrides = KeyTable.of(byKey);
        this.checksum = computeChecksum(byKey.size(), keyDigest);
    }

    /**
     * Compiles a validated document.
     *
     * @param document the document
     * @return the table
     */
    public static RoutingTable of(RuleDocument document) {
        return new RoutingTable(document);
    }

    /** The document this table was compiled from. */
    public RuleDocument document() {
        return document;
    }

    /** The epoch of the rules. */
    public long epoch() {
        return document.epoch();
    }

    /** The number of shards. */
    public int shards() {
        return shards;
    }

    /** Cities, data centers and cells. */
    public Topology topology() {
        return document.topology();
    }

    /**
     * A digest of the routing content (topology, shard function, owners, frozen shards, overrides, active
     * GZone), excluding the epoch: two instances with the same epoch and different checksums disagree.
     *
     * @return 16 lowercase hex characters (the first 64 bits of a SHA-256)
     */
    public String checksum() {
        return checksum;
    }

    /**
     * The shard of a routing key.
     *
     * @param key the routing key
     * @return {@code 0..shards-1}
     * @throws MalformedKeyException if the key is missing, not valid key syntax (see {@link RoutingKeys}) or
     *     does not fit the shard function
     * @throws UnitRouterException if a custom shard function returns a shard out of range
     */
    public int shardOf(String key) {
        if (decimalFunction) {
            // The function refuses every character but '0'..'9', so a key it accepts has valid syntax:
            // check the length up front and let the function make the one pass over the characters. When
            // it refuses the key, the full syntax check runs before its error is passed on, so a key gets
            // the same error as if the syntax had been checked first.
            RoutingKeys.checkLength(key);
            int shard;
            try {
                shard = function.shardOf(key, shards);
            } catch (MalformedKeyException e) {
                RoutingKeys.check(key);
                throw e;
            }
            return checkShard(shard, key);
        }
        RoutingKeys.check(key);
        return checkShard(function.shardOf(key, shards), key);
    }

    /**
     * The shard of a numeric routing key, such as a {@code BIGINT} column value.
     *
     * @throws MalformedKeyException if the key does not fit the shard function (e.g. negative)
     */
    public int shardOf(long key) {
        return checkShard(function.shardOf(key, shards), Long.toString(key));
    }

    private int checkShard(int shard, String key) {
        if (shard < 0 || shard >= shards) {
            throw new UnitRouterException("shard function " + function + " returned shard " + shard + " for key "
                    + RoutingKeys.quote(key) + ", outside 0.." + (shards - 1),
                    Map.of("key", RoutingKeys.quote(key), "shard", shard, "function", function.toString()), null);
        }
        return shard;
    }

    /**
     * The RZone cell that owns a shard (ignoring overrides).
     *
     * @throws UnitRouterException if the shard is outside {@code 0..shards-1}
     */
    public Cell ownerOf(int shard) {
        return owners[checkIndex(shard)];
    }

    /** The RZone cell that owns a key's shard (ignoring overrides). */
    public Cell ownerOf(String key) {
        return owners[shardOf(key)];
    }

    /**
     * The cell that requests for this key go to: an override if one applies, else the shard's owner.
     *
     * @throws MalformedKeyException if the key is malformed
     */
    public Cell targetOf(String key) {
        int shard = shardOf(key);
        if (!keyOverrides.isEmpty()) {
            Cell override = keyOverrides.get(key);
            if (override != null) {
                return override;
            }
        }
        return targetOfShard(shard);
    }

    /** The cell that requests for keys in this shard go to: a shard override, else the owner. */
    public Cell targetOfShard(int shard) {
        checkIndex(shard);
        if (shardOverrides != null && shardOverrides[shard] != null) {
            return shardOverrides[shard];
        }
        return owners[shard];
    }

    /** The override target of an explicit key, or {@code null} when the key has none. */
    public Cell keyOverride(String key) {
        return keyOverrides.get(key);
    }

    /** Whether any key override exists. */
    public boolean hasKeyOverrides() {
        return !keyOverrides.isEmpty();
    }

    /** Whether a shard is frozen: writes are forbidden while its ownership moves; reads continue. */
    public boolean isFrozen(int shard) {
        return frozen.get(checkIndex(shard));
    }

    /** All frozen shards, ascending. */
    public int[] frozenShards() {
        return frozen.stream().toArray();
    }

    /**
     * The cell that serves a city's reads of global data: its CZone while that is online, else the active
     * GZone.
     *
     * @param cityId a city of the topology
     * @return the cell, or empty when the city has no online CZone and there is no GZone
     */
    public java.util.Optional<Cell> cityReadTarget(String cityId) {
        java.util.Optional<Cell> cZone = topology().cZoneOf(cityId);
        if (cZone.isPresent() && !document.isOffline(cZone.get().id())) {
            return cZone;
        }
        return activeGZone();
    }

    /** The active GZone, if the topology has one. */
    public java.util.Optional<Cell> activeGZone() {
        return topology().activeGZone();
    }

    /** How many shards each RZone cell owns, in declaration order; cells that own none are listed with 0. */
    public Map<String, Integer> shardCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        topology().cells(CellKind.RZONE).forEach(c -> counts.put(c.id(), 0));
        for (Cell owner : owners) {
            counts.merge(owner.id(), 1, Integer::sum);
        }
        return Collections.unmodifiableMap(counts);
    }

    /** The shards owned by a cell, ascending. */
    public int[] shardsOf(String cellId) {
        return IntStream.range(0, shards).filter(s -> owners[s].id().equals(cellId)).toArray();
    }

    /** The ids of cells that own at least one shard. */
    public Set<String> owningCells() {
        Set<String> ids = new HashSet<>();
        for (Cell owner : owners) {
            ids.add(owner.id());
        }
        return Collections.unmodifiableSet(ids);
    }

    private int checkIndex(int shard) {
        if (shard < 0 || shard >= shards) {
            throw new UnitRouterException("shard " + shard + " is outside 0.." + (shards - 1), Map.of("shard", shard),
                    null);
        }
        return shard;
    }

    private String computeChecksum(int keyCount, long keyDigest) {
        RoutingDigest canonical = new RoutingDigest();
        canonical.append("shards=").append(shards).append("\nfunction=").append(document.shardFunctionSpec().type())
                .append(new java.util.TreeMap<>(document.shardFunctionSpec().options())).append("\ncities=");
        for (City city : topology().cities()) {
            canonical.append(city.id()).append(city.dataCenters()).append(';');
        }
        canonical.append("\ncells=");
        for (Cell cell : topology().cells()) {
            canonical.append(cell.id()).append(',').append(cell.kind()).append(',').append(cell.dataCenter())
                    .append(',').append(cell.capacity()).append(',').append(cell.standby()).append(';');
        }
        canonical.append("\nactive-gzone=").append(activeGZone().map(Cell::id).orElse("-")).append("\nowners=");
        for (int s = 0; s < shards; s++) {
            canonical.append(owners[s].id()).append(frozen.get(s) ? "*," : ",");
        }
        canonical.append("\nshard-overrides=");
        if (shardOverrides != null) {
            for (int s = 0; s < shards; s++) {
                canonical.append(shardOverrides[s] == null ? "" : shardOverrides[s].id()).append(',');
            }
        }
        // Sections added after the first release only enter the digest when present, so the checksums of
        // documents without them stay what they were.
        if (!document.offline().isEmpty()) {
            canonical.append("\noffline=").append(document.offline());
        }
        if (!document.homes().isEmpty()) {
            canonical.append("\nhomes=");
            document.homes().forEach(h -> canonical.append(h.shards()).append('=').append(h.cell()).append(';'));
        }
        if (topology().cities().stream().anyMatch(c -> !c.failoverTo().isEmpty())) {
            canonical.append("\nfailover-to=");
            topology().cities().forEach(c -> canonical.append(c.id()).append(c.failoverTo()).append(';'));
        }
        canonical.append("\nkey-overrides=");
        if (keyCount > 0) {
            // The order of keys in the document must not matter, and sorting 100,000 keys was half of a build:
            // add up a 64-bit hash of each (key, target) pair instead, a sum that no order changes.
            canonical.append(keyCount).append('#').append(Long.toHexString(keyDigest));
        }
        return canonical.first64Bits();
    }

    /** FNV-1a over the key, a separator and the target, then MurmurHash3's 64-bit finaliser to spread it. */
    private static long entryHash(String key, String target) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * 0x100000001b3L;
        }
        h = (h ^ '=') * 0x100000001b3L;
        for (int i = 0; i < target.length(); i++) {
            h = (h ^ target.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb3f98a4a6ea5L;
        return h ^ (h >>> 33);
    }

    /** The cells of the given kind, convenience for {@code topology().cells(kind)}. */
    public List<Cell> cells(CellKind kind) {
        return topology().cells(kind);
    }

    @Override
    public String toString() {
        return "RoutingTable[epoch=" + epoch() + ", shards=" + shards + ", checksum=" + checksum + "]";
    }
}
