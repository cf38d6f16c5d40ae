package io.unitrouter.cli;

import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.rules.RuleValidationException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns exceptions into messages on stderr and an exit code. User mistakes (bad arguments, unreadable
 * files, invalid rules, malformed keys) never show a stack trace; unexpected failures show one only with
 * {@code --debug}.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    static final int EXIT_ERROR = 1;

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("error: " + oneLine(ex.getMessage()));
        UnmatchedArgumentException.printSuggestions(ex, err);
        Help help = cmd.getHelp();
        err.print(help.synopsisHeading() + help.synopsis(help.synopsisHeadingLength()));
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        int exitCode = EXIT_ERROR;
        if (ex instanceof RuleFiles.InvalidRulesException invalid) {
            invalid.failures().forEach(failure -> printInvalid(failure, err));
        } else if (ex instanceof RuleValidationException invalid) {
            printInvalid(invalid, err);
        } else if (ex instanceof AppActiveRulesException refused) {
            printRefused(refused, err);
        } else if (ex instanceof CliException failure) {
            err.println("error: " + oneLine(failure.getMessage()));
            exitCode = failure.exitCode();
        } else if (ex instanceof UnitRouterException failure) {
            err.println("error: " + oneLine(failure.getMessage()));
        } else {
            err.println("internal error: " + oneLine(String.valueOf(ex)));
            if (debug(cmd)) {
                ex.printStackTrace(err);
            } else {
                err.println("Run again with --debug to see the stack trace.");
            }
        }
        err.flush();
        return exitCode;
    }

    private static void printInvalid(RuleValidationException invalid, PrintWriter err) {
        List<String> errors = invalid.errors();
        err.println("invalid rule file " + invalid.source() + " (" + errors.size()
                + (errors.size() == 1 ? " error):" : " errors):"));
        for (String error : errors) {
            err.println("error: " + oneLine(error));
        }
    }

    private static void printRefused(AppActiveRulesException refused, PrintWriter err) {
        List<String> problems = refused.problems();
        err.println("cannot import the AppActive rules in " + refused.dir() + " (" + problems.size()
                + (problems.size() == 1 ? " problem" : " problems") + "); nothing was written:");
        for (String problem : problems) {
            err.println("error: " + oneLine(problem));
        }
    }

    /** Keeps one problem on one line, whatever the message holds. */
    static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    private static boolean debug(CommandLine cmd) {
        CommandLine root = cmd;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        return root.getCommand() instanceof UnitRouterCli cli && cli.debug();
    }

    /**
     * Installs the handlers on the {@link CommandLine} that is being built for {@link UnitRouterCli}, so that
     * {@code new CommandLine(new UnitRouterCli())} needs no further setup.
     */
    static final class Installer implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            CommandLine commandLine = spec.commandLine();
            if (commandLine != null) {
                ErrorHandler handler = new ErrorHandler();
                commandLine.setExecutionExceptionHandler(handler);
                commandLine.setParameterExceptionHandler(handler);
            }
            return spec;
        }
    }
}
