package io.unitrouter.cli;

/**
 * A mistake by the user that the CLI reports on stderr as {@code error: <message>}, without a stack trace,
 * and exits with {@link #exitCode()}.
 */
final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CliException(String message) {
        this(message, 1);
    }

    CliException(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
