package io.unitrouter.core.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrouter.core.ShardRange;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FailoverEventTest {

    @ParameterizedTest
    @ValueSource(strings = {"cell-down:rz01", "dc-down:hz1", "city-down:sh", "drain:hz2", "switchback:rz02",
            "rebalance", "move:20-29,40-49:rz06", "revert:f42-1a2b"})
    void everyFormReadsBackToItsText(String text) {
        assertThat(FailoverEvent.parse(text).toString()).isEqualTo(text);
    }

    @Test
    void readsTheKindTargetAndShards() {
        FailoverEvent move = FailoverEvent.parse("  MOVE:20-29:rz06 ");

        assertThat(move.kind()).isEqualTo(FailoverEvent.Kind.MOVE);
        assertThat(move.target()).isEqualTo("rz06");
        assertThat(move.shards()).containsExactly(ShardRange.of(20, 29));
        assertThat(move.planned()).isTrue();
        assertThat(FailoverEvent.parse("city-down:sh")).isEqualTo(FailoverEvent.cityDown("sh"));
        assertThat(FailoverEvent.cityDown("sh").planned()).isFalse();
        assertThat(FailoverEvent.move(List.of(ShardRange.of(20, 29)), "rz06")).isEqualTo(move);
    }

    @Test
    void anUnknownKindIsNamedWithTheValidForms() {
        assertThatThrownBy(() -> FailoverEvent.parse("city-dwn:sh"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("failover event 'city-dwn:sh' is not valid: 'city-dwn' is not a kind of event")
                .hasMessageContaining("valid forms: cell-down:CELL, dc-down:DC, city-down:CITY, drain:CELL|DC|CITY,"
                        + " switchback:CELL|DC|CITY, rebalance, move:SHARDS:CELL, revert:RUN");
    }

    @Test
    void aMissingTargetSaysWhatTheKindNeeds() {
        assertThatThrownBy(() -> FailoverEvent.parse("city-down"))
                .hasMessageStartingWith("failover event 'city-down' is not valid: expected city-down:CITY");
        assertThatThrownBy(() -> FailoverEvent.parse("dc-down:"))
                .hasMessageStartingWith("failover event 'dc-down:' is not valid: expected dc-down:DC");
        assertThatThrownBy(() -> FailoverEvent.parse("move:20-29"))
                .hasMessageStartingWith("failover event 'move:20-29' is not valid: expected move:SHARDS:CELL");
    }

    @Test
    void badShardsOfAMoveAreQuoted() {
        assertThatThrownBy(() -> FailoverEvent.parse("move:a-b:rz03"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("failover event 'move:a-b:rz03' is not valid: shard range 'a-b' is not of the"
                        + " form 'from-to' or 'shard'");
    }

    @Test
    void aTargetThatIsNoIdIsQuoted() {
        assertThatThrownBy(() -> FailoverEvent.parse("cell-down:rz 01"))
                .hasMessageContaining("'rz 01' is not a valid id");
        assertThatThrownBy(() -> FailoverEvent.parse("rebalance:now"))
                .hasMessageContaining("rebalance takes no argument");
        assertThatThrownBy(() -> FailoverEvent.parse(" "))
                .hasMessageContaining("the event is empty");
    }
}
