package io.unitrouter.console.rules;

import io.unitrouter.core.failover.FailoverPhase;
import io.unitrouter.core.failover.FailoverPlan;
import io.unitrouter.core.failover.FailoverRun;
import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import io.unitrouter.core.rules.RuleRejection;
import io.unitrouter.core.rules.RuleValidationException;
import io.unitrouter.core.spi.AbstractRuleStore;
import io.unitrouter.core.spi.RuleListener;
import io.unitrouter.core.spi.RuleStore;
import io.unitrouter.core.spi.RuleStoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule documents the console knows, by epoch, for the shard history and the diff between two epochs, and the
 * rejections it has heard of. Where they come from:
 *
 * <ul>
 *   <li>the rule store: the document in force at start, and every document it puts in force afterwards;</li>
 *   <li>the failover journal: each run's base, freeze and target documents, so a failover's epochs are known even
 *       when the store's watcher saw only the last of two quick publishes;</li>
 *   <li>documents published from the console;</li>
 *   <li>optionally a directory ({@code unit-router.console.history.directory}) where every epoch is written as
 *       {@code epoch-N.yaml} and read back at start, so the history survives a restart.</li>
 * </ul>
 *
 * An epoch that was in force only between two reads of the store, and not journaled, is missing. The oldest
 * epochs go first beyond the configured maximum.
 *
 * <p>Thread-safe.
 */
