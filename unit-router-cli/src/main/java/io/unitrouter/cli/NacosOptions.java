package io.unitrouter.cli;

import com.alibaba.nacos.api.PropertyKeyConst;
import io.unitrouter.nacos.NacosRuleStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * Where the rules are kept in Nacos, and how to log in. The password never comes from a plain option value,
 * which other users would see in {@code ps}: it comes from an environment variable, a file or a prompt.
 */
final class NacosOptions {

    /** The exit code of a usage error, as picocli's. */
    private static final int EXIT_USAGE = 2;
    private static final String KEY_PUNCTUATION = "-_.:";
    private static final String NAMESPACE_PUNCTUATION = "-_";

    @Option(names = "--nacos-server-addr", required = true, paramLabel = "ADDR",
            description = "Nacos server addresses, comma-separated, e.g. 10.0.0.1:8848. Takes the place of the rule "
                    + "file.")
    String serverAddr;

    @Option(names = "--nacos-data-id", required = true, paramLabel = "DATA_ID", converter = KeyConverter.class,
            description = "The data id of the rule document.")
    String dataId;

    @Option(names = "--nacos-group", paramLabel = "GROUP", converter = KeyConverter.class,
            description = "Its group (default: " + NacosRuleStore.DEFAULT_GROUP + ").")
    String group = NacosRuleStore.DEFAULT_GROUP;

    @Option(names = "--nacos-namespace", paramLabel = "ID", converter = NamespaceConverter.class,
            description = "The namespace id, not its display name (default: the public namespace).")
    String namespace = "";

    @Option(names = "--nacos-username", paramLabel = "NAME",
            description = "The user, when the server has authentication on; needs a password option.")
    String username;

    @ArgGroup(exclusive = true)
    PasswordSource password;

    @Option(names = "--nacos-timeout", paramLabel = "DURATION", converter = TimeoutConverter.class,
            description = "How long each read waits for the server, 1ms to 10m (default: 3s).")
    Duration timeout = NacosRuleStore.DEFAULT_TIMEOUT;

    /** Where the password comes from; at most one. */
    static final class PasswordSource {
        @Option(names = "--nacos-password-env", required = true, paramLabel = "VAR",
                description = "The environment variable that holds the password.")
        String environmentVariable;

        @Option(names = "--nacos-password-file", required = true, paramLabel = "FILE",
                description = "A file whose first line is the password.")
        Path file;

        @Option(names = "--nacos-password", required = true, interactive = true, arity = "0",
                description = "Ask for the password on the terminal.")
        char[] prompted;

        String read(UnaryOperator<String> environment) {
            if (environmentVariable != null) {
                String value = environment.apply(environmentVariable);
                if (value == null || value.isEmpty()) {
                    throw new CliException("--nacos-password-env: environment variable " + environmentVariable
                            + " is not set");
                }
                return value;
            }
            if (file != null) {
                return firstLine(file);
            }
            String value = new String(prompted);
            Arrays.fill(prompted, '\0');
            return value;
        }

        private static String firstLine(Path file) {
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw new CliException("--nacos-password-file: cannot read " + file + ": " + e);
            }
            String line = text.lines().findFirst().orElse("");
            if (line.isEmpty()) {
                throw new CliException("--nacos-password-file: " + file + " is empty; its first line is the password");
            }
            return line;
        }
    }

    /**
     * The Nacos client's properties: server, namespace and credentials.
     *
     * @param environment reads an environment variable, {@code null} if it is not set
     * @throws CliException if a user is given without a password or a password without a user, or the password
     *     cannot be read
     */
    Properties clientProperties(UnaryOperator<String> environment) {
        Properties properties = new Properties();
        properties.setProperty(PropertyKeyConst.SERVER_ADDR, serverAddr.strip());
        if (!namespace.isEmpty()) {
            properties.setProperty(PropertyKeyConst.NAMESPACE, namespace);
        }
        if (username == null && password == null) {
            return properties;
        }
        if (username == null || username.isBlank()) {
            throw new CliException("a Nacos password is given without --nacos-username", EXIT_USAGE);
        }
        if (password == null) {
            throw new CliException("--nacos-username " + username + " needs a password: give --nacos-password-env VAR,"
                    + " --nacos-password-file FILE or --nacos-password (asks on the terminal)", EXIT_USAGE);
        }
        properties.setProperty(PropertyKeyConst.USERNAME, username);
        properties.setProperty(PropertyKeyConst.PASSWORD, password.read(environment));
        return properties;
    }

    /**
     * The options that name this data id again, for the commands a message suggests: the password option names
     * where the password comes from, never the password.
     */
    List<String> arguments() {
        List<String> arguments = new ArrayList<>(List.of("--nacos-server-addr", serverAddr, "--nacos-data-id",
                dataId));
        if (!NacosRuleStore.DEFAULT_GROUP.equals(group)) {
            arguments.addAll(List.of("--nacos-group", group));
        }
        if (!namespace.isEmpty()) {
            arguments.addAll(List.of("--nacos-namespace", namespace));
        }
        if (username != null) {
            arguments.addAll(List.of("--nacos-username", username));
        }
        if (password != null) {
            if (password.environmentVariable != null) {
                arguments.addAll(List.of("--nacos-password-env", password.environmentVariable));
            } else if (password.file != null) {
                arguments.addAll(List.of("--nacos-password-file", password.file.toString()));
            } else {
                arguments.add("--nacos-password");
            }
        }
        return arguments;
    }

    /** The store's range for its read timeout, checked before anything connects. */
    static final class TimeoutConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration timeout = new DurationConverter().convert(value);
            if (timeout.isZero() || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new TypeConversionException("'" + value + "' is not from 1ms to 10m");
            }
            return timeout;
        }
    }

    /** Data ids and groups: what Nacos allows, checked before anything connects. */
    static final class KeyConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return checked(value.strip(), KEY_PUNCTUATION);
        }
    }

    /** Namespace ids: letters, digits, {@code -} and {@code _}, as the Nacos console allows for custom ids. */
    static final class NamespaceConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return value.isBlank() ? "" : checked(value.strip(), NAMESPACE_PUNCTUATION);
        }
    }

    private static String checked(String value, String punctuation) {
        if (value.isEmpty()) {
            throw new TypeConversionException("it is empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean letterOrDigit = c < 0x80 && Character.isLetterOrDigit(c);
            if (!letterOrDigit && punctuation.indexOf(c) < 0) {
                throw new TypeConversionException("'" + value + "' contains '" + c + "'; Nacos allows letters, digits"
                        + " and " + punctuation);
            }
        }
        return value;
    }
}
