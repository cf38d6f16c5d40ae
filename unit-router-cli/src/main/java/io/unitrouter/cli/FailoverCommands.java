package io.unitrouter.cli;

import io.unitrouter.core.failover.AbortRefusedException;
import io.unitrouter.core.failover.FailoverException;
import io.unitrouter.core.failover.FailoverRun;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Supplier;

/** What the failover commands share: running a step of the coordinator and reporting how it ended. */
final class FailoverCommands {

    private FailoverCommands() {
    }

    /**
     * Runs the coordinator and prints how the run ended.
     *
     * @param action {@code execute}, {@code resume} or {@code abort}
     * @return the run
     * @throws CliException if the run stopped, saying how to go on
     */
    static FailoverRun run(Supplier<FailoverRun> action, CoordinatorOptions options, PrintWriter out) {
        FailoverRun run;
        try {
            run = action.get();
        } catch (AbortRefusedException e) {
            throw e;
        } catch (FailoverException e) {
            throw stopped(e, options);
        }
        out.println("run " + run.id() + " " + run.status().name().toLowerCase(Locale.ROOT) + " in "
                + RunText.millis(run.duration()) + ": " + RunText.phases(run));
        out.flush();
        return run;
    }

    /** An error for a run that stopped, saying how to go on. */
    static CliException stopped(FailoverException e, CoordinatorOptions options) {
        String rules = options.rules.arguments();
        String fence = options.fence.none ? "--no-fence" : "--fence-config " + options.fence.config;
        String next = e.run().filter(r -> r.status().active()).map(FailoverRun::id)
                .map(id -> "; run " + id + " stays in the journal: 'unit-router failover status " + rules
                        + "' shows where it stopped, 'unit-router failover resume " + rules + " " + fence
                        + "' continues it, 'unit-router failover abort " + rules + " " + fence + "' rolls it back")
                .orElse("");
        return new CliException(e.getMessage() + next);
    }
}
