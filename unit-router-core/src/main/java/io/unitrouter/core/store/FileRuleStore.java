package io.unitrouter.core.store;

import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import io.unitrouter.core.rules.RuleRejection;
import io.unitrouter.core.rules.RuleValidationException;
import io.unitrouter.core.spi.AbstractRuleStore;
import io.unitrouter.core.spi.AppliedEpoch;
import io.unitrouter.core.spi.RuleStoreException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The embedded default rule store: a YAML or JSON file on local disk.
 *
 * <ul>
 *   <li>Publishes are atomic and durable: the new text goes to a temporary file in the same directory, is
 *       forced to disk, and is renamed over the old file, and then the directory is forced; readers see the old
 *       or the new document, never half of one, and a crash after {@link #compareAndSet} returns keeps it.</li>
 *   <li>A watcher thread picks up changes whoever writes them, as soon as a file-system event arrives, with no
 *       pause; a periodic check every {@link Builder#pollInterval(Duration) pollInterval} (default 1 s) covers
 *       file systems that send no events. A burst of writes coalesces into reads of the newest file, so each
 *       store ends at the last epoch. A file that does not parse is reported only after it stays so for
 *       {@value #SETTLE_MILLIS} ms without another write, so a writer that is not atomic is not reported
 *       halfway.</li>
 *   <li>{@link #compareAndSet} holds an exclusive lock on {@code <file>.lock} (across processes) and an
 *       in-process lock, so of two publishers from the same epoch exactly one wins.</li>
 *   <li>Every document put in force is also written to {@code <file>.last-good}, after the listeners have
 *       heard of it. If the file is missing or
 *       invalid when the store opens, the last good copy is used, and the problem is reported as a
 *       rejection.</li>
 *   <li>Applied-epoch reports go to one small file per instance in {@code <file>.applied/}.</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class FileRuleStore extends AbstractRuleStore {

    private static final System.Logger LOG = System.getLogger(FileRuleStore.class.getName());

    /** How long a file that does not parse may wait for the rest of a write that is not atomic. */
    static final long SETTLE_MILLIS = 250;

    /** One lock per lock file in this JVM: file locks are held per process, not per thread. */
    private static final Map<Path, ReentrantLock> IN_PROCESS_LOCKS = new ConcurrentHashMap<>();

    private final Path file;
    private final LastGoodCopy lastGood;
    private final Path lockFile;
    private final AppliedEpochDirectory appliedEpochs;
    private final Duration pollInterval;
    private final Object refreshLock = new Object();
    private final Thread watcher;
    private volatile boolean closed;
    private FileStamp lastStamp;

    private FileRuleStore(Builder builder) {
        super("file:" + builder.file);
        this.file = builder.file;
        this.lastGood = LastGoodCopy.at(builder.lastGood != null ? builder.lastGood : sibling(".last-good"), name());
        this.lockFile = sibling(".lock");
        this.appliedEpochs = new AppliedEpochDirectory(builder.appliedDir != null ? builder.appliedDir
                : sibling(".applied"), name());
        this.pollInterval = builder.pollInterval;
        loadInitial();
        this.watcher = builder.watch ? startWatcher() : null;
    }

    /**
     * A builder for a store on {@code file}. The file's directory must exist; the file itself may appear
     * later.
     *
     * @param file the rule document
     * @return a builder
     */
    public static Builder builder(Path file) {
        return new Builder(file);
    }

    /** A store on {@code file} with the defaults: watching, 1 s poll interval, last-good copy beside it. */
    public static FileRuleStore open(Path file) {
        return builder(file).build();
    }

    private Path sibling(String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    /** The rule file. */
    public Path file() {
        return file;
    }

    private void loadInitial() {
        synchronized (refreshLock) {
            lastStamp = FileStamp.of(file);
            Optional<String> text = readIfExists(file);
            if (text.isPresent() && offer(text.get(), file.toString()).isPresent()) {
                return;
            }
            if (text.isEmpty()) {
                reject(new RuleRejection(file.toString(), -1, List.of("the rule file does not exist"), Instant.now()));
            }
            try {
                lastGood.restore((good, source) -> offer(good, source).isPresent(), "the rule file is valid again");
            } catch (IOException e) {
                throw new RuleStoreException(name(), "cannot read " + lastGood.file() + ": " + e, e);
            }
        }
    }

    /**
     * Reads the file now if it has changed since the last look, instead of waiting for the watcher.
     * Useful after writing the file from the same process.
     */
    public void refresh() {
        refresh(false);
    }

    /**
     * Reads the file if its stamp changed, and offers what it holds: parsed once, or not at all when it is
     * the text in force already.
     *
     * @param holdInvalid leave an invalid file unreported (and unread, for the next look) instead of rejecting it
     * @return {@code true} if an invalid file was held back
     */
    private boolean refresh(boolean holdInvalid) {
        synchronized (refreshLock) {
            FileStamp stamp = FileStamp.of(file);
            if (stamp.equals(lastStamp)) {
                return false;
            }
            Optional<String> text = readIfExists(file);
            if (text.isEmpty() || isInForce(text.get())) {
                lastStamp = stamp;
                return false;
            }
            RuleDocument document;
            try {
                document = RuleDocuments.parse(text.get(), file.toString());
            } catch (RuleValidationException e) {
                if (holdInvalid) {
                    return true;
                }
                lastStamp = stamp;
                reject(RuleRejection.of(e, -1));
                return false;
            }
            lastStamp = stamp;
            offerParsed(text.get(), document);
            return false;
        }
    }

    @Override
    protected void notified(RuleDocument document, String text) {
        // After the listeners, and not forced to disk: the rule file itself is the durable copy.
        lastGood.keep(document, text);
    }

    /**
     * {@inheritDoc}
     *
     * <p>When this returns {@code true} the document is durable: written to a temporary file that is forced to
     * disk, renamed over the rule file, and the directory forced too, so a crash or power loss keeps it. It is
     * also in force in this store, and its listeners have heard of it. Other stores on the same file pick it up
     * from their watchers. The epoch on disk is read under the lock without parsing, unless the file holds
     * something other than the document in force; the new document is parsed once, as it is put in force.
     */
    @Override
    public boolean compareAndSet(long expectedEpoch, RuleDocument next) {
        if (closed) {
            throw new RuleStoreException(name(), "cannot publish epoch " + next.epoch() + ": the store is closed", null);
        }
        checkNextEpoch(expectedEpoch, next);
        String text = RuleDocuments.toYaml(next);
        boolean won = withLock(() -> {
            long inForce = epochOnDisk();
            if (inForce != expectedEpoch) {
                LOG.log(Level.INFO, () -> name() + ": compare-and-set to epoch " + next.epoch() + " lost: expected "
                        + expectedEpoch + " but " + inForce + " is in force");
                return false;
            }
            try {
                AtomicFiles.write(file, text);
            } catch (IOException e) {
                throw new RuleStoreException(name(), "cannot write " + file + ": " + e, e);
            }
            return true;
        });
        if (won) {
            refresh();
        }
        return won;
    }

    /** The epoch on disk now: the file's if it is valid, else the last good copy's, else -1. */
    private long epochOnDisk() {
        for (Path candidate : new Path[] {file, lastGood.file()}) {
            Optional<String> text = readIfExists(candidate);
            if (text.isPresent() && isInForce(text.get())) {
                return current().map(RuleDocument::epoch).orElse(-1L);
            }
            if (text.isPresent()) {
                try {
                    return RuleDocuments.parse(text.get(), candidate.toString()).epoch();
                } catch (RuleValidationException e) {
                    // An invalid file is not in force; fall through to the last good copy.
                }
            }
        }
        return current().map(RuleDocument::epoch).orElse(-1L);
    }

    private <T> T withLock(Supplier<T> action) {
        ReentrantLock inProcess = IN_PROCESS_LOCKS.computeIfAbsent(lockFile.toAbsolutePath().normalize(),
                p -> new ReentrantLock());
        inProcess.lock();
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            return action.get();
        } catch (IOException e) {
            throw new RuleStoreException(name(), "cannot lock " + lockFile + ": " + e, e);
        } finally {
            inProcess.unlock();
        }
    }

    @Override
    public void reportApplied(AppliedEpoch applied) {
        appliedEpochs.report(applied);
    }

    @Override
    public Map<String, AppliedEpoch> appliedEpochs() {
        return appliedEpochs.readAll();
    }

    @Override
    public int pruneAppliedEpochs(Instant olderThan) {
        return appliedEpochs.prune(olderThan);
    }

    private Thread startWatcher() {
        Thread thread = new Thread(this::watchLoop, "unit-router-rules-" + file.getFileName());
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Reads the file on every wake-up: a file-system event in its directory, or the poll interval. A burst of
     * writes coalesces (each look reads the newest file), and none is missed: the key is reset before the file
     * is read, so a write after the read signals it again. There is no fixed pause. Only a file that does not
     * parse waits, for at most {@value #SETTLE_MILLIS} ms, for another event: a writer that is not atomic may be halfway,
     * and its last write completes the file; otherwise the rejection is reported then.
     */
    private void watchLoop() {
        Path dir = file.toAbsolutePath().getParent();
        try (WatchService service = FileSystems.getDefault().newWatchService()) {
            dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            while (!closed) {
                // The first look comes right after registering: a change made before the watch existed is seen.
                if (refreshQuietly(true)) {
                    WatchKey more = service.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS);
                    if (more != null) {
                        drain(more);
                        continue;
                    }
                    refreshQuietly(false);
                }
                WatchKey key = service.poll(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                if (key != null) {
                    drain(key);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                LOG.log(Level.WARNING, name() + ": file events unavailable, polling every " + pollInterval, e);
                pollLoop();
            }
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    private void pollLoop() {
        while (!closed) {
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            refreshQuietly(false);
        }
    }

    private boolean refreshQuietly(boolean holdInvalid) {
        try {
            return refresh(holdInvalid);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, name() + ": could not read " + file + "; keeping the rules in force", e);
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        if (watcher != null) {
            watcher.interrupt();
        }
    }

    private Optional<String> readIfExists(Path path) {
        try {
            return Optional.of(Files.readString(path, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new RuleStoreException(name(), "cannot read " + path + ": " + e, e);
        }
    }

    /** What changes when a file is replaced or rewritten. */
    private record FileStamp(Object fileKey, long size, long modifiedNanos) {
        static FileStamp of(Path path) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                return new FileStamp(attributes.fileKey(), attributes.size(),
                        attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS));
            } catch (IOException e) {
                return new FileStamp(null, -1, -1);
            }
        }
    }

    /**
     * Options of a {@link FileRuleStore}.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {

        private final Path file;
        private Path lastGood;
        private Path appliedDir;
        private Duration pollInterval = Duration.ofSeconds(1);
        private boolean watch = true;

        private Builder(Path file) {
            this.file = Objects.requireNonNull(file, "file");
        }

        /** Where to keep the last good copy. Default: {@code <file>.last-good}. */
        public Builder lastGoodFile(Path lastGood) {
            this.lastGood = lastGood;
            return this;
        }

        /** Where instances record their applied epochs. Default: {@code <file>.applied/}. */
        public Builder appliedDirectory(Path appliedDir) {
            this.appliedDir = appliedDir;
            return this;
        }

        /**
         * How often the watcher checks the file when no file-system event arrives.
         *
         * @param pollInterval 10 ms to 1 hour; default 1 s
         * @throws IllegalArgumentException outside that range
         */
        public Builder pollInterval(Duration pollInterval) {
            if (pollInterval.compareTo(Duration.ofMillis(10)) < 0 || pollInterval.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("pollInterval must be 10ms..1h, was " + pollInterval);
            }
            this.pollInterval = pollInterval;
            return this;
        }

        /** Whether to watch the file for changes. Default {@code true}; without it, call {@link #refresh()}. */
        public Builder watch(boolean watch) {
            this.watch = watch;
            return this;
        }

        /**
         * Opens the store and reads the file (or, failing that, the last good copy).
         *
         * @throws RuleStoreException if the file's directory does not exist
         */
        public FileRuleStore build() {
            Path dir = file.toAbsolutePath().getParent();
            if (dir == null || !Files.isDirectory(dir)) {
                throw new RuleStoreException("file:" + file, "directory " + dir + " does not exist", null);
            }
            return new FileRuleStore(this);
        }
    }
}
