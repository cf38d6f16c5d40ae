package io.unitrouter.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

class PasswordHashCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String input, String... args) {
        return new PasswordHashCommand(null, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
    }

    @Test
    void aPasswordFromStandardInputIsPrintedAsABcryptHashTheConsoleAccepts() {
        int code = run("correct horse\n");

        String hash = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(code).isZero();
        assertThat(hash).startsWith("{bcrypt}$2a$12$");
        assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder().matches("correct horse", hash)).isTrue();
    }

    @Test
    void anEmptyPasswordOrAnArgumentIsRefused() {
        assertThat(run("\n")).isEqualTo(2);
        assertThat(run("x\n", "extra")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("the password is empty").contains("usage:");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
