package io.unitrouter.cli;

import com.alibaba.nacos.api.NacosFactory;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Opens the rules that a command's options name. Every command reaches a file or a Nacos store through this one
 * seam, so tests can put an in-memory Nacos behind it.
 *
 * @param nacosClients creates the Nacos client
 * @param environment reads an environment variable (for {@code --nacos-password-env}), {@code null} if unset
 */
record RuleSources(NacosRuleSource.Clients nacosClients, UnaryOperator<String> environment) {

    /** The real Nacos client and the process's environment. */
    static RuleSources standard() {
        return new RuleSources(NacosFactory::createConfigService, System::getenv);
    }

    /** The sources of the {@link UnitRouterCli} that runs {@code spec}'s command. */
    static RuleSources of(CommandSpec spec) {
        return spec.root().userObject() instanceof UnitRouterCli cli ? cli.ruleSources() : standard();
    }

    /**
     * Opens the rules at {@code location}.
     *
     * @throws CliException if the Nacos options are incomplete or the client cannot be created
     */
    RuleSource open(RulesLocation location) {
        return location.file != null ? new FileRuleSource(location.file)
                : NacosRuleSource.open(location.nacos, nacosClients, environment);
    }
}
