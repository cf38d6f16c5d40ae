package io.unitrouter.cli;

import io.unitrouter.core.failover.FailoverEvent;
import io.unitrouter.core.failover.FailoverPlan;
import io.unitrouter.core.failover.FailoverPlanner;
import io.unitrouter.core.failover.PlanRefusedException;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import io.unitrouter.core.store.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code unit-router failover plan RULES --event EVENT}: what a failover would do, without doing it. */
@Command(name = "plan",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Show the plan for an event on a rule document: the shards that move (from -> to), cells taken "
                    + "offline or back, a GZone promotion, city reads redirected, every RZone's load against its "
                    + "capacity, and the plan's checksum. Nothing is published.",
            "Events: cell-down:CELL, dc-down:DC, city-down:CITY, drain:CELL|DC|CITY, switchback:CELL|DC|CITY, "
                    + "rebalance, move:SHARDS:CELL.",
            "With fences, shards move in whole shard groups: give the same --fence-config as for execute, or "
                    + "--shard-groups."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:planned",
            "1:invalid document, unreadable file, bad fence configuration",
            "2:usage error, unreadable event",
            "5:no safe plan: the message names the shortfall"})
final class FailoverPlanCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private RulesLocation location;

    @Option(names = {"-e", "--event"}, required = true, paramLabel = "EVENT", converter = EventConverter.class,
            description = "What happened or what to do, e.g. city-down:sh.")
    private FailoverEvent event;

    @Option(names = {"-o", "--output"}, paramLabel = "TARGET", description = "Write the target document here.")
    private Path output;

    @ArgGroup(exclusive = true)
    private Groups groups;

    /** Where the shard groups come from; at most one. */
    static final class Groups {
        @Option(names = "--fence-config", required = true, paramLabel = "FILE",
                description = "The fence configuration: shards move in whole groups of its layout.")
        Path fenceConfig;

        @Option(names = "--shard-groups", required = true, paramLabel = "N",
                description = "Move shards in N whole groups of consecutive shards (default: each shard alone).")
        int shardGroups;
    }

    @Override
    public Integer call() {
        RuleDocument document;
        try (RuleSource rules = RuleSources.of(spec).open(location)) {
            document = rules.read();
        }
        int shardGroups = groups == null ? 0 : groups.fenceConfig != null
                ? FenceConfig.read(groups.fenceConfig, document.shards(), System::getenv).shardGroups()
                : groups.shardGroups;
        FailoverPlan plan;
        try {
            plan = FailoverPlanner.builder().shardGroups(shardGroups).build().plan(document, event);
        } catch (PlanRefusedException e) {
            throw new CliException(e.getMessage(), FailoverCommand.EXIT_REFUSED);
        }
        PrintWriter out = spec.commandLine().getOut();
        plan.describe().forEach(out::println);
        if (output != null) {
            try {
                AtomicFiles.write(output.toAbsolutePath(), RuleDocuments.toYaml(plan.target()));
            } catch (IOException e) {
                throw new CliException("cannot write the target document to " + output + ": " + e.getMessage());
            }
            out.println(Text.field("written", output + " (the target document, epoch " + plan.switchEpoch() + ")"));
        }
        out.flush();
        return 0;
    }
}
