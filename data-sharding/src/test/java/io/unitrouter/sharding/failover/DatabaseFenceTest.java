package io.unitrouter.sharding.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrouter.core.ShardRange;
import io.unitrouter.sharding.FenceRow;
import io.unitrouter.sharding.Fences;
import io.unitrouter.sharding.ShardLayout;
import io.unitrouter.sharding.support.ShardingFixture;
import io.unitrouter.sharding.support.TestDatabase;
import io.unitrouter.sharding.support.TestRules;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DatabaseFenceTest {

    private static ShardingFixture fixture;

    @BeforeAll
    static void create() {
        fixture = ShardingFixture.create(TestDatabase.H2);
    }

    @AfterAll
    static void drop() {
        fixture.close();
    }

    @Test
    void bumpsTheFencesOfWholeGroupsAndDeclaresTheGroupCount() {
        fixture.reset();
        Fences fences = fixture.fences();
        fences.initialize(TestRules.threeCities().table());
        DatabaseFence fence = DatabaseFence.of(fences);

        fence.bump(List.of(ShardRange.of(0, 9), ShardRange.of(40, 59)), "rz02", 44);
        fence.bump(List.of(ShardRange.of(0, 9), ShardRange.of(40, 59)), "rz02", 44);

        assertThat(fence.shardGroups()).isEqualTo(10);
        assertThat(fences.read(0)).contains(new FenceRow(0, "rz02", 44));
        assertThat(fences.read(4)).contains(new FenceRow(4, "rz02", 44));
        assertThat(fences.read(1)).contains(new FenceRow(1, "rz01", 42));
        assertThat(fence.name()).isEqualTo("unit_fence in 1 set of databases (2 databases x 5 tables)");
    }

    @Test
    void refusesPartOfAGroupAndAnEpochAlreadyPassed() {
        fixture.reset();
        DatabaseFence fence = DatabaseFence.of(fixture.fences());
        fence.bump(List.of(ShardRange.of(20, 29)), "rz03", 45);

        assertThatThrownBy(() -> fence.bump(List.of(ShardRange.of(0, 4)), "rz02", 44))
                .hasMessageContaining("a fence covers a whole group");
        assertThatThrownBy(() -> fence.bump(List.of(ShardRange.of(20, 29)), "rz02", 44))
                .hasMessageContaining("is already at epoch 45 (owner rz03)");
    }

    @Test
    void setsOfDatabasesMustShareTheLayout() {
        Fences fences = fixture.fences();
        Fences other = Fences.of(fixture.adminDataSources(), ShardLayout.of(2, 5), 50);
        Fences otherLayout = Fences.of(java.util.Map.of("ds_0", fixture.adminDataSources().get("ds_0")),
                ShardLayout.of(1, 5), 100);

        assertThat(DatabaseFence.of(fences, other).name()).startsWith("unit_fence in 2 sets of databases");
        assertThatThrownBy(() -> DatabaseFence.of(fences, otherLayout))
                .hasMessageContaining("2 databases x 5 tables and 1 databases x 5 tables differ");
    }
}
