package io.unitrouter.core.store;

import io.unitrouter.core.spi.AppliedEpoch;
import io.unitrouter.core.spi.AppliedEpochFormat;
import io.unitrouter.core.spi.RuleStoreException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Applied-epoch reports kept as one small file per instance in a directory ({@code <rules>.applied/} for the
 * {@link FileRuleStore}): the file name is the URL-encoded instance id, the content is
 * {@link AppliedEpochFormat}. Each report (and each heartbeat) replaces the instance's file atomically.
 *
 * <p>Thread-safe; several processes may share the directory.
 */
public final class AppliedEpochDirectory {

    private static final System.Logger LOG = System.getLogger(AppliedEpochDirectory.class.getName());

    private final Path directory;
    private final String storeName;

    /**
     * @param directory where the reports live; created on the first report
     * @param storeName the owning store's name, for messages
     */
    public AppliedEpochDirectory(Path directory, String storeName) {
        this.directory = directory;
        this.storeName = storeName;
    }

    /** The directory. */
    public Path directory() {
        return directory;
    }

    /**
     * Writes an instance's report, replacing its previous one.
     *
     * @param applied the report
     * @throws RuleStoreException if the directory cannot be written
     */
    public void report(AppliedEpoch applied) {
        try {
            Files.createDirectories(directory);
            // Not forced to disk: a report is rewritten at every heartbeat, and one lost in a crash belongs to an
            // instance that stopped with the machine. Forcing it would put a disk flush after every apply.
            AtomicFiles.replace(fileOf(applied.instanceId()), AppliedEpochFormat.format(applied));
        } catch (IOException e) {
            throw new RuleStoreException(storeName, "cannot record the applied epoch in " + directory + ": " + e, e);
        }
    }

    /**
     * Every instance's report, keyed by instance id. Unreadable reports are logged and skipped.
     *
     * @throws RuleStoreException if the directory cannot be read
     */
    public Map<String, AppliedEpoch> readAll() {
        Map<String, AppliedEpoch> result = new HashMap<>();
        if (!Files.isDirectory(directory)) {
            return result;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, AppliedEpochDirectory::isReport)) {
            for (Path entry : entries) {
                read(entry).ifPresent(applied -> result.put(applied.instanceId(), applied));
            }
        } catch (IOException e) {
            throw new RuleStoreException(storeName, "cannot read applied epochs from " + directory + ": " + e, e);
        }
        return result;
    }

    /**
     * Deletes the reports whose last heartbeat is before {@code olderThan}: instances that stopped long ago.
     * A report that cannot be read is left for an operator to look at.
     *
     * @param olderThan the cut-off
     * @return how many reports were deleted
     * @throws RuleStoreException if the directory cannot be read or a file cannot be deleted
     */
    public int prune(Instant olderThan) {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        int pruned = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, AppliedEpochDirectory::isReport)) {
            for (Path entry : entries) {
                Optional<AppliedEpoch> applied = read(entry);
                if (applied.isPresent() && applied.get().heartbeat().isBefore(olderThan) && Files.deleteIfExists(entry)) {
                    pruned++;
                    LOG.log(Level.INFO, () -> storeName + ": pruned the applied-epoch report of "
                            + applied.get().instanceId() + ", last heard of at " + applied.get().heartbeat());
                }
            }
        } catch (IOException e) {
            throw new RuleStoreException(storeName, "cannot prune applied epochs in " + directory + ": " + e, e);
        }
        return pruned;
    }

    private Optional<AppliedEpoch> read(Path entry) throws IOException {
        String text;
        try {
            text = Files.readString(entry, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            // Pruned or replaced between listing and reading.
            return Optional.empty();
        }
        try {
            return Optional.of(AppliedEpochFormat.parse(text,
                    URLDecoder.decode(entry.getFileName().toString(), StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, storeName + ": ignoring unreadable applied-epoch report " + entry + ": "
                    + e.getMessage());
            return Optional.empty();
        }
    }

    private Path fileOf(String instanceId) {
        return directory.resolve(URLEncoder.encode(instanceId, StandardCharsets.UTF_8));
    }

    /** Temporary files of atomic writes start with a dot. */
    private static boolean isReport(Path path) {
        return !path.getFileName().toString().startsWith(".");
    }
}
