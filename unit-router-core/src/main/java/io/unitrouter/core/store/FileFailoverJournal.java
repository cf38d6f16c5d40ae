package io.unitrouter.core.store;

import io.unitrouter.core.failover.spi.FailoverJournal;
import io.unitrouter.core.spi.RuleStoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The failover journal of a {@link FileRuleStore}: a file beside the rule file ({@code rules.yaml.failover}),
 * replaced atomically (temporary file, flush, rename) under an exclusive lock on {@code rules.yaml.failover.lock},
 * which serialises threads and processes on the same local file system.
 *
 * <p>Thread-safe.
 */
public final class FileFailoverJournal implements FailoverJournal {

    /** One lock per lock file in this JVM: file locks are held per process, not per thread. */
    private static final Map<Path, ReentrantLock> IN_PROCESS_LOCKS = new ConcurrentHashMap<>();

    private final Path file;
    private final Path lockFile;

    private FileFailoverJournal(Path file) {
        this.file = file;
        this.lockFile = file.resolveSibling(file.getFileName() + ".lock");
    }

    /**
     * The journal beside a rule file: {@code <rules>.failover}.
     *
     * @param rulesFile the file store's rule file
     * @return the journal
     */
    public static FileFailoverJournal beside(Path rulesFile) {
        return at(rulesFile.resolveSibling(rulesFile.getFileName() + ".failover"));
    }

    /**
     * A journal in a file of your choice; its directory must exist.
     *
     * @param file the journal file
     * @return the journal
     */
    public static FileFailoverJournal at(Path file) {
        return new FileFailoverJournal(Objects.requireNonNull(file, "file"));
    }

    /** The journal file. */
    public Path file() {
        return file;
    }

    @Override
    public String name() {
        return "file:" + file;
    }

    @Override
    public Optional<String> read() {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new RuleStoreException(name(), "cannot read the failover journal: " + e, e);
        }
    }

    @Override
    public boolean replace(String expected, String next) {
        Objects.requireNonNull(next, "next");
        ReentrantLock inProcess = IN_PROCESS_LOCKS.computeIfAbsent(lockFile.toAbsolutePath().normalize(),
                p -> new ReentrantLock());
        inProcess.lock();
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            if (!Objects.equals(read().orElse(null), expected)) {
                return false;
            }
            AtomicFiles.write(file, next);
            return true;
        } catch (IOException e) {
            throw new RuleStoreException(name(), "cannot write the failover journal: " + e, e);
        } finally {
            inProcess.unlock();
        }
    }
}
