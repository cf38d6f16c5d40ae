package io.unitrouter.console;

import io.unitrouter.core.TestRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A rule file with the reference topology (three cities, epoch 42, 100 shards) in a fresh directory, and the
 * console properties for it: two users (alice, an operator; bob, without a role), no fence by choice, short
 * timeouts.
 */
public final class ConsoleFixture {

    /** alice's and bob's password in these tests. */
    public static final String PASSWORD = "correct horse battery staple";

    private static final String HASH = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(PASSWORD);

    private ConsoleFixture() {
    }

    /** A new directory holding {@code rules.yaml}, the reference document. */
    public static Path rulesFile() {
        try {
            Path dir = Files.createTempDirectory("console-test");
            Path file = dir.resolve("rules.yaml");
            Files.writeString(file, TestRules.text("three-cities.yaml"), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The console's properties on {@code rules}, with a barrier timeout of 10 s. */
    public static void properties(DynamicPropertyRegistry registry, Path rules) {
        properties(registry, rules, "10s");
    }

    /** The console's properties on {@code rules}. */
    public static void properties(DynamicPropertyRegistry registry, Path rules, String barrierTimeout) {
        registry.add("unit-router.rules.location", () -> "file:" + rules);
        registry.add("unit-router.rules.poll-interval", () -> "100ms");
        registry.add("unit-router.console.failover.without-fence", () -> "true");
        registry.add("unit-router.console.failover.barrier-timeout", () -> barrierTimeout);
        registry.add("unit-router.console.users.alice.password", () -> HASH);
        registry.add("unit-router.console.users.bob.password", () -> HASH);
        registry.add("unit-router.console.users.bob.roles", () -> "");
        registry.add("unit-router.console.refresh", () -> "300ms");
    }
}
