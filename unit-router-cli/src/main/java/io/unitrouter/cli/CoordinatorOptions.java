package io.unitrouter.cli;

import io.unitrouter.core.failover.FailoverCoordinator;
import io.unitrouter.core.failover.Liveness;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * What every command that runs the coordinator needs: the rules (a file or a data id in Nacos), the fence choice
 * and the timeouts.
 */
final class CoordinatorOptions {

    @ArgGroup(exclusive = true, multiplicity = "1")
    RulesLocation rules;

    @ArgGroup(exclusive = true, multiplicity = "1")
    FenceChoice fence;

    @Option(names = "--barrier-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long a barrier waits for every live instance (default: ${DEFAULT-VALUE}).")
    Duration barrierTimeout = FailoverCoordinator.DEFAULT_BARRIER_TIMEOUT;

    @Option(names = "--liveness-ttl", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long an instance counts as alive after its last heartbeat (default: ${DEFAULT-VALUE}).")
    Duration livenessTtl = Liveness.DEFAULT_TTL;

    @Option(names = "--operator", paramLabel = "NAME",
            description = "Who runs this, for the audit (default: <user>@<host>).")
    String operator;

    /** The fence: a configuration of the fence databases, or none on purpose. */
    static final class FenceChoice {
        @Option(names = "--fence-config", required = true, paramLabel = "FILE",
                description = "YAML naming the fence databases and their layout (see docs/cli.md).")
        Path config;

        @Option(names = "--no-fence", required = true,
                description = "Run without database fences, on purpose: a stale instance can then write a moving "
                        + "shard until it hears of the switch.")
        boolean none;
    }
}
