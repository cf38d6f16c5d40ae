package io.unitrouter.core.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file so that readers see either the old content or the new, never a mix: the text goes to a
 * temporary file in the same directory, is flushed to disk, and is then renamed over the target. Rule stores
 * use it for rule files, last-good copies and snapshots.
 *
 * <p>Stateless and thread-safe; concurrent writers of one file each leave a complete file, the last one wins.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Writes {@code text} (UTF-8) to {@code target} atomically.
     *
     * @param target the file to replace or create; its directory must exist
     * @param text the new content
     * @throws IOException if the directory is not writable or the rename fails; the target is then unchanged
     */
    public static void write(Path target, String text) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(StandardCharsets.UTF_8.encode(text));
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
