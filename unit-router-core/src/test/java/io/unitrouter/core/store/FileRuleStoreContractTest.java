package io.unitrouter.core.store;

import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import io.unitrouter.core.spi.RuleStore;
import io.unitrouter.core.spi.RuleStoreContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;

class FileRuleStoreContractTest extends RuleStoreContract {

    @TempDir
    Path root;

    private int backings;

    /** Each backing store is a rule file in its own directory, so that siblings do not mix. */
    private Path newRuleFile() throws IOException {
        return Files.createDirectory(root.resolve("backing-" + ++backings)).resolve("rules.yaml");
    }

    private static FileRuleStore open(Path file) {
        return FileRuleStore.builder(file).pollInterval(Duration.ofMillis(100)).build();
    }

    @Override
    protected RuleStore openStore(RuleDocument initial) throws IOException {
        Path file = newRuleFile();
        Files.writeString(file, RuleDocuments.toYaml(initial), StandardCharsets.UTF_8);
        return open(file);
    }

    @Override
    protected RuleStore openEmptyStore() throws IOException {
        return open(newRuleFile());
    }

    @Override
    protected RuleStore openPeer(RuleStore store) {
        return open(((FileRuleStore) store).file());
    }

    /** As an operator's tooling would: a temporary file renamed over the rule file. */
    @Override
    protected void writeBehind(RuleStore store, String text) throws IOException {
        Path file = ((FileRuleStore) store).file();
        Path temp = file.resolveSibling("incoming.tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
