package io.unitrouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * An AppActive rule directory for a test: a copy of one of the fixture sets under
 * {@code src/test/resources/appactive}, written in AppActive's FILE-channel format, which a test may edit.
 *
 * <ul>
 *   <li>{@code mod100}: mod 100, units hz 0~39, sh 40~79 (two ranges), sz 80~99; header and cookie uid; no
 *       forbidden rule, no center.</li>
 *   <li>{@code mod100-forbidden}: the same, with a forbidden rule on 35~39 and 95~99.</li>
 *   <li>{@code mod10000-center}: mod 10000, unitA 0~3999, unitB 4000~6999, center 7000~9999; forbidden
 *       4000~4499; arg, header and cookie user_id; machine.json in unitB; data scope ledger-accounts; a trailing
 *       comma, as fastjson allows.</li>
 *   <li>{@code mod10000-center-global-only}: mod 10000 as a number, east 0~4999, west 5000~9999, a center
 *       ("Center") without ranges; an empty forbidden rule; header X-Customer.</li>
 * </ul>
 */
final class AppActiveFixture {

    private final Path dir;

    private AppActiveFixture(Path dir) {
        this.dir = dir;
    }

    /** Copies the fixture set {@code name} into {@code parent/name}. */
    static AppActiveFixture copy(String name, Path parent) {
        URL url = AppActiveFixture.class.getResource("/appactive/" + name);
        assertThat(url).as("fixture set " + name).isNotNull();
        try {
            Path source = Path.of(url.toURI());
            Path target = Files.createDirectories(parent.resolve(name));
            try (Stream<Path> files = Files.list(source)) {
                for (Path file : files.toList()) {
                    Files.copy(file, target.resolve(file.getFileName().toString()));
                }
            }
            return new AppActiveFixture(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    Path dir() {
        return dir;
    }

    /** Replaces text that must occur in a file, so a changed fixture fails loudly. */
    AppActiveFixture replace(String file, String from, String to) {
        String text = read(file);
        assertThat(text).as("text to replace in " + file).contains(from);
        return write(file, text.replace(from, to));
    }

    AppActiveFixture write(String file, String content) {
        try {
            Files.writeString(dir.resolve(file), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    AppActiveFixture delete(String file) {
        try {
            Files.delete(dir.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    String read(String file) {
        try {
            return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
