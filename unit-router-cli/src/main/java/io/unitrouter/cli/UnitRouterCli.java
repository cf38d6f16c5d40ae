package io.unitrouter.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code unit-router} operator command: validate and compare rule documents, show where a key is
 * routed, import AppActive's rules, and plan and run failovers. Run it as
 * {@code java -jar unit-router-cli.jar <command> ...}; {@code docs/cli.md} describes the commands, their output
 * and their exit codes.
 *
 * <p>{@code new CommandLine(new UnitRouterCli())} is ready to {@link CommandLine#execute execute}: a model
 * transformer installs the error handlers, so user mistakes are reported on one line each without a stack
 * trace, whether the command runs from {@link #main} or is embedded in a test or another tool.
 *
 * <p>Not thread-safe: one instance per execution.
 */
@Command(name = "unit-router",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        modelTransformer = ErrorHandler.Installer.class,
        description = "Operator tools for unit-router rule documents and failovers.",
        subcommands = {RulesCommand.class, RouteCommand.class, FailoverCommand.class},
        synopsisSubcommandLabel = "COMMAND",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (for 'rules diff': also when there are differences)",
            "1:invalid rule document, unreadable file, malformed key",
            "2:usage error (unknown option, missing argument)",
            "3:'rules diff --exit-code' found differences, or 'rules import appactive --check' found routing"
                    + " that differs",
            "4:'failover execute' printed a plan that was not confirmed",
            "5:'failover plan' or 'execute' found no safe plan for the event"})
public final class UnitRouterCli implements Runnable {

    /**
     * Exit code: the documents differ and {@code --exit-code} was given, or the routing of AppActive and of the
     * imported document differs under {@code rules import appactive --check}.
     */
    public static final int EXIT_DIFFERENCES = 3;

    private final RuleSources ruleSources;

    @Spec
    private CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print the stack trace of unexpected internal errors.")
    private boolean debug;

    /** A CLI on rule files and the real Nacos client. */
    public UnitRouterCli() {
        this(RuleSources.standard());
    }

    /**
     * Held so that the level set in {@link #main} lasts: {@code java.util.logging} keeps loggers only weakly.
     */
    private static final java.util.logging.Logger GRPC_LOG =
            java.util.logging.Logger.getLogger("com.alibaba.nacos.shaded.io.grpc");

    /** A CLI that opens rules through {@code ruleSources}: tests put an in-memory Nacos behind it. */
    UnitRouterCli(RuleSources ruleSources) {
        this.ruleSources = ruleSources;
    }

    /**
     * Runs the command line and exits the JVM with its exit code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        // The library logs each rule change and failover step at INFO; the commands print their own progress,
        // so only warnings (such as a coordinator running without a fence) reach the operator's terminal.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        // The Nacos client's shaded gRPC transport can log a SEVERE "Panic!" with a stack trace when the client
        // shuts down while a connection attempt is still queued (its executor is already terminated). That is
        // the client's internal shutdown race, not the operator's problem: the CLI has already reported whether
        // the server was reachable, so the transport's own log stays silent.
        GRPC_LOG.setLevel(java.util.logging.Level.OFF);
        UnitRouterCli cli = new UnitRouterCli();
        NacosClientThreads.install(cli::debug);
        System.exit(new CommandLine(cli).execute(args));
    }

    /** How the commands open the rules they work on. */
    RuleSources ruleSources() {
        return ruleSources;
    }

    /** Whether {@code --debug} was given, on this command or any subcommand. */
    boolean debug() {
        return debug;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required command");
    }
}
