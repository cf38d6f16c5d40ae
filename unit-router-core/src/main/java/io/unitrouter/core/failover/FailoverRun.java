package io.unitrouter.core.failover;

import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One execution of a plan, as the journal records it: who started it and when, which plan (by checksum and
 * by its documents), which coordinator holds it now, every step with its times and outcome, and how it ended.
 * It is also the audit record: {@link #operator()}, {@link #started()}, {@link #planChecksum()} and
 * {@link #phaseDurations()}.
 *
 * <p>Immutable and thread-safe: a snapshot of the journal at one moment.
 */
public final class FailoverRun {

    private final String id;
    private final FailoverEvent event;
    private final String planChecksum;
    private final String operator;
    private final String holder;
    private final RunStatus status;
    private final long baseEpoch;
    private final long freezeEpoch;
    private final long switchEpoch;
    private final long restoreEpoch;
    private final Instant started;
    private final Instant updated;
    private final Instant ended;
    private final List<StepRecord> steps;
    private final String problem;
    private final String fence;
    private final Set<String> excludedInstances;
    private final String baseDocument;
    private final String targetDocument;

    FailoverRun(Fields f) {
        this.id = Objects.requireNonNull(f.id, "id");
        this.event = Objects.requireNonNull(f.event, "event");
        this.planChecksum = Objects.requireNonNull(f.planChecksum, "planChecksum");
        this.operator = Objects.requireNonNull(f.operator, "operator");
        this.holder = Objects.requireNonNull(f.holder, "holder");
        this.status = Objects.requireNonNull(f.status, "status");
        this.baseEpoch = f.baseEpoch;
        this.freezeEpoch = f.freezeEpoch;
        this.switchEpoch = f.switchEpoch;
        this.restoreEpoch = f.restoreEpoch;
        this.started = Objects.requireNonNull(f.started, "started");
        this.updated = Objects.requireNonNull(f.updated, "updated");
        this.ended = f.ended;
        this.steps = List.copyOf(f.steps);
        this.problem = f.problem;
        this.fence = f.fence == null ? "" : f.fence;
        this.excludedInstances = Set.copyOf(new TreeSet<>(f.excludedInstances));
        this.baseDocument = Objects.requireNonNull(f.baseDocument, "baseDocument");
        this.targetDocument = Objects.requireNonNull(f.targetDocument, "targetDocument");
    }

    /** The run's id, e.g. {@code f42-7c1e}: {@code f}, the base epoch and four random hex digits. */
    public String id() {
        return id;
    }

    /** The event the plan reacts to. */
    public FailoverEvent event() {
        return event;
    }

    /** The {@link FailoverPlan#checksum()} of the plan executed. */
    public String planChecksum() {
        return planChecksum;
    }

    /** Who started the run, e.g. {@code alice@bastion}. */
    public String operator() {
        return operator;
    }

    /** The coordinator that holds the run now, e.g. {@code alice@bastion#4711/7f3e}; changes on resume or abort. */
    public String holder() {
        return holder;
    }

    /** Where the run stands. */
    public RunStatus status() {
        return status;
    }

    /** The epoch in force when the plan was made. */
    public long baseEpoch() {
        return baseEpoch;
    }

    /** The epoch that freezes the moving shards; {@code -1} when no shard moves. */
    public long freezeEpoch() {
        return freezeEpoch;
    }

    /** The epoch that publishes the target; the fences of moving shards are bumped to it. */
    public long switchEpoch() {
        return switchEpoch;
    }

    /** The epoch an abort publishes the previous owners at; {@code -1} unless aborting or aborted. */
    public long restoreEpoch() {
        return restoreEpoch;
    }

    /** When the run started. */
    public Instant started() {
        return started;
    }

    /** When the journal last changed for this run. */
    public Instant updated() {
        return updated;
    }

    /** When it completed or was aborted. */
    public Optional<Instant> ended() {
        return Optional.ofNullable(ended);
    }

    /** Every step attempt, in order. */
    public List<StepRecord> steps() {
        return steps;
    }

    /** Why the run stopped last, if it did (a barrier timeout, a probe failure, a conflict). */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** The fence the run bumps, by name, or a note that it runs without one. */
    public String fence() {
        return fence;
    }

    /** Instances an operator chose not to wait for at the barriers (see {@link FailoverCoordinator#resume}). */
    public Set<String> excludedInstances() {
        return excludedInstances;
    }

    /**
     * The document in force when the plan was made, as YAML; empty for an older run of the history (the journal
     * keeps the documents of the active run and the two newest ended runs).
     */
    public String baseDocument() {
        return baseDocument;
    }

    /** The plan's target document, as YAML; empty when the journal no longer keeps it (see {@link #baseDocument}). */
    public String targetDocument() {
        return targetDocument;
    }

    /** Whether the journal still keeps this run's documents, so that {@link #plan()} can rebuild the plan. */
    public boolean hasDocuments() {
        return !baseDocument.isEmpty() && !targetDocument.isEmpty();
    }

    /**
     * The plan, rebuilt from the journaled documents; its checksum is {@link #planChecksum()}.
     *
     * @throws FailoverException if the journal no longer keeps the documents of this run
     */
    public FailoverPlan plan() {
        if (!hasDocuments()) {
            throw new FailoverException("the journal no longer keeps the documents of run " + id + "; it keeps those"
                    + " of the active run and the two newest ended runs", this, java.util.Map.of("run", id), null);
        }
        RuleDocument base = RuleDocuments.parse(baseDocument, "journal:" + id + "/base");
        RuleDocument target = RuleDocuments.parse(targetDocument, "journal:" + id + "/target");
        return FailoverPlan.of(event, base, target);
    }

    /** Whether a phase has finished (done or skipped). */
    public boolean finished(FailoverPhase phase) {
        return steps.stream().anyMatch(s -> s.phase() == phase && s.finished());
    }

    /** Whether a phase has been begun at least once. */
    public boolean begun(FailoverPhase phase) {
        return steps.stream().anyMatch(s -> s.phase() == phase);
    }

    /** The last step attempt, if any. */
    public Optional<StepRecord> lastStep() {
        return steps.isEmpty() ? Optional.empty() : Optional.of(steps.get(steps.size() - 1));
    }

    /** How long each phase took, over all its attempts that ended, in phase order. */
    public Map<FailoverPhase, Duration> phaseDurations() {
        Map<FailoverPhase, Duration> durations = new EnumMap<>(FailoverPhase.class);
        for (StepRecord step : steps) {
            step.duration().ifPresent(d -> durations.merge(step.phase(), d, Duration::plus));
        }
        return durations;
    }

    /** From start to end, or to the last journal change while the run is active. */
    public Duration duration() {
        return Duration.between(started, ended != null ? ended : updated);
    }

    @Override
    public String toString() {
        return "FailoverRun[" + id + ", " + event + ", plan " + planChecksum + ", " + status + ", holder " + holder
                + "]";
    }

    Fields toFields() {
        Fields f = new Fields();
        f.id = id;
        f.event = event;
        f.planChecksum = planChecksum;
        f.operator = operator;
        f.holder = holder;
        f.status = status;
        f.baseEpoch = baseEpoch;
        f.freezeEpoch = freezeEpoch;
        f.switchEpoch = switchEpoch;
        f.restoreEpoch = restoreEpoch;
        f.started = started;
        f.updated = updated;
        f.ended = ended;
        f.steps = new ArrayList<>(steps);
        f.problem = problem;
        f.fence = fence;
        f.excludedInstances = new TreeSet<>(excludedInstances);
        f.baseDocument = baseDocument;
        f.targetDocument = targetDocument;
        return f;
    }

    /** A copy with a step begun. */
    FailoverRun begin(FailoverPhase phase, Instant at) {
        Fields f = toFields();
        f.steps.add(new StepRecord(phase, at, null, StepRecord.Outcome.RUNNING, ""));
        f.updated = at;
        return new FailoverRun(f);
    }

    /** A copy with the running attempt of {@code phase} ended. */
    FailoverRun end(FailoverPhase phase, Instant at, StepRecord.Outcome outcome, String detail) {
        Fields f = toFields();
        for (int i = f.steps.size() - 1; i >= 0; i--) {
            StepRecord step = f.steps.get(i);
            if (step.phase() == phase && step.outcome() == StepRecord.Outcome.RUNNING) {
                f.steps.set(i, step.end(at, outcome, detail));
                break;
            }
        }
        f.updated = at;
        f.problem = outcome == StepRecord.Outcome.FAILED ? phase + ": " + detail : null;
        return new FailoverRun(f);
    }

    /** A copy held by another coordinator, with more instances excluded from the barriers. */
    FailoverRun takenOver(String newHolder, Collection<String> exclude, Instant at) {
        Fields f = toFields();
        f.holder = newHolder;
        f.excludedInstances.addAll(exclude);
        f.updated = at;
        return new FailoverRun(f);
    }

    /** A copy that is being aborted, restoring at {@code epoch}. */
    FailoverRun aborting(long epoch, Instant at) {
        Fields f = toFields();
        f.status = RunStatus.ABORTING;
        f.restoreEpoch = epoch;
        f.updated = at;
        return new FailoverRun(f);
    }

    /** A copy without the documents, for older runs of the history. */
    FailoverRun withoutDocuments() {
        Fields f = toFields();
        f.baseDocument = "";
        f.targetDocument = "";
        return new FailoverRun(f);
    }

    /** A copy that has ended with {@code how}. */
    FailoverRun ended(RunStatus how, Instant at) {
        Fields f = toFields();
        f.status = how;
        f.ended = at;
        f.updated = at;
        f.problem = null;
        return new FailoverRun(f);
    }

    /** The mutable fields a run is built from; for this package's codec and withers. */
    static final class Fields {
        String id;
        FailoverEvent event;
        String planChecksum;
        String operator;
        String holder;
        RunStatus status;
        long baseEpoch;
        long freezeEpoch = -1;
        long switchEpoch;
        long restoreEpoch = -1;
        Instant started;
        Instant updated;
        Instant ended;
        List<StepRecord> steps = new ArrayList<>();
        String problem;
        String fence;
        Collection<String> excludedInstances = new TreeSet<>();
        String baseDocument;
        String targetDocument;
    }
}
