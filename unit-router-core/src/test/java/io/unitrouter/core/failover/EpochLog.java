package io.unitrouter.core.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.core.ShardRange;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.spi.RuleListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything that reached the rule store and the fences, in the order it happened: the in-memory store
 * calls listeners on the publishing thread, and the fence records its bumps here, so the order is exact.
 * {@link #assertSafe} checks the protocol's invariants on it.
 */
final class EpochLog implements RuleListener {

    /** A document put in force, or a fence bump. */
    record Entry(RuleDocument document, ShardRange shards, String owner, long epoch) {
        boolean isDocument() {
            return document != null;
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    EpochLog(RuleDocument initial) {
        entries.add(new Entry(initial, null, null, initial.epoch()));
    }

    @Override
    public synchronized void onRules(RuleDocument document) {
        entries.add(new Entry(document, null, null, document.epoch()));
    }

    synchronized void bumped(ShardRange shards, String owner, long epoch) {
        entries.add(new Entry(null, shards, owner, epoch));
    }

    synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The epochs of the documents put in force, in order. */
    synchronized List<Long> epochs() {
        return entries.stream().filter(Entry::isDocument).map(Entry::epoch).toList();
    }

    /** The last document put in force. */
    synchronized RuleDocument last() {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).isDocument()) {
                return entries.get(i).document();
            }
        }
        throw new IllegalStateException("no document");
    }

    /**
     * Checks, over every consecutive pair of documents put in force: a shard changes owner only if it was
     * frozen before; and (with fences) a shard becomes writable only for the cell its fence names at that
     * moment, where a shard never fenced names the owner it had in the first document.
     */
    synchronized void assertSafe(boolean fenced) {
        RuleDocument previous = null;
        RuleDocument first = entries.get(0).document();
        Map<Integer, String> fence = new HashMap<>();
        for (int s = 0; s < first.shards(); s++) {
            fence.put(s, first.ownerOf(s));
        }
        for (Entry entry : entries) {
            if (!entry.isDocument()) {
                for (int s = entry.shards().from(); s <= entry.shards().to(); s++) {
                    fence.put(s, entry.owner());
                }
                continue;
            }
            RuleDocument next = entry.document();
            if (previous != null) {
                assertThat(next.epoch()).as("epochs increase").isGreaterThan(previous.epoch());
                for (int s = 0; s < next.shards(); s++) {
                    if (!previous.ownerOf(s).equals(next.ownerOf(s))) {
                        assertThat(previous.isFrozen(s)).as("shard %d moved %s -> %s at epoch %d without a freeze", s,
                                previous.ownerOf(s), next.ownerOf(s), next.epoch()).isTrue();
                    }
                    if (fenced && previous.isFrozen(s) && !next.isFrozen(s)) {
                        assertThat(fence.get(s)).as("fence of shard %d when it became writable for %s at epoch %d",
                                s, next.ownerOf(s), next.epoch()).isEqualTo(next.ownerOf(s));
                    }
                }
            }
            previous = next;
        }
    }
}