public final class RuleHistory implements RuleListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RuleHistory.class);
    private static final Pattern EPOCH_FILE = Pattern.compile("epoch-(\\d+)\\.yaml");
    private static final int REJECTIONS_KEPT = 20;

    /**
     * One epoch the console knows.
     *
     * @param epoch the epoch
     * @param checksum its routing checksum
     * @param seen when the console learnt of it
     * @param origin where from, e.g. {@code rule store}, {@code journal f42-7c1e (freeze)}, {@code published by alice}
     * @param document the document
     */
    public record Entry(long epoch, String checksum, Instant seen, String origin, RuleDocument document) {
    }

    private final RuleStore store;
    private final int maxEpochs;
    private final Path directory;
    private final Clock clock;
    private final TreeMap<Long, Entry> entries = new TreeMap<>();
    private final Deque<RuleRejection> rejections = new ArrayDeque<>();
    private final Set<String> runsSeen = new HashSet<>();
    private RuleStore.Subscription subscription;

    /**
     * @param store the rule store to follow
     * @param maxEpochs the most epochs to keep, {@code >= 2}
     * @param directory where to keep every epoch across restarts, or {@code null}
     * @param clock for the times epochs were seen
     * @throws IllegalArgumentException if {@code maxEpochs < 2}
     */
    public RuleHistory(RuleStore store, int maxEpochs, Path directory, Clock clock) {
        if (maxEpochs < 2) {
            throw new IllegalArgumentException("unit-router.console.history.max-epochs must be >= 2, was " + maxEpochs);
        }
        this.store = Objects.requireNonNull(store, "store");
        this.maxEpochs = maxEpochs;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * Reads the directory, records the document in force, and starts following the store.
     *
     * @return this
     */
    public RuleHistory start() {
        if (directory != null) {
            readDirectory();
        }
        subscription = store.watch(this);
        try {
            record(store.load(), "rule store");
        } catch (RuleStoreException e) {
            // An empty or broken store: the pages say so; the history fills once a valid document arrives.
            LOG.warn("no rule document in force yet: {}", e.getMessage());
        }
        if (store instanceof AbstractRuleStore abstractStore) {
            abstractStore.lastRejection().ifPresent(this::onRejected);
        }
        return this;
    }

    private void readDirectory() {
        try {
            Files.createDirectories(directory);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "epoch-*.yaml")) {
                for (Path file : files) {
                    Matcher name = EPOCH_FILE.matcher(file.getFileName().toString());
                    if (name.matches()) {
                        readEpochFile(file);
                    }
                }
            }
        } catch (IOException e) {
            throw new RuleStoreException("history:" + directory, "cannot read the history directory: " + e, e);
        }
    }

    private void readEpochFile(Path file) throws IOException {
        try {
            RuleDocument document = RuleDocuments.parse(Files.readString(file, StandardCharsets.UTF_8),
                    file.toString());
            keep(document, "history file " + file.getFileName(), Files.getLastModifiedTime(file).toInstant());
        } catch (RuleValidationException e) {
            LOG.warn("skipping {}: {}", file, e.getMessage());
        }
    }

    @Override
    public void onRules(RuleDocument document) {
        record(document, "rule store");
    }

    @Override
    public void onRejected(RuleRejection rejection) {
        synchronized (rejections) {
            if (!rejections.isEmpty() && rejections.peekLast().equals(rejection)) {
                return;
            }
            rejections.addLast(rejection);
            while (rejections.size() > REJECTIONS_KEPT) {
                rejections.removeFirst();
            }
        }
    }

    /**
     * Records the documents of a failover run: its base and freeze documents, and its target once it has switched.
     *
     * @param run a run from the journal
     */
    public void recordRun(FailoverRun run) {
        boolean switched = run.finished(FailoverPhase.SWITCH);
        synchronized (runsSeen) {
            // Once while it runs, and once more when it has switched, for its target.
            if (!runsSeen.add(run.id() + (switched ? "/switched" : ""))) {
                return;
            }
        }
        FailoverPlan plan;
        try {
            plan = run.plan();
        } catch (RuntimeException e) {
            LOG.warn("cannot read the documents of run {} from the journal: {}", run.id(), e.getMessage());
            return;
        }
        record(plan.base(), "journal " + run.id() + " (base)");
        plan.freezeDocument().ifPresent(d -> record(d, "journal " + run.id() + " (freeze)"));
        if (switched) {
            record(plan.target(), "journal " + run.id() + " (switch)");
        }
    }

    /**
     * Records a document, unless its epoch is known already.
     *
     * @param document the document
     * @param origin where it came from
     */
    public void record(RuleDocument document, String origin) {
        boolean added = keep(document, origin, clock.instant());
        if (added && directory != null) {
            write(document);
        }
    }

    private boolean keep(RuleDocument document, String origin, Instant seen) {
        synchronized (entries) {
            if (entries.containsKey(document.epoch())) {
                return false;
            }
            entries.put(document.epoch(), new Entry(document.epoch(), RoutingTable.of(document).checksum(), seen,
                    origin, document));
            while (entries.size() > maxEpochs) {
                entries.pollFirstEntry();
            }
            return true;
        }
    }

    private void write(RuleDocument document) {
        Path file = directory.resolve("epoch-" + document.epoch() + ".yaml");
        try {
            Files.writeString(file, RuleDocuments.toYaml(document), StandardCharsets.UTF_8);
        } catch (IOException e) {
            // The epoch stays in memory; only its copy for the next start is lost.
            LOG.warn("could not write {}: {}", file, e.toString());
        }
    }

    /** Every epoch known, oldest first. */
    public List<Entry> entries() {
        synchronized (entries) {
            return List.copyOf(entries.values());
        }
    }

    /**
     * One epoch.
     *
     * @param epoch the epoch
     * @return its entry, if known
     */
    public Optional<Entry> at(long epoch) {
        synchronized (entries) {
            return Optional.ofNullable(entries.get(epoch));
        }
    }

    /** The rejections heard of, oldest first; the last is the store's last rejection. */
    public List<RuleRejection> rejections() {
        synchronized (rejections) {
            return List.copyOf(rejections);
        }
    }

    /** The documents known, by epoch, oldest first. */
    public Map<Long, RuleDocument> documents() {
        Map<Long, RuleDocument> result = new TreeMap<>();
        entries().forEach(e -> result.put(e.epoch(), e.document()));
        return result;
    }

    /** Where the history comes from, for the page. */
    public List<String> sources() {
        List<String> sources = new ArrayList<>(List.of("the rule store " + store.name() + " (each epoch the console"
                + " saw in force)", "the failover journal (each run's base, freeze and switch documents)",
                "documents published from this console"));
        if (directory != null) {
            sources.add("the history directory " + directory + " (kept across restarts)");
        }
        return sources;
    }

    /** Stops following the store. */
    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
    }
}
