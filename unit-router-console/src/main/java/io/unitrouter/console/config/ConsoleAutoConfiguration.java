package io.unitrouter.console.config;

import io.unitrouter.console.failover.AuditLog;
import io.unitrouter.console.failover.FailoverActions;
import io.unitrouter.console.failover.FailoverSetup;
import io.unitrouter.console.rules.RuleHistory;
import io.unitrouter.console.rules.RulePublisher;
import io.unitrouter.console.traffic.TrafficScraper;
import io.unitrouter.core.spi.RuleStore;
import io.unitrouter.core.store.FileRuleStore;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The console's own state: the audit trail, the rule history, the failover actions and the traffic scraper, on
 * the rule store and failover setup of {@link ConsoleStoreAutoConfiguration}.
 */
@AutoConfiguration(after = ConsoleStoreAutoConfiguration.class)
@EnableConfigurationProperties(ConsoleProperties.class)
public class ConsoleAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleAutoConfiguration.class);

    /**
     * The audit trail: in {@code unit-router.console.audit-file}, else beside the rule file of a file store
     * ({@code rules.yaml.audit}), else in memory.
     */
    @Bean
    @ConditionalOnMissingBean
    public AuditLog consoleAuditLog(ConsoleProperties properties, RuleStore store, ObjectProvider<Clock> clock) {
        Path file = properties.getAuditFile();
        if (file == null && store instanceof FileRuleStore fileStore) {
            file = fileStore.file().resolveSibling(fileStore.file().getFileName() + ".audit");
        }
        return new AuditLog(file, clock.getIfAvailable(Clock::systemUTC));
    }

    /** The epochs the console knows, following the store from start. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public RuleHistory consoleRuleHistory(RuleStore store, ConsoleProperties properties, FailoverSetup setup,
            ObjectProvider<Clock> clock) {
        RuleHistory history = new RuleHistory(store, properties.getHistory().getMaxEpochs(),
                properties.getHistory().getDirectory(), clock.getIfAvailable(Clock::systemUTC)).start();
        setup.reader().ifPresent(reader -> {
            try {
                reader.history().forEach(history::recordRun);
                reader.activeRun().ifPresent(history::recordRun);
            } catch (RuntimeException e) {
                // An unreadable journal must not keep the console down: the failover page shows the error.
                LOG.warn("cannot read the failover journal for the rule history: {}", e.getMessage());
            }
        });
        return history;
    }

    /** Executes, resumes and aborts failovers for operators. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public FailoverActions consoleFailoverActions(FailoverSetup setup, AuditLog audit) {
        return new FailoverActions(setup, audit);
    }

    /** Publishes operators' drafts, refusing unsafe ones. */
    @Bean
    @ConditionalOnMissingBean
    public RulePublisher consoleRulePublisher(RuleStore store, FailoverSetup setup, RuleHistory history,
            AuditLog audit) {
        return new RulePublisher(store, setup, history, audit);
    }

    /** Scrapes the configured instances' request counters. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public TrafficScraper consoleTrafficScraper(ConsoleProperties properties, ObjectProvider<Clock> clock) {
        return new TrafficScraper(properties.getTraffic(), clock.getIfAvailable(Clock::systemUTC)).start();
    }

    /**
     * Ends the console when the process named by {@code unit-router.console.exit-with-process} ends. The JVM's
     * exit runs Spring's shutdown hook, which closes the context as a normal stop does.
     */
    @Bean(initMethod = "start")
    @ConditionalOnProperty("unit-router.console.exit-with-process")
    ParentProcessWatch consoleParentProcessWatch(ConsoleProperties properties) {
        return new ParentProcessWatch(properties.getExitWithProcess(), () -> System.exit(0));
    }
}
