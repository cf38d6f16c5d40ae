package io.unitrouter.cli;

import io.unitrouter.core.Access;
import io.unitrouter.core.Cell;
import io.unitrouter.core.RouteDecision;
import io.unitrouter.core.Scope;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.rules.RuleDocument;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code unit-router route FILE KEY}: where the rules in a file, or in Nacos, send one routing key. */
@Command(name = "route",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Show which cell a rule document routes a key to.",
            "Prints the key's shard, the cell that serves it, that cell's data center and city, whether the "
                    + "shard is frozen (and, with --write, whether the write is blocked) and whether an override "
                    + "applies.",
            "With --global or --city, show where global data is served instead (then give no KEY).",
            "A malformed key (e.g. not a number under the mod shard function) is an error: exit 1, no cell."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:routed (also when the write is blocked by a frozen shard)",
            "1:malformed key, unknown city, invalid document or unreadable file",
            "2:usage error"})
final class RouteCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..2", paramLabel = "ARG", description = "FILE KEY: the rule document and the routing key, "
            + "usually a user id. No FILE with the Nacos options; no KEY with --global or --city.")
    private List<String> arguments = new ArrayList<>();

    @ArgGroup(exclusive = false, heading = "The rules in Nacos instead of FILE:%n")
    private NacosOptions nacos;

    private String key;

    @Option(names = {"-w", "--write"}, description = "Route a write (default: a read). A write to a frozen "
            + "shard is blocked.")
    private boolean write;

    @ArgGroup(exclusive = true)
    private Target target;

    /** The non-key alternatives; at most one. */
    static final class Target {
        @Option(names = "--global", required = true, description = "Route global data: the active GZone.")
        boolean global;

        @Option(names = "--city", required = true, paramLabel = "CITY",
                description = "Route a city-scoped access to global data: the city's CZone for reads, "
                        + "else the active GZone.")
        String city;
    }

    @Override
    public Integer call() {
        int files = nacos == null ? 1 : 0;
        if (arguments.size() < files) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: 'FILE' (or give "
                    + "--nacos-server-addr and --nacos-data-id)");
        }
        if (arguments.size() > files + 1) {
            throw new ParameterException(spec.commandLine(), "Unmatched argument '" + arguments.get(files + 1) + "'"
                    + (nacos == null ? "" : ": the rules are data id " + nacos.dataId + " in Nacos, so give KEY only"));
        }
        key = arguments.size() > files ? arguments.get(files) : null;
        boolean keyed = target == null;
        if (keyed == (key == null)) {
            throw new ParameterException(spec.commandLine(), keyed
                    ? "Missing required parameter: 'KEY' (or give --global or --city CITY)"
                    : "Give either KEY or " + (target.global ? "--global" : "--city") + ", not both");
        }
        RuleDocument rules;
        try (RuleSource source = RuleSources.of(spec).open(nacos == null
                ? RulesLocation.of(Path.of(arguments.get(0))) : RulesLocation.of(nacos))) {
            rules = source.read();
        }
        // A fixed instance id: the default looks up the host name, which a one-shot lookup does not need.
        try (UnitRouter router = UnitRouter.builder().rules(rules).instanceId("unit-router-cli").build()) {
            RouteDecision decision = decide(router, write ? Access.WRITE : Access.READ);
            PrintWriter out = spec.commandLine().getOut();
            lines(decision, router).forEach(out::println);
            out.flush();
        }
        return 0;
    }

    private RouteDecision decide(UnitRouter router, Access access) {
        if (target == null) {
            return router.route(key, access);
        }
        return target.global ? router.routeGlobal(access) : router.routeCity(target.city, access);
    }

    private List<String> lines(RouteDecision decision, UnitRouter router) {
        Cell cell = decision.target();
        List<String> lines = new ArrayList<>();
        lines.add(Text.field("scope", decision.scope().name()));
        if (decision.scope() == Scope.UNIT) {
            lines.add(Text.field("key", key));
            lines.add(Text.field("shard", decision.shard()));
        } else if (decision.scope() == Scope.CITY) {
            lines.add(Text.field("for city", target.city));
        }
        lines.add(Text.field("cell", cell.id() + " (" + cell.kind() + ")"));
        lines.add(Text.field("data center", cell.dataCenter()));
        lines.add(Text.field("city", cell.city()));
        lines.add(Text.field("access", decision.access().name()));
        if (decision.scope() == Scope.UNIT) {
            lines.add(Text.field("frozen", Text.yesNo(decision.frozen())));
            if (decision.access() == Access.WRITE) {
                lines.add(Text.field("write blocked", Text.yesNo(decision.writeBlocked())));
            }
            String owner = router.table().ownerOf(decision.shard()).id();
            lines.add(Text.field("overridden", decision.overridden() ? "yes (the shard's owner is " + owner + ")"
                    : "no"));
        }
        lines.add(Text.field("epoch", decision.epoch()));
        return lines;
    }
}
