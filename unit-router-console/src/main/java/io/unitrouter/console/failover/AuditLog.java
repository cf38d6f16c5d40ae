package io.unitrouter.console.failover;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's audit trail of operator actions (execute, resume, abort, publish, log-ins), newest last. Each entry
 * is logged (logger {@code io.unitrouter.console.audit}), kept in memory (the last {@value #KEPT}), and appended as
 * one JSON line to a file when one is configured, which is read back at start so the trail survives a restart.
 * The coordinator's own audit (who started each run, its plan and phase timings) lives in the failover journal.
 *
 * <p>Thread-safe.
 */
public final class AuditLog {

    /** How many entries are kept in memory and shown. */
    public static final int KEPT = 500;

    private static final Logger LOG = LoggerFactory.getLogger("io.unitrouter.console.audit");

    private final Path file;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Deque<AuditEntry> entries = new ArrayDeque<>();

    /**
     * @param file where to append entries, or {@code null} to keep them in memory only
     * @param clock the clock for entry times
     * @throws UncheckedIOException if the file exists and cannot be read
     */
    public AuditLog(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        if (file != null && Files.exists(file)) {
            readBack(file);
        }
    }

    private void readBack(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console audit file " + path, e);
        }
        for (String line : lines.subList(Math.max(0, lines.size() - KEPT), lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            try {
                keep(json.readValue(line, AuditEntry.class));
            } catch (JacksonException e) {
                // A torn last line (the console was killed while appending) must not hide the rest of the trail.
                LOG.warn("skipping an unreadable line of the audit file {}: {}", path, e.getOriginalMessage());
            }
        }
    }

    /** Where entries are appended, if anywhere. */
    public String location() {
        return file == null ? "memory only (set unit-router.console.audit-file to keep it)" : file.toString();
    }

    /**
     * Records an action.
     *
     * @return the entry
     */
    public AuditEntry record(String operator, String action, String target, String outcome, String detail) {
        AuditEntry entry = new AuditEntry(clock.instant(), operator, action, target, outcome, detail);
        LOG.info("{} {} {}: {}{}", operator, action, target, outcome, entry.detail().isEmpty() ? ""
                : " (" + entry.detail() + ")");
        synchronized (entries) {
            keep(entry);
            if (file != null) {
                append(entry);
            }
        }
        return entry;
    }

    private void keep(AuditEntry entry) {
        synchronized (entries) {
            entries.addLast(entry);
            while (entries.size() > KEPT) {
                entries.removeFirst();
            }
        }
    }

    private void append(AuditEntry entry) {
        try {
            Files.writeString(file, json.writeValueAsString(entry) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException | JacksonException e) {
            // The entry is logged and kept in memory; losing the file copy must not undo the action it records.
            LOG.error("could not append to the audit file {}", file, e);
        }
    }

    /** The entries kept, oldest first. */
    public List<AuditEntry> entries() {
        synchronized (entries) {
            return Collections.unmodifiableList(new ArrayList<>(entries));
        }
    }
}
