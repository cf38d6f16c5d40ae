package io.unitrouter.console;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * {@code hash-password}: reads a password (without echo on a terminal, else one line of standard input) and prints
 * its bcrypt hash in the form {@code unit-router.console.users.<name>.password} takes, so that no password is
 * written into a configuration file in clear.
 *
 * <p>Not thread-safe; run once.
 */
final class PasswordHashCommand {

    static final String NAME = "hash-password";

    /** bcrypt's cost: 2^12 rounds, about a quarter of a second per log-in on a laptop. */
    private static final int STRENGTH = 12;

    private final Console console;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    PasswordHashCommand(Console console, InputStream in, PrintStream out, PrintStream err) {
        this.console = console;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /**
     * @param args none
     * @return the exit code: 0 when a hash was printed, 2 on bad usage or an empty password
     */
    int run(String[] args) {
        if (args.length > 0) {
            err.println("usage: java -jar unit-router-console.jar hash-password   (reads the password, prints its"
                    + " bcrypt hash)");
            return 2;
        }
        char[] password;
        try {
            password = read();
        } catch (IOException e) {
            err.println("cannot read the password: " + e.getMessage());
            return 2;
        }
        if (password == null || password.length == 0) {
            err.println("the password is empty; nothing hashed");
            return 2;
        }
        try {
            out.println("{bcrypt}" + new BCryptPasswordEncoder(STRENGTH).encode(new String(password)));
            return 0;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private char[] read() throws IOException {
        if (console != null) {
            return console.readPassword("password: ");
        }
        String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        return line == null ? null : line.toCharArray();
    }
}
