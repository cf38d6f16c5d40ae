package io.unitrouter.core.failover;

import io.unitrouter.core.Cell;
import io.unitrouter.core.CellKind;
import io.unitrouter.core.City;
import io.unitrouter.core.ShardRange;
import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.rules.RuleDocument;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * What a failover will do: the document in force when it was planned (the <em>base</em>), the document it
 * ends with (the <em>target</em>), and everything that differs between them, ready for an operator to read
 * before executing it.
 *
 * <ul>
 *   <li>{@link #moves()}: shards that change owner, as ranges per (from, to) pair;</li>
 *   <li>{@link #gZonePromotion()}: a change of the active GZone;</li>
 *   <li>{@link #cityReadRedirects()}: cities whose reads of global data go to another cell;</li>
 *   <li>{@link #offlined()} and {@link #onlined()}: cells taken out of or put back into service;</li>
 *   <li>{@link #loads()}: every RZone's shard count before and after, against its capacity;</li>
 *   <li>{@link #describe()}: all of that as readable lines; {@link #checksum()}: a digest that names the
 *       plan in the journal and the audit.</li>
 * </ul>
 *
 * <p>Epochs: with shards to move, the coordinator publishes {@link #freezeEpoch()} (the base with the moving
 * shards frozen) and then {@link #switchEpoch()} (the target); the database fences of the moving shards are
 * bumped to {@link #switchEpoch()} in between. Without shards to move there is no freeze, and the target is
 * published directly.
 *
 * <p>Immutable and thread-safe. Two plans are equal when their checksums are.
 */
public final class FailoverPlan {

    private final FailoverEvent event;
    private final RuleDocument base;
    private final RuleDocument target;
    private final RuleDocument freezeDocument;
    private final List<ShardMove> moves;
    private final int[] movingShards;
    private final GZonePromotion promotion;
    private final List<CityReadRedirect> redirects;
    private final List<String> offlined;
    private final List<String> onlined;
    private final List<CellLoad> loads;
    private final String baseChecksum;
    private final String targetChecksum;
    private final String checksum;

    private FailoverPlan(FailoverEvent event, RuleDocument base, RuleDocument target) {
        this.event = event;
        this.base = base;
        this.target = target;
        RoutingTable baseTable = RoutingTable.of(base);
        RoutingTable targetTable = RoutingTable.of(target);
        this.baseChecksum = baseTable.checksum();
        this.targetChecksum = targetTable.checksum();
        this.movingShards = IntStream.range(0, base.shards())
                .filter(s -> !base.ownerOf(s).equals(target.ownerOf(s))).toArray();
        this.moves = moves(base, target, movingShards);
        String activeBefore = baseTable.activeGZone().map(Cell::id).orElse(null);
        String activeAfter = targetTable.activeGZone().map(Cell::id).orElse(null);
        this.promotion = activeBefore != null && activeAfter != null && !activeBefore.equals(activeAfter)
                ? new GZonePromotion(activeBefore, activeAfter) : null;
        this.redirects = redirects(baseTable, targetTable);
        this.offlined = target.offline().stream().filter(c -> !base.isOffline(c)).toList();
        this.onlined = base.offline().stream().filter(c -> !target.isOffline(c)).toList();
        this.loads = loads(baseTable, targetTable);
        this.freezeDocument = movingShards.length == 0 ? null : freeze(base, movingShards);
        this.checksum = digest("event=" + event + "\nbase-epoch=" + base.epoch() + "\nbase=" + baseChecksum
                + "\ntarget-epoch=" + target.epoch() + "\ntarget=" + targetChecksum);
    }

    /**
     * Describes the way from {@code base} to {@code target}. The planner calls this; so does a coordinator
     * that reads a run back from its journal, which gets the same checksum.
     *
     * @param event what the plan reacts to
     * @param base the document in force when planning
     * @param target the document to end with; same shard count and cells as {@code base}; its epoch must be
     *     at least {@code base.epoch() + 2} when shards move (one epoch for the freeze), else
     *     {@code base.epoch() + 1}
     * @return the plan
     * @throws UnitRouterException if the documents do not fit together as described
     */
    public static FailoverPlan of(FailoverEvent event, RuleDocument base, RuleDocument target) {
        Objects.requireNonNull(event, "event");
        if (base.shards() != target.shards()) {
            throw new UnitRouterException("a plan cannot change the shard count (" + base.shards() + " -> "
                    + target.shards() + ")", Map.of("event", event.toString()), null);
        }
        List<String> baseCells = base.topology().cells().stream().map(Cell::id).toList();
        List<String> targetCells = target.topology().cells().stream().map(Cell::id).toList();
        if (!baseCells.equals(targetCells)) {
            throw new UnitRouterException("a plan cannot change the cells (" + baseCells + " -> " + targetCells + ")",
                    Map.of("event", event.toString()), null);
        }
        boolean moves = IntStream.range(0, base.shards()).anyMatch(s -> !base.ownerOf(s).equals(target.ownerOf(s)));
        long lowest = base.epoch() + (moves ? 2 : 1);
        if (target.epoch() < lowest) {
            throw new UnitRouterException("the target epoch " + target.epoch() + " leaves no room for the "
                    + (moves ? "freeze epoch: it must be at least " : "switch: it must be at least ") + lowest
                    + " on base epoch " + base.epoch(), Map.of("event", event.toString()), null);
        }
        return new FailoverPlan(event, base, target);
    }

    private static List<ShardMove> moves(RuleDocument base, RuleDocument target, int[] moving) {
        Map<String, List<Integer>> byPair = new LinkedHashMap<>();
        for (int s : moving) {
            byPair.computeIfAbsent(base.ownerOf(s) + "\n" + target.ownerOf(s), k -> new ArrayList<>()).add(s);
        }
        List<ShardMove> result = new ArrayList<>();
        byPair.forEach((pair, shards) -> {
            String[] cells = pair.split("\n");
            for (ShardRange range : ShardRange.compress(shards.stream().mapToInt(Integer::intValue).toArray())) {
                result.add(new ShardMove(range, cells[0], cells[1]));
            }
        });
        result.sort((a, b) -> Integer.compare(a.shards().from(), b.shards().from()));
        return List.copyOf(result);
    }

    private static List<CityReadRedirect> redirects(RoutingTable base, RoutingTable target) {
        List<CityReadRedirect> result = new ArrayList<>();
        for (City city : base.topology().cities()) {
            String before = base.cityReadTarget(city.id()).map(Cell::id).orElse("none");
            String after = target.cityReadTarget(city.id()).map(Cell::id).orElse("none");
            if (!before.equals(after)) {
                result.add(new CityReadRedirect(city.id(), before, after));
            }
        }
        return List.copyOf(result);
    }

    private static List<CellLoad> loads(RoutingTable base, RoutingTable target) {
        Map<String, Integer> before = base.shardCounts();
        Map<String, Integer> after = target.shardCounts();
        List<CellLoad> result = new ArrayList<>();
        for (Cell cell : base.topology().cells(CellKind.RZONE)) {
            result.add(new CellLoad(cell.id(), before.get(cell.id()), after.get(cell.id()), cell.capacity(),
                    target.document().isOffline(cell.id())));
        }
        return List.copyOf(result);
    }

    private static RuleDocument freeze(RuleDocument base, int[] moving) {
        int[] frozen = IntStream.concat(IntStream.range(0, base.shards()).filter(base::isFrozen),
                Arrays.stream(moving)).sorted().distinct().toArray();
        return base.toBuilder().epoch(base.epoch() + 1).frozen(frozen).build();
    }

    private static String digest(String canonical) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** What the plan reacts to. */
    public FailoverEvent event() {
        return event;
    }

    /** The document in force when the plan was made; executing it requires that epoch still in force. */
    public RuleDocument base() {
        return base;
    }

    /** The document the plan ends with, at {@link #switchEpoch()}. */
    public RuleDocument target() {
        return target;
    }

    /** The base's epoch. */
    public long baseEpoch() {
        return base.epoch();
    }

    /** The base's {@link RoutingTable#checksum()}. */
    public String baseChecksum() {
        return baseChecksum;
    }

    /** The target's {@link RoutingTable#checksum()}. */
    public String targetChecksum() {
        return targetChecksum;
    }

    /**
     * The document that freezes the moving shards: the base at {@link #freezeEpoch()}, with the moving
     * shards added to its frozen shards.
     *
     * @return the document, or empty when no shard moves
     */
    public Optional<RuleDocument> freezeDocument() {
        return Optional.ofNullable(freezeDocument);
    }

    /** The epoch that freezes the moving shards: {@code baseEpoch() + 1}; {@code -1} when no shard moves. */
    public long freezeEpoch() {
        return freezeDocument == null ? -1 : freezeDocument.epoch();
    }

    /** The epoch that publishes the target, and the epoch the moving shards' fences are bumped to. */
    public long switchEpoch() {
        return target.epoch();
    }

    /** The shards that change owner, as ranges per (from, to) pair, in shard order. */
    public List<ShardMove> moves() {
        return moves;
    }

    /** Every shard that changes owner, ascending. A fresh copy. */
    public int[] movingShards() {
        return movingShards.clone();
    }

    /** Whether any shard changes owner. */
    public boolean movesShards() {
        return movingShards.length > 0;
    }

    /** The change of the active GZone, if any. */
    public Optional<GZonePromotion> gZonePromotion() {
        return Optional.ofNullable(promotion);
    }

    /** Cities whose reads of global data go to another cell after the plan. */
    public List<CityReadRedirect> cityReadRedirects() {
        return redirects;
    }

    /** Cells the plan takes out of service, in the order the target lists them. */
    public List<String> offlined() {
        return offlined;
    }

    /** Cells the plan puts back into service. */
    public List<String> onlined() {
        return onlined;
    }

    /** Every RZone's load before and after, in declaration order. */
    public List<CellLoad> loads() {
        return loads;
    }

    /**
     * A digest of the event, the base (epoch and checksum) and the target (epoch and checksum): 16 lowercase
     * hex characters. The journal and the audit name plans by it.
     */
    public String checksum() {
        return checksum;
    }

    /** The plan as readable lines: what moves, what goes offline or online, the GZone, city reads, loads. */
    public List<String> describe() {
        return PlanText.describe(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FailoverPlan other && other.checksum.equals(checksum);
    }

    @Override
    public int hashCode() {
        return checksum.hashCode();
    }

    @Override
    public String toString() {
        return "FailoverPlan[" + event + ", epoch " + base.epoch() + " -> " + target.epoch() + ", " + moves.size()
                + " moves, checksum " + checksum + "]";
    }
}
