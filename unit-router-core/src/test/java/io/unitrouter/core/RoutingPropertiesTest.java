package io.unitrouter.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.ShardFunctionSpec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * Properties of random valid routing tables. Seeds are fixed so that every run tries the same cases.
 */
class RoutingPropertiesTest {

    enum Function {
        MOD, DIGITS, HASH
    }

    /**
     * A random table: {@code owners[s]} is the index of the RZone that owns shard {@code s}; cell {@code i} is
     * named {@code rz<i>}. {@code keys} suit the function: decimal for mod and digits, any visible ASCII for hash.
     */
    record Table(Function function, int shards, int cells, int[] owners, List<String> keys) {

        /** Digits wide enough to address every shard, taken two positions from the end. */
        int digitsWidth() {
            return shards <= 10 ? 1 : shards <= 100 ? 2 : 3;
        }

        int digitsPosition() {
            return digitsWidth() + 2;
        }

        ShardFunctionSpec spec() {
            return switch (function) {
                case MOD -> ShardFunctionSpec.mod();
                case DIGITS -> ShardFunctionSpec.digits(digitsPosition(), digitsWidth());
                case HASH -> ShardFunctionSpec.hash();
            };
        }

        static String cellId(int index) {
            return "rz" + index;
        }

        String[] ownerIds() {
            return Arrays.stream(owners).mapToObj(Table::cellId).toArray(String[]::new);
        }

        Set<String> rZones() {
            return IntStream.range(0, cells).mapToObj(Table::cellId).collect(Collectors.toSet());
        }

        RuleDocument rules() {
            RuleDocument.Builder builder = RuleDocument.builder().epoch(1).shards(shards).shardFunction(spec())
                    .city("c1", "d1");
            for (int i = 0; i < cells; i++) {
                builder.cell(cellId(i), CellKind.RZONE, "d1");
            }
            return builder.owners(ownerIds()).build();
        }

        /** The shard of a key, computed independently of the library's shard functions. */
        int expectedShard(String key) {
            return switch (function) {
                case MOD -> new BigInteger(key).mod(BigInteger.valueOf(shards)).intValueExact();
                case DIGITS -> {
                    int from = key.length() - digitsPosition();
                    yield Integer.parseInt(key.substring(from, from + digitsWidth())) % shards;
                }
                case HASH -> {
                    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
                    yield Math.floorMod(MurmurHash3.hash32x86(bytes, 0, bytes.length, 0), shards);
                }
            };
        }

        @Override
        public String toString() {
            return "Table[" + function + ", shards=" + shards + ", cells=" + cells + ", keys=" + keys + "]";
        }
    }

    @Provide
    Arbitrary<Table> tables() {
        return tables(1);
    }

    @Provide
    Arbitrary<Table> tablesOfTwoOrMoreCells() {
        return tables(2);
    }

    private static Arbitrary<Table> tables(int minCells) {
        return Combinators.combine(Arbitraries.of(Function.class), Arbitraries.integers().between(1, 1000),
                Arbitraries.integers().between(minCells, 10)).flatAs((function, shards, cells) -> {
                    Arbitrary<int[]> owners = Arbitraries.integers().between(0, cells - 1).array(int[].class)
                            .ofSize(shards);
                    Arbitrary<List<String>> keys = keys(function, shards).list().ofMinSize(1).ofMaxSize(20);
                    return Combinators.combine(owners, keys).as((o, k) -> new Table(function, shards, cells, o, k));
                });
    }

    private static Arbitrary<String> keys(Function function, int shards) {
        if (function == Function.HASH) {
            return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(RoutingKeys.MAX_LENGTH);
        }
        int minLength = function == Function.DIGITS ? new Table(function, shards, 1, new int[0], List.of())
                .digitsPosition() : 1;
        return Arbitraries.strings().withCharRange('0', '9').ofMinLength(minLength).ofMaxLength(40);
    }

    @Property(tries = 200, seed = "4242")
    void routesEveryKeyToExactlyTheOwnerOfItsShard(@ForAll("tables") Table t) {
        RuleDocument rules = t.rules();
        RoutingTable table = RoutingTable.of(rules);
        Set<String> rZones = t.rZones();

        try (UnitRouter router = UnitRouter.builder().rules(rules).build()) {
            for (String key : t.keys()) {
                int shard = table.shardOf(key);
                assertThat(shard).as("shard of %s", key).isEqualTo(t.expectedShard(key));
                for (Access access : Access.values()) {
                    RouteDecision decision = router.route(key, access);

                    assertThat(decision.shard()).isEqualTo(shard);
                    assertThat(decision.cell()).as("cell for %s", key)
                            .isEqualTo(table.ownerOf(shard).id())
                            .isEqualTo(Table.cellId(t.owners()[shard]));
                    assertThat(rZones.stream().filter(decision.cell()::equals)).as("one declared RZone").hasSize(1);
                    assertThat(decision.target().kind()).isEqualTo(CellKind.RZONE);
                    assertThat(decision.scope()).isEqualTo(Scope.UNIT);
                    assertThat(decision.overridden()).isFalse();
                }
            }
        }
    }

    @Property(tries = 200, seed = "1717")
    void changingTheOwnerOfOneShardChangesTheChecksum(@ForAll("tablesOfTwoOrMoreCells") Table t,
            @ForAll @IntRange(min = 0, max = 999) int pick, @ForAll @IntRange(min = 1, max = 9) int step) {
        int shard = pick % t.shards();
        int[] moved = t.owners().clone();
        moved[shard] = (moved[shard] + 1 + (step - 1) % (t.cells() - 1)) % t.cells();
        Table changed = new Table(t.function(), t.shards(), t.cells(), moved, t.keys());

        assertThat(moved[shard]).isNotEqualTo(t.owners()[shard]);
        assertThat(RoutingTable.of(changed.rules()).checksum()).as("owner of shard %d moved", shard)
                .isNotEqualTo(RoutingTable.of(t.rules()).checksum());
    }

    @Property(tries = 200, seed = "2020")
    void compressThenExpandGivesBackTheShards(@ForAll @Size(max = 300) Set<@IntRange(min = 0, max = 2000) Integer> set) {
        int[] sorted = set.stream().mapToInt(Integer::intValue).sorted().toArray();

        List<ShardRange> ranges = ShardRange.compress(sorted);

        int[] expanded = ranges.stream().flatMapToInt(r -> IntStream.rangeClosed(r.from(), r.to())).toArray();
        assertThat(expanded).containsExactly(sorted);
        for (int i = 1; i < ranges.size(); i++) {
            assertThat(ranges.get(i).from()).as("ranges are separated, so none can merge")
                    .isGreaterThan(ranges.get(i - 1).to() + 1);
        }
        if (!ranges.isEmpty()) {
            String text = ranges.stream().map(ShardRange::toString).collect(Collectors.joining(","));
            assertThat(ShardRange.parseList(text)).isEqualTo(ranges);
        }
    }
}
