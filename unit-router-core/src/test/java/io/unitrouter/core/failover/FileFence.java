package io.unitrouter.core.failover;

import io.unitrouter.core.ShardRange;
import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.failover.spi.Fence;
import io.unitrouter.core.store.AtomicFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A fence kept in a properties file ({@code shard=owner@epoch}), so that it survives the coordinator's
 * process: the stand-in for database fence rows in the separate-process crash test. Same rules as the real
 * fence: idempotent, and never back to an epoch it has passed with another owner.
 */
final class FileFence implements Fence {

    private final Path file;

    FileFence(Path file) {
        this.file = file;
    }

    @Override
    public String name() {
        return "file fence " + file.getFileName();
    }

    @Override
    public int shardGroups() {
        return 10;
    }

    @Override
    public synchronized void bump(List<ShardRange> shards, String owner, long epoch) {
        Properties rows = read();
        for (ShardRange range : shards) {
            for (int s = range.from(); s <= range.to(); s++) {
                String row = rows.getProperty(Integer.toString(s));
                if (row != null) {
                    long at = Long.parseLong(row.substring(row.indexOf('@') + 1));
                    if (at >= epoch && !row.equals(owner + "@" + epoch)) {
                        throw new UnitRouterException("fence of shard " + s + " is at " + row + ", cannot move to "
                                + owner + "@" + epoch);
                    }
                }
                rows.setProperty(Integer.toString(s), owner + "@" + epoch);
            }
        }
        StringBuilder text = new StringBuilder();
        new TreeMap<>(rows).forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        try {
            AtomicFiles.write(file, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The row of a shard, e.g. {@code rz02@44}, or {@code null}. */
    String row(int shard) {
        return read().getProperty(Integer.toString(shard));
    }

    private Properties read() {
        Properties rows = new Properties();
        try {
            if (Files.exists(file)) {
                rows.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
