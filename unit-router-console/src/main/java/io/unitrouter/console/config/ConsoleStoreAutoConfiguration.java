package io.unitrouter.console.config;

import com.alibaba.nacos.api.config.ConfigService;
import io.unitrouter.console.failover.FailoverSetup;
import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.failover.Liveness;
import io.unitrouter.core.failover.spi.FailoverJournal;
import io.unitrouter.core.failover.spi.Fence;
import io.unitrouter.core.failover.spi.ReplicationProbe;
import io.unitrouter.core.spi.RuleStore;
import io.unitrouter.core.store.FileFailoverJournal;
import io.unitrouter.core.store.FileRuleStore;
import io.unitrouter.nacos.NacosFailoverJournal;
import io.unitrouter.nacos.NacosRuleStore;
import io.unitrouter.spring.autoconfigure.UnitRouterConfigurationException;
import io.unitrouter.spring.autoconfigure.UnitRouterNacosAutoConfiguration;
import io.unitrouter.spring.autoconfigure.UnitRouterProperties;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The rule store the console watches and publishes to, and how it runs failovers on it. A {@code nacos:} location
 * gets the starter's Nacos rule store (this runs after {@link UnitRouterNacosAutoConfiguration}); a {@code file:}
 * location gets a {@link FileRuleStore}. Either way the failover journal is the one every coordinator on that store
 * shares, beside the rule document. Each bean backs off when the application declares its own, which is how an
 * application embedding the console provides a {@link Fence} or a {@link ReplicationProbe}.
 */
@AutoConfiguration(after = UnitRouterNacosAutoConfiguration.class)
@EnableConfigurationProperties({ConsoleProperties.class, UnitRouterProperties.class})
public class ConsoleStoreAutoConfiguration {

    static final String LOCATION = "unit-router.rules.location";

    /**
     * The file store named by {@code unit-router.rules.location=file:...}. A missing or invalid rule file is not an
     * error here: the console starts and says so on every page.
     *
     * @throws UnitRouterConfigurationException for any other location, or a directory that does not exist
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public RuleStore consoleRuleStore(UnitRouterProperties properties) {
        String location = String.valueOf(properties.getRules().getLocation()).trim();
        if (!location.startsWith("file:")) {
            throw new UnitRouterConfigurationException(LOCATION, "'" + location + "' is not a location the console"
                    + " can publish to", "Start the console with --rules=/path/rules.yaml (a file store), or set "
                    + LOCATION + "=nacos:<data-id> with unit-router.rules.nacos.server-addr.", null);
        }
        Path file = Path.of(location.substring("file:".length())).toAbsolutePath().normalize();
        try {
            return FileRuleStore.builder(file).pollInterval(properties.getRules().getPollInterval()).build();
        } catch (UnitRouterException | IllegalArgumentException e) {
            throw new UnitRouterConfigurationException(LOCATION, "cannot open '" + location + "': " + e.getMessage(),
                    "Create the directory of the rule file (the file itself may come later), or point --rules at"
                            + " an existing one.", e);
        }
    }

    /**
     * The coordinators' settings: the journal (a {@link FailoverJournal} bean, else
     * {@code unit-router.console.failover.journal-file}, else the store's own: {@code rules.yaml.failover} beside a
     * rule file, the data id {@code <data-id>.failover} beside a Nacos document), the fence (a {@link Fence} bean, or
     * none), the replication probe (a bean, else none) and the timeouts.
     */
    @Bean
    @ConditionalOnMissingBean
    public FailoverSetup consoleFailoverSetup(RuleStore store, ConsoleProperties properties,
            ObjectProvider<FailoverJournal> journal, ObjectProvider<Fence> fence,
            ObjectProvider<ReplicationProbe> probe, ObjectProvider<ConfigService> nacos) {
        ConsoleProperties.Failover failover = properties.getFailover();
        FailoverJournal chosen = journal.getIfAvailable(() -> defaultJournal(store, failover, nacos));
        try {
            return new FailoverSetup(store, chosen, fence.getIfAvailable(), failover.isWithoutFence(),
                    probe.getIfAvailable(ReplicationProbe::none), liveness(failover.getLivenessTtl()),
                    failover.getBarrierTimeout(), failover.getCatchUpTimeout());
        } catch (IllegalArgumentException e) {
            throw new UnitRouterConfigurationException("unit-router.console.failover", e.getMessage(),
                    "Use barrier-timeout and catch-up-timeout from 100ms to 1h, and a positive liveness-ttl.", e);
        }
    }

    private static Liveness liveness(Duration ttl) {
        Duration prune = Liveness.DEFAULT_PRUNE_AFTER.compareTo(ttl) > 0 ? Liveness.DEFAULT_PRUNE_AFTER
                : ttl.multipliedBy(2);
        return new Liveness(ttl, prune);
    }

    private static FailoverJournal defaultJournal(RuleStore store, ConsoleProperties.Failover failover,
            ObjectProvider<ConfigService> nacos) {
        if (failover.getJournalFile() != null) {
            return FileFailoverJournal.at(failover.getJournalFile());
        }
        if (store instanceof FileRuleStore file) {
            return FileFailoverJournal.beside(file.file());
        }
        ConfigService configService = nacos.getIfAvailable();
        if (store instanceof NacosRuleStore nacosStore && configService != null) {
            return NacosFailoverJournal.beside(configService, nacosStore);
        }
        return null;
    }
}
