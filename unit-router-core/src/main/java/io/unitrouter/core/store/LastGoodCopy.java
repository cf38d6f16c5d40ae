package io.unitrouter.core.store;

import io.unitrouter.core.rules.RuleDocument;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * A rule store's local last-good copy: the text of the last document it put in force, kept in a file so that
 * the store can start when its backing store is missing, unreachable or holds an invalid document. The
 * {@link FileRuleStore} keeps it at {@code <file>.last-good}, the Nacos store at
 * {@code <snapshot-dir>/<group>@<dataId>.yaml}; a store of your own can use it the same way:
 *
 * <pre>{@code
 * protected void notified(RuleDocument document, String text) {   // or accepted(..), before the listeners
 *     lastGood.keep(document, text);
 * }
 * // at start, when the backing store gave nothing valid:
 * lastGood.restore((text, source) -> offer(text, source).isPresent(), "the server delivers a valid document");
 * }</pre>
 *
 * <p>Each write replaces the file atomically ({@link AtomicFiles}): a reader sees the old copy or the new one.
 *
 * <p>Immutable and thread-safe; callers serialize {@link #keep} (a store calls it under its offer lock).
 */
public final class LastGoodCopy {

    private static final System.Logger LOG = System.getLogger(LastGoodCopy.class.getName());

    private final Path file;
    private final String storeName;
    private final boolean forced;

    private LastGoodCopy(Path file, String storeName, boolean forced) {
        this.file = Objects.requireNonNull(file, "file");
        this.storeName = Objects.requireNonNull(storeName, "storeName");
        this.forced = forced;
    }

    /**
     * A copy that is not forced to disk on each write: for a store whose backing store is itself durable
     * local storage (the rule file), so that a copy lost in a crash can be rebuilt.
     *
     * @param file where the copy lives; its directory is created on the first write
     * @param storeName the owning store's name, for messages
     * @return the copy
     */
    public static LastGoodCopy at(Path file, String storeName) {
        return new LastGoodCopy(file, storeName, false);
    }

    /**
     * The same copy, forced to disk on each write ({@link AtomicFiles#write}): for a store whose only local
     * trace of the rules is this copy, so that a restart after a power loss while the server is unreachable
     * still finds it.
     *
     * @return a copy of this with forced writes
     */
    public LastGoodCopy forcedToDisk() {
        return new LastGoodCopy(file, storeName, true);
    }

    /** Where the copy lives. */
    public Path file() {
        return file;
    }

    /**
     * The copy's text.
     *
     * @return the text; empty if there is no copy yet
     * @throws IOException if the file exists but cannot be read
     */
    public Optional<String> read() throws IOException {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * Keeps {@code text} as the copy, unless the copy already holds exactly it. A failure is logged, not
     * thrown: the document stays in force, only a later start without the backing store would miss it.
     *
     * @param document the document just put in force, for the message
     * @param text its text
     */
    public void keep(RuleDocument document, String text) {
        try {
            if (read().map(text::equals).orElse(false)) {
                return;
            }
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            if (forced) {
                AtomicFiles.write(file, text);
            } else {
                AtomicFiles.replace(file, text);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, storeName + ": could not write the last good copy " + file + "; a start without"
                    + " the backing store would not find epoch " + document.epoch(), e);
        }
    }

    /**
     * Offers the copy to a store that holds no valid document, and logs (WARNING) that the store runs on it.
     *
     * @param offer the store's offer: takes the text and its source, answers whether it was put in force
     * @param until what ends the stay on the copy, for the message, e.g. {@code the rule file is valid again}
     * @return whether the copy was put in force; {@code false} if there is none or it was rejected
     * @throws IOException if the file exists but cannot be read
     */
    public boolean restore(BiPredicate<String, String> offer, String until) throws IOException {
        Optional<String> text = read();
        if (text.isPresent() && offer.test(text.get(), file.toString())) {
            LOG.log(Level.WARNING, () -> storeName + ": running on the last good copy " + file + " until " + until);
            return true;
        }
        return false;
    }
}
