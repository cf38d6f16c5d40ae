package io.unitrouter.core.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.unitrouter.core.TestRules;
import io.unitrouter.core.failover.spi.ReplicationProbe;
import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.rules.RuleDocument;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CoordinatorTest {

    private final Cluster cluster = new Cluster(10);

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void aDataCenterLossRunsEveryPhaseAndEndsWithTheTargetInForce() {
        FailoverCoordinator coordinator = cluster.coordinator().build();
        FailoverPlan plan = coordinator.plan(FailoverEvent.parse("dc-down:hz1"));

        FailoverRun run = coordinator.execute(plan);

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.steps()).extracting(StepRecord::phase).containsExactly(FailoverPhase.FREEZE,
                FailoverPhase.BARRIER, FailoverPhase.FENCE, FailoverPhase.CATCH_UP, FailoverPhase.SWITCH,
                FailoverPhase.VERIFY);
        assertThat(run.steps()).extracting(StepRecord::outcome).containsExactly(StepRecord.Outcome.DONE,
                StepRecord.Outcome.DONE, StepRecord.Outcome.DONE, StepRecord.Outcome.SKIPPED, StepRecord.Outcome.DONE,
                StepRecord.Outcome.DONE);
        assertThat(cluster.log.epochs()).containsExactly(42L, 43L, 44L);
        assertThat(RoutingTable.of(cluster.store.load()).checksum()).isEqualTo(plan.targetChecksum());
        assertThat(cluster.fence.row(5)).isEqualTo(new RecordingFence.Row("rz02", 44));
        assertThat(cluster.fence.row(25)).isNull();
        assertThat(cluster.routerEpochs()).containsOnly(44L);
        assertThat(coordinator.activeRun()).isEmpty();
        assertThat(coordinator.history()).extracting(FailoverRun::id).containsExactly(run.id());
        cluster.log.assertSafe(true);
    }

    @Test
    void theFreezeEpochFreezesTheMovingShardsUnderTheirOldOwner() {
        FailoverCoordinator coordinator = cluster.coordinator().build();

        coordinator.execute(coordinator.plan(FailoverEvent.parse("dc-down:hz1")));

        RuleDocument freeze = cluster.log.entries().stream().filter(EpochLog.Entry::isDocument)
                .map(EpochLog.Entry::document).filter(d -> d.epoch() == 43).findFirst().orElseThrow();
        assertThat(IntStream.range(0, 100).filter(freeze::isFrozen).toArray())
                .isEqualTo(IntStream.range(0, 20).toArray());
        assertThat(freeze.ownerOf(5)).isEqualTo("rz01");
    }

    @Test
    void theFencesAreBumpedAfterTheFreezeAndBeforeTheSwitch() {
        FailoverCoordinator coordinator = cluster.coordinator().build();

        coordinator.execute(coordinator.plan(FailoverEvent.parse("city-down:hz")));

        List<String> order = cluster.log.entries().stream()
                .map(e -> e.isDocument() ? "epoch " + e.epoch() : "fence " + e.shards() + " " + e.owner()).toList();
        assertThat(order.get(0)).isEqualTo("epoch 42");
        assertThat(order.get(1)).isEqualTo("epoch 43");
        assertThat(order.subList(2, order.size() - 1)).allMatch(line -> line.startsWith("fence "));
        assertThat(order.get(order.size() - 1)).isEqualTo("epoch 44");
        cluster.log.assertSafe(true);
    }

    @Test
    void aPlanWithoutMovesPublishesOnlyTheSwitch() {
        FailoverCoordinator coordinator = cluster.coordinator().build();

        FailoverRun run = coordinator.execute(coordinator.plan(FailoverEvent.cellDown("czhz")));

        assertThat(cluster.log.epochs()).containsExactly(42L, 43L);
        assertThat(cluster.store.load().isOffline("czhz")).isTrue();
        assertThat(run.steps()).filteredOn(s -> s.outcome() == StepRecord.Outcome.SKIPPED)
                .extracting(StepRecord::phase)
                .containsExactly(FailoverPhase.FREEZE, FailoverPhase.BARRIER, FailoverPhase.FENCE, FailoverPhase.CATCH_UP);
    }

    @Test
    void aPlanWhoseBaseIsNoLongerInForceIsRefusedAndNothingIsPublished() {
        FailoverCoordinator coordinator = cluster.coordinator().build();
        FailoverPlan plan = coordinator.plan(FailoverEvent.parse("dc-down:hz1"));
        RuleDocument current = cluster.store.load();
        cluster.store.compareAndSet(42, current.toBuilder().epoch(43).build());

        assertThatThrownBy(() -> coordinator.execute(plan))
                .isInstanceOf(FailoverConflictException.class)
                .hasMessageContaining("was made on epoch 42")
                .hasMessageContaining("but epoch 43")
                .hasMessageEndingWith("is in force: plan again");
        assertThat(cluster.log.epochs()).containsExactly(42L, 43L);
        assertThat(coordinator.activeRun()).isEmpty();
    }

    @Test
    void aBarrierTimeoutNamesTheLaggardAndKeepsTheRunForResume() {
        cluster.stuckInstance("stuck@host#9", "rz03", 42);
        FailoverCoordinator coordinator = cluster.coordinator().barrierTimeout(Duration.ofMillis(300)).build();

        BarrierTimeoutException timeout = catchThrowableOfType(BarrierTimeoutException.class,
                () -> coordinator.execute(coordinator.plan(FailoverEvent.parse("drain:hz1"))));

        assertThat(timeout.getMessage()).contains("had not applied epoch 43").contains("stuck@host#9 (rz03, epoch 42");
        assertThat(timeout.laggards()).extracting(Convergence.InstanceState::instanceId).containsExactly("stuck@host#9");
        FailoverRun stopped = coordinator.activeRun().orElseThrow();
        assertThat(stopped.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(stopped.problem()).hasValueSatisfying(p -> assertThat(p).startsWith("BARRIER: barrier of run"));
        assertThat(cluster.store.load().epoch()).isEqualTo(43);

        FailoverRun run = coordinator.resumeExcluding(List.of("stuck@host#9"));

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.excludedInstances()).containsExactly("stuck@host#9");
        assertThat(run.steps()).filteredOn(s -> s.phase() == FailoverPhase.BARRIER).extracting(StepRecord::outcome)
                .containsExactly(StepRecord.Outcome.FAILED, StepRecord.Outcome.DONE);
        cluster.log.assertSafe(true);
    }

    @Test
    void anInstanceWhoseHeartbeatStoppedIsNotWaitedFor() {
        cluster.deadInstance("gone@host#1", "rz03");
        FailoverCoordinator coordinator = cluster.coordinator().barrierTimeout(Duration.ofSeconds(20)).build();

        FailoverRun run = coordinator.execute(coordinator.plan(FailoverEvent.parse("drain:hz1")));

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(coordinator.convergence().instances()).filteredOn(s -> s.instanceId().equals("gone@host#1"))
                .singleElement().satisfies(s -> assertThat(s.live()).isFalse());
    }

    @Test
    void afterAnUnplannedLossWithAFenceTheLostCellsInstancesAreNotWaitedFor() {
        cluster.stuckInstance("zombie@hz1#7", "rz01", 42);
        FailoverCoordinator coordinator = cluster.coordinator().barrierTimeout(Duration.ofMillis(500)).build();

        FailoverRun run = coordinator.execute(coordinator.plan(FailoverEvent.parse("dc-down:hz1")));

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.steps().get(1).detail()).contains("not counting the lost cells rz01, gz01");
    }

    @Test
    void withoutAFenceEveryLiveInstanceIsWaitedForEvenAfterALoss() {
        cluster.stuckInstance("zombie@hz1#7", "rz01", 42);
        FailoverCoordinator coordinator = FailoverCoordinator.builder().ruleStore(cluster.store)
                .journal(cluster.journal).withoutFence().barrierTimeout(Duration.ofMillis(300))
                .pollInterval(Duration.ofMillis(5)).build();

        assertThatThrownBy(() -> coordinator.execute(coordinator.plan(FailoverEvent.parse("dc-down:hz1"))))
                .isInstanceOf(BarrierTimeoutException.class).hasMessageContaining("zombie@hz1#7");
    }

    @Test
    void verifyReportsAnInstanceThatMissedTheSwitchWithoutFailing() {
        cluster.stuckInstance("slow@sh1#3", "rz03", 43);
        FailoverCoordinator coordinator = cluster.coordinator().barrierTimeout(Duration.ofMillis(300)).build();

        FailoverRun run = coordinator.execute(coordinator.plan(FailoverEvent.parse("drain:hz1")));

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        StepRecord verify = run.steps().get(run.steps().size() - 1);
        assertThat(verify.outcome()).isEqualTo(StepRecord.Outcome.DONE);
        assertThat(verify.detail()).startsWith("switched, but 1 of").contains("slow@sh1#3 (rz03, epoch 43");
    }

    @Test
    void theReplicationProbeIsAskedForEveryPairOfCellsAndThePromotion() {
        List<ReplicationProbe.CatchUp> asked = new CopyOnWriteArrayList<>();
        FailoverCoordinator coordinator = cluster.coordinator().replicationProbe(asked::add).build();

        FailoverRun run = coordinator.execute(coordinator.plan(FailoverEvent.parse("drain:hz1")));

        assertThat(asked).extracting(r -> r.fromCell() + ">" + r.toCell()).containsExactly("rz01>rz02", "gz01>gz02");
        assertThat(asked).allMatch(ReplicationProbe.CatchUp::sourceAlive);
        assertThat(run.steps().get(3).detail()).isEqualTo("rz02 caught up with rz01, gz02 caught up with gz01");
    }

    @Test
    void aFailingProbeStopsTheRunBeforeTheSwitch() {
        FailoverCoordinator coordinator = cluster.coordinator().replicationProbe(request -> {
            throw new io.unitrouter.core.UnitRouterException("replica of rz02 is 3.2 s behind");
        }).build();

        assertThatThrownBy(() -> coordinator.execute(coordinator.plan(FailoverEvent.parse("drain:hz1"))))
                .isInstanceOf(FailoverException.class)
                .hasMessageContaining("CATCH_UP of run").hasMessageContaining("replica of rz02 is 3.2 s behind");
        assertThat(cluster.store.load().epoch()).isEqualTo(43);
        assertThat(coordinator.activeRun().orElseThrow().problem()).hasValueSatisfying(p -> assertThat(p)
                .contains("replica of rz02 is 3.2 s behind"));
    }

    @Test
    void listenersHearEveryPhaseTheBarriersAndTheEnd() {
        List<String> heard = new CopyOnWriteArrayList<>();
        FailoverCoordinator coordinator = cluster.coordinator().listener(new FailoverListener() {
            @Override
            public void onRunStarted(FailoverRun run) {
                heard.add("started " + run.event());
            }

            @Override
            public void onPhaseEnded(FailoverRun run, FailoverPhase phase, Duration took, StepRecord.Outcome outcome) {
                heard.add(phase + " " + outcome);
            }

            @Override
            public void onBarrier(FailoverRun run, FailoverPhase phase, Duration waited, int instances,
                    boolean reached) {
                heard.add("barrier " + phase + " " + instances + " " + reached);
            }

            @Override
            public void onRunEnded(FailoverRun run) {
                heard.add("ended " + run.status());
            }
        }).build();

        coordinator.execute(coordinator.plan(FailoverEvent.parse("drain:hz1")));

        assertThat(heard).containsExactly("started drain:hz1", "FREEZE DONE", "barrier BARRIER 5 true", "BARRIER DONE",
                "FENCE DONE", "CATCH_UP SKIPPED", "SWITCH DONE", "barrier VERIFY 5 true", "VERIFY DONE",
                "ended COMPLETED");
    }

    @Test
    void theAuditRecordsWhoWhenWhichPlanAndEachPhasesDuration() {
        FailoverCoordinator coordinator = cluster.coordinator().operator("alice@bastion").build();
        FailoverPlan plan = coordinator.plan(FailoverEvent.parse("drain:hz1"));

        coordinator.execute(plan);

        FailoverRun audit = coordinator.history().get(0);
        assertThat(audit.operator()).isEqualTo("alice@bastion");
        assertThat(audit.planChecksum()).isEqualTo(plan.checksum());
        assertThat(audit.started()).isBeforeOrEqualTo(audit.ended().orElseThrow());
        assertThat(audit.phaseDurations()).containsOnlyKeys(FailoverPhase.FREEZE, FailoverPhase.BARRIER,
                FailoverPhase.FENCE, FailoverPhase.CATCH_UP, FailoverPhase.SWITCH, FailoverPhase.VERIFY);
        assertThat(audit.plan().checksum()).isEqualTo(plan.checksum());
    }

    @Test
    void aCoordinatorNeedsAFenceOrAnExplicitChoiceWithoutOne() {
        assertThatThrownBy(() -> FailoverCoordinator.builder().ruleStore(cluster.store).journal(cluster.journal).build())
                .hasMessageContaining("needs a database fence: fence(...), or withoutFence()");
        assertThatThrownBy(() -> FailoverCoordinator.builder().ruleStore(cluster.store).build())
                .hasMessageContaining("needs a journal");
        assertThatThrownBy(() -> cluster.coordinator().planner(FailoverPlanner.defaults()).build())
                .hasMessageContaining("the planner moves shards in 0 groups but the fence recording fence has 10");
    }

    @Test
    void aPlanThatCutsThroughAFenceGroupIsRefused() {
        FailoverCoordinator coordinator = cluster.coordinator().build();
        FailoverPlan perShard = FailoverPlanner.defaults().plan(cluster.store.load(), FailoverEvent.parse("move:5-9:rz02"));

        assertThatThrownBy(() -> coordinator.execute(perShard))
                .isInstanceOf(UnsafeStepException.class)
                .hasMessageContaining("moves shards 5-9: rz01 -> rz02, which cuts through shard group 0 (shards 0-9)");
        assertThat(cluster.log.epochs()).containsExactly(42L);
    }

    @Test
    void aCompletedRunCanBeRevertedByItsReversePlan() {
        FailoverCoordinator coordinator = cluster.coordinator().build();
        FailoverRun run = coordinator.execute(coordinator.plan(FailoverEvent.parse("move:20-29:rz05")));

        FailoverPlan back = coordinator.plan(FailoverEvent.revert(run.id()));
        coordinator.execute(back);

        assertThat(back.moves()).containsExactly(new ShardMove(io.unitrouter.core.ShardRange.of(20, 29), "rz05", "rz02"));
        assertThat(cluster.store.load().owners()).isEqualTo(TestRules.threeCities().owners());
        assertThat(cluster.log.epochs()).containsExactly(42L, 43L, 44L, 45L, 46L);
        cluster.log.assertSafe(true);
    }

    @Test
    void drainThenSwitchbackRestoresTheOriginalOwners() {
        FailoverCoordinator coordinator = cluster.coordinator().build();

        coordinator.execute(coordinator.plan(FailoverEvent.parse("drain:hz2")));
        coordinator.execute(coordinator.plan(FailoverEvent.parse("switchback:hz2")));

        RuleDocument now = cluster.store.load();
        assertThat(now.owners()).isEqualTo(TestRules.threeCities().owners());
        assertThat(now.offline()).isEmpty();
        assertThat(now.homes()).isEmpty();
        assertThat(coordinator.history()).hasSize(2);
        cluster.log.assertSafe(true);
    }

    @Test
    void theJournalKeepsTheDocumentsOfTheNewestRunsOnly() {
        FailoverCoordinator coordinator = cluster.coordinator().build();
        coordinator.execute(coordinator.plan(FailoverEvent.parse("drain:hz2")));
        coordinator.execute(coordinator.plan(FailoverEvent.parse("switchback:hz2")));
        coordinator.execute(coordinator.plan(FailoverEvent.parse("drain:sz1")));

        List<FailoverRun> history = coordinator.history();

        assertThat(history).extracting(FailoverRun::hasDocuments).containsExactly(true, true, false);
        assertThat(history.get(2).phaseDurations()).isNotEmpty();
        assertThatThrownBy(() -> history.get(2).plan()).isInstanceOf(FailoverException.class)
                .hasMessageContaining("no longer keeps the documents of run " + history.get(2).id());
    }

    @Test
    void theGuardRefusesAShardMadeWritableBeforeItsFenceMoved() {
        FailoverPlan plan = FailoverPlanner.builder().shardGroups(10).build().plan(TestRules.threeCities(),
                FailoverEvent.parse("drain:hz1"));
        FailoverRun.Fields f = runFields(plan);
        f.steps = new ArrayList<>(List.of(new StepRecord(FailoverPhase.FREEZE, f.started, f.started,
                StepRecord.Outcome.DONE, "")));
        FailoverRun run = new FailoverRun(f);
        RuleDocument freeze = plan.freezeDocument().orElseThrow();

        assertThatThrownBy(() -> PublishGuard.check(run, freeze, plan.target(), FenceLedger.of(run, plan, true)))
                .isInstanceOf(UnsafeStepException.class)
                .hasMessage("refusing to publish epoch 44 of run f42-test: shards 0-19 would become writable by rz02"
                        + " while their fence names rz01");
    }

    @Test
    void theGuardRefusesAMoveWithoutAFreeze() {
        FailoverPlan plan = FailoverPlanner.defaults().plan(TestRules.threeCities(), FailoverEvent.parse("drain:hz1"));
        FailoverRun run = new FailoverRun(runFields(plan));

        assertThatThrownBy(() -> PublishGuard.check(run, plan.base(), plan.target(), FenceLedger.of(run, plan, false)))
                .isInstanceOf(UnsafeStepException.class)
                .hasMessage("refusing to publish epoch 44 of run f42-test: shards 0-19 would move from rz01 to rz02"
                        + " without having been frozen at epoch 42");
    }

    private static FailoverRun.Fields runFields(FailoverPlan plan) {
        FailoverRun.Fields f = new FailoverRun.Fields();
        f.id = "f42-test";
        f.event = plan.event();
        f.planChecksum = plan.checksum();
        f.operator = "tester";
        f.holder = "tester#1/0000";
        f.status = RunStatus.RUNNING;
        f.baseEpoch = plan.baseEpoch();
        f.freezeEpoch = plan.freezeEpoch();
        f.switchEpoch = plan.switchEpoch();
        f.started = java.time.Instant.parse("2026-01-01T00:00:00Z");
        f.updated = f.started;
        f.baseDocument = io.unitrouter.core.rules.RuleDocuments.toYaml(plan.base());
        f.targetDocument = io.unitrouter.core.rules.RuleDocuments.toYaml(plan.target());
        return f;
    }

    @Test
    void everyPublishedEpochKeepsEveryShardOwned() {
        FailoverCoordinator coordinator = cluster.coordinator().build();

        coordinator.execute(coordinator.plan(FailoverEvent.parse("city-down:sh")));

        for (EpochLog.Entry entry : cluster.log.entries()) {
            if (entry.isDocument()) {
                assertThat(Arrays.stream(entry.document().owners()).allMatch(o -> o != null)).isTrue();
            }
        }
    }
}
