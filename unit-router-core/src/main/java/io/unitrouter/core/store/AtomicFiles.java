package io.unitrouter.core.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file so that readers see either the old content or the new, never a mix: the text goes to a
 * temporary file in the same directory and is then renamed over the target. Rule stores use it for rule
 * files, last-good copies, journals and applied-epoch reports.
 *
 * <p>{@link #write} is durable: the temporary file is forced to disk before the rename and the directory
 * after it, so the new content survives a crash or power loss once the call returns. {@link #replace} skips
 * both forces, for copies that can be rebuilt or are rewritten anyway (a last-good copy, a heartbeat report).
 *
 * <p>Stateless and thread-safe; concurrent writers of one file each leave a complete file, the last one wins.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Writes {@code text} (UTF-8) to {@code target} atomically and durably.
     *
     * @param target the file to replace or create; its directory must exist
     * @param text the new content
     * @throws IOException if the directory is not writable or the rename fails; the target is then unchanged
     */
    public static void write(Path target, String text) throws IOException {
        write(target, text, true);
    }

    /**
     * Writes {@code text} (UTF-8) to {@code target} atomically, without forcing it to disk: after a crash the
     * file may be the old one (or, on some file systems, empty), never a mix of old and new.
     *
     * @param target the file to replace or create; its directory must exist
     * @param text the new content
     * @throws IOException if the directory is not writable or the rename fails; the target is then unchanged
     */
    public static void replace(Path target, String text) throws IOException {
        write(target, text, false);
    }

    private static void write(Path target, String text, boolean durable) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = StandardCharsets.UTF_8.encode(text);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                if (durable) {
                    channel.force(true);
                }
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (durable) {
                forceDirectory(dir);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Makes the rename itself durable: until the directory is forced, a crash may undo it. */
    private static void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (AccessDeniedException | UnsupportedOperationException e) {
            // Windows cannot open a directory as a channel; there the rename is as durable as NTFS makes it.
        }
    }
}
