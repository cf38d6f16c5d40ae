package io.unitrouter.sharding.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.ShardRange;
import io.unitrouter.core.UnitRouterException;
import io.unitrouter.sharding.FenceRow;
import io.unitrouter.sharding.Fences;
import io.unitrouter.sharding.support.ShardingFixture;
import io.unitrouter.sharding.support.TestDatabase;
import io.unitrouter.sharding.support.TestRules;
import io.unitrouter.sharding.support.PerDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/** The {@link Fences} API that the failover coordinator calls, on the real fence tables. */
@PerDatabase
class FencesTest {

    private static ShardingFixture fixture;
    private static Fences fences;

    private final TestDatabase database;
    private final RoutingTable table = RoutingTable.of(TestRules.document());

    FencesTest(TestDatabase database) {
        this.database = database;
    }

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase database) {
        fixture = ShardingFixture.create(database);
        fences = fixture.fences();
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        if (fixture != null) {
            fixture.close();
            fixture = null;
        }
    }

    @BeforeEach
    void reset() {
        assertThat(fixture.database()).isEqualTo(database);
        fixture.reset();
    }

    @Test
    void initializeWritesEachGroupsOwnerAtTheEpochInForceOnceOnly() {
        assertThat(fences.initialize(table)).hasSize(10);

        assertThat(fences.readAll()).containsExactly(new FenceRow(0, "rz01", 42), new FenceRow(1, "rz01", 42),
                new FenceRow(2, "rz02", 42), new FenceRow(3, "rz02", 42), new FenceRow(4, "rz03", 42),
                new FenceRow(5, "rz03", 42), new FenceRow(6, "rz04", 42), new FenceRow(7, "rz04", 42),
                new FenceRow(8, "rz05", 42), new FenceRow(9, "rz05", 42));
        assertThat(fences.initialize(table)).isEmpty();
        assertThat(fences.groupOf(37)).isEqualTo(3);
    }

    @Test
    void bumpMovesWholeGroupsInTheirOwnDatabasesAndIsIdempotent() {
        fences.initialize(table);

        assertThat(fences.bump(ShardRange.of(40, 59), "rz02", 43))
                .containsExactly(new FenceRow(4, "rz02", 43), new FenceRow(5, "rz02", 43));
        assertThat(fences.bump(ShardRange.of(40, 59), "rz02", 43)).hasSize(2);

        assertThat(fences.read(4)).contains(new FenceRow(4, "rz02", 43));
        assertThat(fences.read(5)).contains(new FenceRow(5, "rz02", 43));
        assertThat(fences.read(6)).contains(new FenceRow(6, "rz04", 42));
    }

    @Test
    void bumpCreatesAMissingFenceRow() {
        assertThat(fences.bump(ShardRange.of(0, 9), "rz01", 42)).containsExactly(new FenceRow(0, "rz01", 42));
        assertThat(fences.read(0)).contains(new FenceRow(0, "rz01", 42));
    }

    @Test
    void bumpNeverMovesAFenceBackOrSidewaysAtAnEpochItAlreadyHas() {
        fences.initialize(table);
        fences.bump(ShardRange.of(0, 9), "rz02", 44);

        assertThatThrownBy(() -> fences.bump(ShardRange.of(0, 9), "rz03", 44)).isInstanceOf(UnitRouterException.class)
                .hasMessageContaining("the fence of shard group 0 in database ds_0 is already at epoch 44 (owner rz02);"
                        + " it cannot move to rz03 at epoch 44");
        assertThatThrownBy(() -> fences.bump(ShardRange.of(0, 9), "rz01", 43))
                .hasMessageContaining("is already at epoch 44 (owner rz02)");
        assertThat(fences.read(0)).contains(new FenceRow(0, "rz02", 44));
    }

    @Test
    void bumpOfPartOfAGroupIsRefusedBeforeAnythingChanges() {
        fences.initialize(table);

        assertThatThrownBy(() -> fences.bump(ShardRange.of(0, 14), "rz02", 43))
                .hasMessage("the shards to move include part of shard group 1 (shards 10-19) but not shard 15: a fence"
                        + " covers a whole group, so move whole groups (2 databases x 5 tables)");
        assertThat(fences.read(0)).contains(new FenceRow(0, "rz01", 42));
    }

    @Test
    void initializeRefusesAGroupWithSeveralOwners() {
        String[] owners = TestRules.document().owners();
        owners[5] = "rz02";
        RoutingTable split = RoutingTable.of(TestRules.document().toBuilder().epoch(43).owners(owners).build());

        assertThatThrownBy(() -> fences.initialize(split))
                .hasMessageStartingWith("shard group 0 (shards 0-9) is owned by [rz01, rz02] at epoch 43");
    }
}
