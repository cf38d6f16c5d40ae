package io.unitrouter.cli;

import io.unitrouter.core.failover.FailoverException;
import io.unitrouter.core.failover.FailoverRun;

/** What the failover commands share: how a stopped run is reported. */
final class FailoverCommands {

    private FailoverCommands() {
    }

    /** An error for a run that stopped, saying how to go on. */
    static CliException stopped(FailoverException e, CoordinatorOptions options) {
        String rules = options.rules.toString();
        String fence = options.fence.none ? "--no-fence" : "--fence-config " + options.fence.config;
        String next = e.run().filter(r -> r.status().active()).map(FailoverRun::id)
                .map(id -> "; run " + id + " stays in the journal: 'unit-router failover status " + rules
                        + "' shows where it stopped, 'unit-router failover resume " + rules + " " + fence
                        + "' continues it, 'unit-router failover abort " + rules + " " + fence + "' rolls it back")
                .orElse("");
        return new CliException(e.getMessage() + next);
    }
}
