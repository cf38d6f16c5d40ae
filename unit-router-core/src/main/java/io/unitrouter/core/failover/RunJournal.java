package io.unitrouter.core.failover;

import io.unitrouter.core.failover.spi.FailoverJournal;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One coordinator's access to the journal: every change is read, checked, changed and written back with
 * compare-and-set, so that of two coordinators exactly one starts a run, and a coordinator whose run was
 * taken over stops at its next write.
 *
 * <p>Thread-safe (it keeps no state between calls beyond the coordinator's identity).
 */
final class RunJournal {

    /** Writes that lose to another writer are retried this often before giving up. */
    private static final int ATTEMPTS = 20;

    private final FailoverJournal journal;
    private final String holder;
    /** The text this coordinator last read or wrote, with its state: the next write tries it first. */
    private volatile Snapshot last;

    private record Snapshot(String text, JournalState state) {
    }

    RunJournal(FailoverJournal journal, String holder) {
        this.journal = journal;
        this.holder = holder;
    }

    String name() {
        return journal.name();
    }

    /** The journal now. */
    JournalState read() {
        return fresh().state();
    }

    private Snapshot fresh() {
        String text = journal.read().orElse(null);
        Snapshot snapshot = new Snapshot(text, decode(text));
        last = snapshot;
        return snapshot;
    }

    /**
     * Starts a run when none is active.
     *
     * @throws FailoverConflictException naming the active run's holder, plan and phase
     */
    FailoverRun start(FailoverRun run) {
        return write(state -> {
            state.activeRun().ifPresent(other -> {
                throw inProgress(other);
            });
            return state.withActive(run);
        }).active();
    }

    /**
     * Changes the active run, which this coordinator must hold.
     *
     * @throws FailoverConflictException if another coordinator took it over, or it is no longer active
     */
    FailoverRun update(String runId, UnaryOperator<FailoverRun> change) {
        return write(state -> state.withActive(change.apply(held(state, runId)))).active();
    }

    /** Ends the active run, which this coordinator must hold, moving it to the history. */
    FailoverRun end(String runId, UnaryOperator<FailoverRun> change) {
        JournalState state = write(s -> s.withEnded(change.apply(held(s, runId))));
        return state.history().get(0);
    }

    /**
     * Takes the active run over from whoever held it.
     *
     * @throws FailoverException if no run is active
     */
    FailoverRun takeOver(UnaryOperator<FailoverRun> change) {
        return write(state -> state.withActive(change.apply(state.activeRun().orElseThrow(
                () -> new FailoverException("no failover is in progress (journal " + journal.name() + ")", null,
                        Map.of(), null))))).active();
    }

    private FailoverRun held(JournalState state, String runId) {
        FailoverRun active = state.active();
        if (active == null || !active.id().equals(runId)) {
            throw new FailoverConflictException("run " + runId + " is no longer in progress in journal "
                    + journal.name() + (active == null ? "" : "; run " + active.id() + " is"), active,
                    Map.of("run", runId));
        }
        if (!active.holder().equals(holder)) {
            throw new FailoverConflictException("run " + runId + " was taken over by " + active.holder() + " at "
                    + active.updated() + "; this coordinator (" + holder + ") stops", active,
                    Map.of("run", runId, "holder", active.holder()));
        }
        return active;
    }

    /**
     * Applies a change with compare-and-set. The first attempt starts from the text this coordinator last saw
     * (a run's own steps follow each other without anyone else writing); if that text is no longer there, the
     * journal is read afresh and the change applied again.
     */
    private JournalState write(UnaryOperator<JournalState> change) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Snapshot base = attempt == 0 && last != null ? last : fresh();
            JournalState next = change.apply(base.state());
            String text = JournalCodec.write(next);
            if (journal.replace(base.text(), text)) {
                last = new Snapshot(text, next);
                return next;
            }
            last = null;
        }
        throw new FailoverConflictException("the failover journal " + journal.name() + " kept changing under "
                + ATTEMPTS + " attempts to write it", null, Map.of("journal", journal.name()));
    }

    private JournalState decode(String text) {
        if (text == null || text.isBlank()) {
            return JournalState.EMPTY;
        }
        try {
            return JournalCodec.read(text);
        } catch (RuntimeException e) {
            throw new FailoverException("the failover journal " + journal.name() + " cannot be read: " + e.getMessage()
                    + "; it is written by coordinators only, so restore it from a backup (or, when no run is in"
                    + " progress, move it aside)", null, Map.of("journal", journal.name()), e);
        }
    }

    static FailoverConflictException inProgress(FailoverRun other) {
        String phase = other.lastStep().map(s -> s.phase() + " (" + s.outcome().name().toLowerCase() + ")")
                .orElse("not started");
        return new FailoverConflictException("another failover is in progress: run " + other.id() + " of "
                + other.event() + " (plan " + other.planChecksum() + ") held by " + other.holder() + " since "
                + other.started() + ", " + other.status().name().toLowerCase() + " at " + phase
                + "; resume or abort it first", other,
                Map.of("run", other.id(), "holder", other.holder(), "plan", other.planChecksum()));
    }
}
