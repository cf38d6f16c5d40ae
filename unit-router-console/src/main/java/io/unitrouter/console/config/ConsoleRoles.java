package io.unitrouter.console.config;

/** The roles the console knows. */
public final class ConsoleRoles {

    /** May execute, resume and abort failovers and publish rule documents. */
    public static final String OPERATOR = "OPERATOR";

    private ConsoleRoles() {
    }
}
