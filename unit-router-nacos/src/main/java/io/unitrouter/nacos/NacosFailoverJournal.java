package io.unitrouter.nacos;

import com.alibaba.nacos.api.config.ConfigService;
import com.alibaba.nacos.api.config.ConfigType;
import com.alibaba.nacos.api.exception.NacosException;
import io.unitrouter.core.failover.spi.FailoverJournal;
import io.unitrouter.core.spi.RuleStoreException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The failover journal of a {@link NacosRuleStore}: one more config beside the rule document, data id
 * {@code <dataId>.failover} in the same group, replaced with the server's compare-and-set on the MD5 of the
 * text read ({@link ConfigService#publishConfigCas}), so that of two coordinators exactly one writes.
 *
 * <pre>{@code
 * FailoverCoordinator coordinator = FailoverCoordinator.builder()
 *         .ruleStore(nacosStore)
 *         .journal(NacosFailoverJournal.beside(configService, nacosStore))
 *         .fence(fence)
 *         .build();
 * }</pre>
 *
 * <p>Thread-safe; the {@link ConfigService} is the caller's to create and shut down.
 */
public final class NacosFailoverJournal implements FailoverJournal {

    private static final String EMPTY_MD5 = NacosRuleStore.md5Hex("");

    private final ConfigService configService;
    private final String dataId;
    private final String group;
    private final long timeoutMillis;

    private NacosFailoverJournal(ConfigService configService, String dataId, String group, Duration timeout) {
        this.configService = Objects.requireNonNull(configService, "configService");
        this.dataId = Objects.requireNonNull(dataId, "dataId");
        this.group = Objects.requireNonNull(group, "group");
        this.timeoutMillis = timeout.toMillis();
    }

    /**
     * The journal beside a store's rule document: data id {@code <dataId>.failover}, same group.
     *
     * @param configService the Nacos client the store uses
     * @param store the rule store
     * @return the journal, reading with the default timeout of 3 s
     */
    public static NacosFailoverJournal beside(ConfigService configService, NacosRuleStore store) {
        return new NacosFailoverJournal(configService, store.dataId() + ".failover", store.group(),
                NacosRuleStore.DEFAULT_TIMEOUT);
    }

    /**
     * A journal at a data id of your choice.
     *
     * @param configService the Nacos client
     * @param dataId the journal's data id
     * @param group its group
     * @param timeout how long to wait for the server on each read
     * @return the journal
     */
    public static NacosFailoverJournal of(ConfigService configService, String dataId, String group, Duration timeout) {
        return new NacosFailoverJournal(configService, dataId, group, timeout);
    }

    /** The journal's data id. */
    public String dataId() {
        return dataId;
    }

    @Override
    public String name() {
        return "nacos:" + dataId + " (group " + group + ")";
    }

    @Override
    public Optional<String> read() {
        requireServerUp("read");
        try {
            String text = configService.getConfig(dataId, group, timeoutMillis);
            return text == null || text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (NacosException e) {
            throw new RuleStoreException(name(), "cannot read the failover journal: Nacos error " + e.getErrCode()
                    + " (" + e.getErrMsg() + ")", e);
        }
    }

    /**
     * Publishes {@code next} with compare-and-set on the MD5 of {@code expected} (of the empty text when there
     * was no journal).
     *
     * @throws RuleStoreException if the server is down or refuses the request
     */
    @Override
    public boolean replace(String expected, String next) {
        requireServerUp("write");
        try {
            boolean published = configService.publishConfigCas(dataId, group, next,
                    expected == null ? EMPTY_MD5 : NacosRuleStore.md5Hex(expected), ConfigType.YAML.getType());
            if (!published) {
                // The client also answers false when the request did not get through.
                requireServerUp("write");
            }
            return published;
        } catch (NacosException e) {
            throw new RuleStoreException(name(), "cannot write the failover journal: Nacos error " + e.getErrCode()
                    + " (" + e.getErrMsg() + ")", e);
        }
    }

    private void requireServerUp(String action) {
        if ("DOWN".equalsIgnoreCase(configService.getServerStatus())) {
            throw new RuleStoreException(name(), "cannot " + action + " the failover journal: the Nacos client"
                    + " reports the server as DOWN", null);
        }
    }
}
