package io.unitrouter.core.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.unitrouter.core.TestRules;
import io.unitrouter.core.routing.RoutingTable;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A coordinator dies after every journal write of every phase (a checkpoint that throws stops it on the
 * spot, as a killed process would), and a second coordinator resumes or aborts the run. The invariants hold
 * across every document published.
 */
class CrashTest {

    /** What a killed coordinator leaves behind: nothing after the point it died. */
    static final class SimulatedCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(FailoverPhase phase, boolean ended) {
            super("coordinator killed " + (ended ? "after " : "during ") + phase);
        }
    }

    private final Cluster cluster = new Cluster(10);

    @AfterEach
    void close() {
        cluster.close();
    }

    static Stream<Arguments> crashPoints() {
        return Arrays.stream(FailoverPhase.FORWARD)
                .flatMap(phase -> Stream.of(Arguments.of(phase, false), Arguments.of(phase, true)));
    }

    private FailoverPlan crashAt(FailoverPhase phase, boolean ended) {
        FailoverCoordinator doomed = cluster.coordinator().operator("doomed").checkpoint((run, at, done) -> {
            if (at == phase && done == ended) {
                throw new SimulatedCrash(phase, ended);
            }
        }).build();
        FailoverPlan plan = doomed.plan(FailoverEvent.parse("city-down:hz"));
        assertThatThrownBy(() -> doomed.execute(plan)).isInstanceOf(SimulatedCrash.class);
        assertThat(doomed.activeRun()).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(RunStatus.RUNNING));
        return plan;
    }

    @ParameterizedTest(name = "killed {1} {0}")
    @MethodSource("crashPoints")
    void aRunKilledAtAnyPointIsResumedToTheTarget(FailoverPhase phase, boolean ended) {
        FailoverPlan plan = crashAt(phase, ended);

        FailoverRun run = cluster.coordinator().operator("rescuer").build().resume();

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.holder()).startsWith("rescuer#");
        assertThat(Arrays.stream(FailoverPhase.FORWARD).allMatch(run::finished)).isTrue();
        assertThat(RoutingTable.of(cluster.store.load()).checksum()).isEqualTo(plan.targetChecksum());
        assertThat(cluster.store.load().epoch()).isEqualTo(plan.switchEpoch());
        IntStream.of(plan.movingShards()).forEach(s -> assertThat(cluster.fence.row(s))
                .isEqualTo(new RecordingFence.Row(plan.target().ownerOf(s), plan.switchEpoch())));
        cluster.log.assertSafe(true);
    }

    @ParameterizedTest(name = "killed {1} {0}")
    @MethodSource("crashPoints")
    void aRunKilledBeforeItsSwitchIsAbortedToThePreviousOwners(FailoverPhase phase, boolean ended) {
        FailoverPlan plan = crashAt(phase, ended);
        FailoverCoordinator rescuer = cluster.coordinator().operator("rescuer").build();
        boolean switched = phase == FailoverPhase.VERIFY || (phase == FailoverPhase.SWITCH && ended);

        if (switched) {
            AbortRefusedException refused = catchThrowableOfType(AbortRefusedException.class, rescuer::abort);
            assertThat(refused.getMessage()).contains("has switched at epoch 44")
                    .contains("revert:" + refused.run().orElseThrow().id()).contains("switchback:hz once it is back");
            FailoverPlan back = refused.reversePlan().orElseThrow();
            rescuer.resume();
            rescuer.execute(rescuer.plan(back.event()));
            assertThat(cluster.store.load().owners()).isEqualTo(TestRules.threeCities().owners());
        } else {
            FailoverRun run = rescuer.abort();
            assertThat(run.status()).isEqualTo(RunStatus.ABORTED);
            assertThat(cluster.store.load().owners()).isEqualTo(TestRules.threeCities().owners());
            assertThat(cluster.store.load().frozen()).isEmpty();
            assertThat(RoutingTable.of(cluster.store.load()).checksum())
                    .isEqualTo(RoutingTable.of(TestRules.threeCities()).checksum());
            // Once FENCE has begun, the abort moves every moving shard's fence back, at the restore epoch.
            if (phase.compareTo(FailoverPhase.FENCE) >= 0) {
                IntStream.of(plan.movingShards()).forEach(s -> assertThat(cluster.fence.row(s))
                        .isEqualTo(new RecordingFence.Row(plan.base().ownerOf(s), plan.switchEpoch() + 1)));
            } else {
                IntStream.of(plan.movingShards()).forEach(s -> assertThat(cluster.fence.row(s)).isNull());
            }
        }
        assertThat(rescuer.activeRun()).isEmpty();
        cluster.log.assertSafe(true);
    }

    @Test
    void anAbortKilledPartWayIsFinishedByTheNextAbort() {
        crashAt(FailoverPhase.CATCH_UP, true);
        FailoverCoordinator doomedRescuer = cluster.coordinator().operator("doomed-rescuer")
                .checkpoint((run, phase, ended) -> {
                    if (phase == FailoverPhase.UNFENCE && ended) {
                        throw new SimulatedCrash(phase, ended);
                    }
                }).build();
        assertThatThrownBy(doomedRescuer::abort).isInstanceOf(SimulatedCrash.class);
        assertThat(doomedRescuer.activeRun()).hasValueSatisfying(r -> assertThat(r.status())
                .isEqualTo(RunStatus.ABORTING));

        FailoverRun run = cluster.coordinator().operator("rescuer").build().resume();

        assertThat(run.status()).isEqualTo(RunStatus.ABORTED);
        assertThat(run.restoreEpoch()).isEqualTo(45);
        assertThat(cluster.store.load().epoch()).isEqualTo(45);
        assertThat(cluster.store.load().owners()).isEqualTo(TestRules.threeCities().owners());
        cluster.log.assertSafe(true);
    }

    @Test
    void theKilledCoordinatorCannotWriteAfterItsRunWasTakenOver() {
        FailoverCoordinator[] slow = new FailoverCoordinator[1];
        FailoverCoordinator rescuer = cluster.coordinator().operator("rescuer").build();
        slow[0] = cluster.coordinator().operator("paused").checkpoint((run, phase, ended) -> {
            if (phase == FailoverPhase.BARRIER && ended && run.holder().startsWith("paused")) {
                // While this coordinator is paused, another takes the run over and finishes it.
                rescuer.resume();
            }
        }).build();

        assertThatThrownBy(() -> slow[0].execute(slow[0].plan(FailoverEvent.parse("drain:hz1"))))
                .isInstanceOf(FailoverConflictException.class)
                .hasMessageContaining("is no longer in progress");
        assertThat(rescuer.history().get(0).status()).isEqualTo(RunStatus.COMPLETED);
        cluster.log.assertSafe(true);
    }
}
