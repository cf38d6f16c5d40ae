package io.unitrouter.console.web;

import io.unitrouter.core.failover.Convergence;
import io.unitrouter.core.failover.FailoverPhase;
import io.unitrouter.core.failover.FailoverRun;
import io.unitrouter.core.failover.RunStatus;
import io.unitrouter.core.failover.StepRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A failover run as the journal records it, with every phase's state and timing, for the failover page and the
 * audit.
 *
 * @param id the run id
 * @param event the event
 * @param planChecksum the plan executed
 * @param operator who started it
 * @param holder the coordinator that holds it now
 * @param status {@code RUNNING}, {@code ABORTING}, {@code COMPLETED} or {@code ABORTED}
 * @param active whether it still holds the journal
 * @param baseEpoch the epoch it was planned on
 * @param freezeEpoch the freeze epoch, or {@code -1}
 * @param switchEpoch the switch epoch
 * @param restoreEpoch the epoch an abort restores at, or {@code -1}
 * @param started when it started
 * @param ended when it ended, or {@code null}
 * @param durationMillis from start to end, or to the last journal change
 * @param problem why it stopped last, or {@code null}
 * @param fence the fence it bumps, or a note that it runs without one
 * @param excluded instances the barriers no longer wait for
 * @param phases every phase of the run in order, with its state
 * @param barrier the progress of a barrier that is running, or {@code null}
 */
record RunView(String id, String event, String planChecksum, String operator, String holder, String status,
        boolean active, long baseEpoch, long freezeEpoch, long switchEpoch, long restoreEpoch, String started,
        String ended, long durationMillis, String problem, String fence, Set<String> excluded, List<Phase> phases,
        Barrier barrier) {

    /**
     * One phase.
     *
     * @param phase e.g. {@code FREEZE}
     * @param state {@code pending}, {@code running}, {@code done}, {@code skipped} or {@code failed} (its last attempt)
     * @param attempts how many times it was begun
     * @param begun when its last attempt began, or {@code null}
     * @param ended when its last attempt ended, or {@code null}
     * @param durationMillis its attempts' total time, or {@code null} while none has ended
     * @param detail what its last attempt did or why it failed
     */
    record Phase(String phase, String state, int attempts, String begun, String ended, Long durationMillis,
            String detail) {
    }

    /**
     * How far a running barrier is.
     *
     * @param epoch the epoch waited for
     * @param applied live instances that have applied it
     * @param live live instances
     * @param laggards live instances still behind
     */
    record Barrier(long epoch, int applied, int live, List<String> laggards) {
    }

    /**
     * @param run the run
     * @param convergence the convergence now, for a running barrier's progress
     */
    static RunView of(FailoverRun run, Convergence convergence) {
        List<Phase> phases = new ArrayList<>();
        boolean backward = run.status() == RunStatus.ABORTING || run.status() == RunStatus.ABORTED
                || run.begun(FailoverPhase.UNFENCE) || run.begun(FailoverPhase.RESTORE);
        for (FailoverPhase phase : FailoverPhase.values()) {
            boolean abortPhase = phase == FailoverPhase.UNFENCE || phase == FailoverPhase.RESTORE;
            if (abortPhase && !backward) {
                continue;
            }
            phases.add(phase(run, phase));
        }
        return new RunView(run.id(), run.event().toString(), run.planChecksum(), run.operator(), run.holder(),
                run.status().name(), run.status().active(), run.baseEpoch(), run.freezeEpoch(), run.switchEpoch(),
                run.restoreEpoch(), run.started().toString(), run.ended().map(Instant::toString).orElse(null),
                run.duration().toMillis(), run.problem().orElse(null), run.fence(), run.excludedInstances(), phases,
                barrier(run, convergence));
    }

    private static Phase phase(FailoverRun run, FailoverPhase phase) {
        List<StepRecord> attempts = run.steps().stream().filter(s -> s.phase() == phase).toList();
        if (attempts.isEmpty()) {
            return new Phase(phase.name(), "pending", 0, null, null, null, "");
        }
        StepRecord last = attempts.get(attempts.size() - 1);
        Duration total = run.phaseDurations().get(phase);
        return new Phase(phase.name(), last.outcome().name().toLowerCase(), attempts.size(), last.begun().toString(),
                last.ended() == null ? null : last.ended().toString(), total == null ? null : total.toMillis(),
                last.detail());
    }

    /** A barrier's progress while it runs: BARRIER waits for the freeze epoch, VERIFY for the switch epoch. */
    private static Barrier barrier(FailoverRun run, Convergence convergence) {
        StepRecord last = run.lastStep().orElse(null);
        if (convergence == null || last == null || last.outcome() != StepRecord.Outcome.RUNNING) {
            return null;
        }
        long epoch;
        if (last.phase() == FailoverPhase.BARRIER) {
            epoch = run.freezeEpoch();
        } else if (last.phase() == FailoverPhase.VERIFY) {
            epoch = run.switchEpoch();
        } else {
            return null;
        }
        List<Convergence.InstanceState> live = convergence.live().stream()
                .filter(s -> !run.excludedInstances().contains(s.instanceId())).toList();
        List<String> laggards = live.stream().filter(s -> s.epoch() < epoch).map(Convergence.InstanceState::instanceId)
                .toList();
        return new Barrier(epoch, live.size() - laggards.size(), live.size(), laggards);
    }
}
