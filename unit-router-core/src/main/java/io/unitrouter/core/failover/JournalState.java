package io.unitrouter.core.failover;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the failover journal holds: a revision that every write increases, the active run if any, and the
 * history of ended runs, newest first, at most {@value #HISTORY} of them.
 *
 * @param revision increases with every write
 * @param active the run in progress, or {@code null}
 * @param history ended runs, newest first
 */
record JournalState(long revision, FailoverRun active, List<FailoverRun> history) {

    /** How many ended runs the journal keeps: enough for an incident's audit, small enough to read. */
    static final int HISTORY = 20;

    /**
     * How many of the newest ended runs keep their base and target documents. Only the newest run can be
     * reverted (its target must still be in force), so older runs keep their audit and drop the documents,
     * which keeps every journal write small.
     */
    static final int WITH_DOCUMENTS = 2;

    static final JournalState EMPTY = new JournalState(0, null, List.of());

    JournalState {
        history = List.copyOf(history);
    }

    Optional<FailoverRun> activeRun() {
        return Optional.ofNullable(active);
    }

    /** The next revision with the active run replaced. */
    JournalState withActive(FailoverRun run) {
        return new JournalState(revision + 1, run, history);
    }

    /** The next revision with the active run ended and moved to the history. */
    JournalState withEnded(FailoverRun run) {
        List<FailoverRun> runs = new ArrayList<>();
        runs.add(run);
        runs.addAll(history);
        List<FailoverRun> kept = new ArrayList<>();
        for (int i = 0; i < Math.min(HISTORY, runs.size()); i++) {
            kept.add(i < WITH_DOCUMENTS ? runs.get(i) : runs.get(i).withoutDocuments());
        }
        return new JournalState(revision + 1, null, kept);
    }
}
