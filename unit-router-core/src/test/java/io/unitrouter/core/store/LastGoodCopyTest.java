package io.unitrouter.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.core.TestRules;
import io.unitrouter.core.rules.RuleDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LastGoodCopyTest {

    @TempDir
    Path dir;

    private final RuleDocument document = TestRules.threeCities();

    @Test
    void keepWritesTheTextCreatingTheDirectory() throws IOException {
        LastGoodCopy copy = LastGoodCopy.at(dir.resolve("snapshots/rules.yaml"), "test").forcedToDisk();

        copy.keep(document, "epoch: 42");

        assertThat(copy.read()).hasValue("epoch: 42");
    }

    @Test
    void keepingTheSameTextAgainDoesNotReplaceTheFile() throws IOException {
        LastGoodCopy copy = LastGoodCopy.at(dir.resolve("rules.yaml.last-good"), "test");
        copy.keep(document, "epoch: 42");
        Object before = Files.readAttributes(copy.file(), BasicFileAttributes.class).fileKey();

        copy.keep(document, "epoch: 42");

        assertThat(Files.readAttributes(copy.file(), BasicFileAttributes.class).fileKey()).isEqualTo(before);
    }

    @Test
    void aMissingCopyReadsEmptyAndRestoresNothing() throws IOException {
        LastGoodCopy copy = LastGoodCopy.at(dir.resolve("absent"), "test");
        List<String> offered = new ArrayList<>();

        boolean restored = copy.restore((text, source) -> offered.add(text), "never");

        assertThat(copy.read()).isEmpty();
        assertThat(restored).isFalse();
        assertThat(offered).isEmpty();
    }

    @Test
    void restoreOffersTheCopyWithItsPathAsSourceAndAnswersWhetherItWentInForce() throws IOException {
        LastGoodCopy copy = LastGoodCopy.at(dir.resolve("rules.yaml.last-good"), "test");
        copy.keep(document, "epoch: 42");
        List<String> sources = new ArrayList<>();

        assertThat(copy.restore((text, source) -> sources.add(source), "the file is valid")).isTrue();
        assertThat(copy.restore((text, source) -> false, "the file is valid")).isFalse();
        assertThat(sources).containsExactly(copy.file().toString());
    }
}
