package io.unitrouter.sharding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrouter.core.ShardRange;
import io.unitrouter.core.UnitRouterException;
import org.junit.jupiter.api.Test;

class ShardLayoutTest {

    @Test
    void hundredShardsOverTenDatabasesOfTenTablesPutEachShardInItsOwnGroup() {
        ShardLayout layout = ShardLayout.of(10, 10);

        assertThat(layout.groups()).isEqualTo(100);
        assertThat(layout.groupOf(37, 100)).isEqualTo(37);
        assertThat(layout.databaseOf(37)).isEqualTo(3);
        assertThat(layout.tableOf(37)).isEqualTo(7);
        assertThat(layout.physicalTable("t_account", 7)).isEqualTo("t_account_7");
    }

    @Test
    void groupsHoldConsecutiveShardsSoThatRangesOfShardsStayTogether() {
        ShardLayout layout = ShardLayout.of(2, 5);

        assertThat(layout.shardsPerGroup(100)).isEqualTo(10);
        assertThat(layout.groupOf(37, 100)).isEqualTo(3);
        assertThat(layout.shardsOf(3, 100)).isEqualTo(ShardRange.of(30, 39));
        assertThat(layout.databaseOf(3)).isZero();
        assertThat(layout.tableOf(3)).isEqualTo(3);
        assertThat(layout.databaseOf(5)).isEqualTo(1);
        assertThat(layout.groupAt(1, 0)).isEqualTo(5);
    }

    @Test
    void oneTablePerDatabaseKeepsTheLogicalTableName() {
        assertThat(ShardLayout.of(4, 1).physicalTable("t_account", 0)).isEqualTo("t_account");
    }

    @Test
    void shardCountThatDoesNotSplitEvenlyIsRefusedNamingTheValues() {
        ShardLayout layout = ShardLayout.of(3, 4);

        assertThat(layout.problemWith(100)).isEqualTo("100 shards cannot be spread evenly over 3 databases x 4 tables"
                + " = 12 shard groups: the shard count must be a multiple of the group count");
        assertThat(layout.problemWith(120)).isNull();
        assertThatThrownBy(() -> layout.groupOf(5, 100)).isInstanceOf(UnitRouterException.class)
                .hasMessageContaining("100 shards cannot be spread evenly");
    }

    @Test
    void emptyLayoutsAndIndexesOutsideTheLayoutAreRefused() {
        assertThatThrownBy(() -> ShardLayout.of(0, 1)).hasMessage("a shard layout needs at least 1 database, was 0");
        assertThatThrownBy(() -> ShardLayout.of(1, 0))
                .hasMessage("a shard layout needs at least 1 table per database, was 0");
        ShardLayout layout = ShardLayout.of(2, 5);
        assertThatThrownBy(() -> layout.databaseOf(10)).hasMessage("shard group 10 is outside 0..9");
        assertThatThrownBy(() -> layout.groupOf(100, 100)).hasMessage("shard 100 is outside 0..99");
        assertThatThrownBy(() -> layout.physicalTable("t", 5)).hasMessage("table index 5 is outside 0..4");
    }

    @Test
    void layoutsAreValuesThatDescribeThemselves() {
        assertThat(ShardLayout.of(2, 5)).isEqualTo(ShardLayout.of(2, 5)).hasSameHashCodeAs(ShardLayout.of(2, 5))
                .isNotEqualTo(ShardLayout.of(5, 2)).hasToString("2 databases x 5 tables");
    }
}
