package io.unitrouter.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code unit-router failover resume RULES ...}: take over the run in progress and continue it. */
@Command(name = "resume",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Take over the failover run in progress (from a coordinator that died or stopped) and continue it from "
                    + "its last unfinished step; an abort in progress is continued too. Every step is idempotent.",
            "--exclude stops waiting for instances that are alive but stuck on an old epoch; it needs the fence, "
                    + "which refuses their writes."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the run completed (or was aborted)", "1:no run in progress, or it stopped again",
            "2:usage error"})
final class FailoverResumeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private CoordinatorOptions options;

    @Option(names = "--exclude", paramLabel = "INSTANCE",
            description = "Do not wait for this instance at the barriers (repeatable).")
    private List<String> exclude = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (FailoverSession session = FailoverSession.open(options, RunText.progress(out),
                RuleSources.of(spec))) {
            FailoverCommands.run(() -> session.coordinator().resumeExcluding(exclude), options, out);
            return 0;
        }
    }
}
