package io.unitrouter.cli;

import io.unitrouter.core.failover.spi.FailoverJournal;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.spi.RuleStore;
import io.unitrouter.core.store.FileFailoverJournal;
import io.unitrouter.core.store.FileRuleStore;
import java.nio.file.Path;
import java.time.Duration;

/** A rule file: the file store on it, its journal {@code RULES.failover} and its reports {@code RULES.applied/}. */
final class FileRuleSource implements RuleSource {

    private final Path file;
    private FileRuleStore store;

    FileRuleSource(Path file) {
        this.file = file;
    }

    @Override
    public String name() {
        return file.toString();
    }

    @Override
    public RuleDocument read() {
        return RuleFiles.read(file);
    }

    /** The file store, polling often: a coordinator waits to see its own publishes. */
    @Override
    public RuleStore store() {
        if (store == null) {
            read();
            store = FileRuleStore.builder(file).pollInterval(Duration.ofMillis(100)).build();
        }
        return store;
    }

    @Override
    public FailoverJournal journal() {
        return FileFailoverJournal.beside(file);
    }

    @Override
    public String journalName() {
        return FileFailoverJournal.beside(file).file().toString();
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}
