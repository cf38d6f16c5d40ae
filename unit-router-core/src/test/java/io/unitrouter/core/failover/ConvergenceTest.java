package io.unitrouter.core.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrouter.core.spi.AppliedEpoch;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConvergenceTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final Liveness LIVENESS = Liveness.defaults();

    private static AppliedEpoch report(String instance, String cell, long epoch, long secondsAgo) {
        return new AppliedEpoch(instance, cell, epoch, "c", NOW.minusSeconds(60), NOW.minusSeconds(secondsAgo));
    }

    @Test
    void aReportPastItsTimeToLiveIsNotLiveAndIsNotWaitedFor() {
        Convergence convergence = Convergence.of(List.of(report("a", "rz01", 43, 1), report("dead", "rz02", 42, 6)),
                NOW, LIVENESS);

        assertThat(convergence.live()).extracting(Convergence.InstanceState::instanceId).containsExactly("a");
        assertThat(convergence.allLiveApplied(43)).isTrue();
        assertThat(convergence.instances()).extracting(Convergence.InstanceState::age)
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(6));
    }

    @Test
    void aLiveInstanceBehindTheEpochIsNamed() {
        Convergence convergence = Convergence.of(List.of(report("a", "rz01", 43, 0), report("b", "rz02", 42, 5),
                report("gw", null, 44, 2)), NOW, LIVENESS);

        assertThat(convergence.allLiveApplied(43)).isFalse();
        assertThat(convergence.behind(43)).extracting(Convergence.InstanceState::instanceId).containsExactly("b");
        assertThat(convergence.behind(44)).extracting(Convergence.InstanceState::instanceId)
                .containsExactly("a", "b");
        assertThat(convergence.instances()).extracting(Convergence.InstanceState::instanceId)
                .containsExactly("gw", "a", "b");
    }

    @Test
    void aHeartbeatFromAClockAheadCountsAsJustNow() {
        Convergence convergence = Convergence.of(List.of(report("ahead", "rz01", 43, -3)), NOW, LIVENESS);

        assertThat(convergence.instances().get(0).age()).isZero();
        assertThat(convergence.instances().get(0).live()).isTrue();
    }

    @Test
    void livenessNeedsAPositiveTtlAndALongerPruneAge() {
        assertThatThrownBy(() -> new Liveness(Duration.ZERO, Duration.ofHours(1)))
                .hasMessage("the liveness ttl must be positive, was PT0S");
        assertThatThrownBy(() -> new Liveness(Duration.ofSeconds(5), Duration.ofSeconds(5)))
                .hasMessage("pruneAfter (PT5S) must be longer than the ttl (PT5S)");
        assertThat(LIVENESS.pruneBefore(NOW)).isEqualTo(NOW.minus(Duration.ofHours(1)));
    }
}
