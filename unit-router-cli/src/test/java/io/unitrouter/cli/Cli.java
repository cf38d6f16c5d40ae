package io.unitrouter.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** Runs the CLI in-process, the way {@link UnitRouterCli#main} does, with stdout and stderr captured. */
final class Cli {

    private Cli() {
    }

    static Result run(Object... args) {
        return run(new UnitRouterCli(), args);
    }

    /** Runs {@code cli}, e.g. one whose rule sources reach an in-memory Nacos. */
    static Result run(UnitRouterCli cli, Object... args) {
        String[] arguments = java.util.Arrays.stream(args).map(String::valueOf).toArray(String[]::new);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(cli);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(arguments);
        return new Result(exitCode, out.toString(), err.toString());
    }

    /** What one run printed, and its exit code. */
    record Result(int exitCode, String out, String err) {

        List<String> outLines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }
    }
}
