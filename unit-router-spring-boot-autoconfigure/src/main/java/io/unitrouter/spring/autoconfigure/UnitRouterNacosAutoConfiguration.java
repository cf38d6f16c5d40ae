package io.unitrouter.spring.autoconfigure;

import com.alibaba.nacos.api.NacosFactory;
import com.alibaba.nacos.api.PropertyKeyConst;
import com.alibaba.nacos.api.config.ConfigService;
import com.alibaba.nacos.api.exception.NacosException;
import io.unitrouter.core.spi.RuleStore;
import io.unitrouter.core.spi.RuleStoreException;
import io.unitrouter.nacos.NacosRuleStore;
import java.nio.file.Path;
import java.util.Properties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The Nacos rule store, when {@code unit-router.rules.location} is {@code nacos:<data-id>} and the Nacos
 * rule store ({@code io.unitrouter:unit-router-nacos}, which brings the Nacos client) is on the classpath. It declares a {@link ConfigService} built from
 * {@code unit-router.rules.nacos.*} (unless the application declares one) and a {@link NacosRuleStore} on it
 * (unless the application declares a {@link RuleStore}). It runs before {@link UnitRouterAutoConfiguration},
 * whose file and classpath store then back off.
 *
 * <p>Stateless; the beans it declares are thread-safe.
 */
@AutoConfiguration(before = UnitRouterAutoConfiguration.class)
@ConditionalOnClass({ConfigService.class, NacosRuleStore.class})
@ConditionalOnBooleanProperty(name = "unit-router.enabled", matchIfMissing = true)
@Conditional(UnitRouterNacosAutoConfiguration.OnNacosLocation.class)
@EnableConfigurationProperties(UnitRouterProperties.class)
public class UnitRouterNacosAutoConfiguration {

    static final String NACOS_PREFIX = "nacos:";
    private static final String PROPERTIES = "unit-router.rules.nacos.";

    /**
     * A Nacos client for {@code unit-router.rules.nacos.server-addr}, {@code namespace}, and {@code username}
     * and {@code password} when set. Shut down with the context.
     *
     * @throws UnitRouterConfigurationException if the server address is empty or the client cannot be created
     */
    @Bean(destroyMethod = "shutDown")
    @ConditionalOnMissingBean(ConfigService.class)
    public ConfigService unitRouterNacosConfigService(UnitRouterProperties properties) {
        UnitRouterProperties.Nacos nacos = properties.getRules().getNacos();
        if (!StringUtils.hasText(nacos.getServerAddr())) {
            throw new UnitRouterConfigurationException(PROPERTIES + "server-addr", "is empty",
                    "Set it to the Nacos server addresses, e.g. 10.0.0.1:8848,10.0.0.2:8848.", null);
        }
        Properties client = new Properties();
        client.setProperty(PropertyKeyConst.SERVER_ADDR, nacos.getServerAddr().trim());
        if (StringUtils.hasText(nacos.getNamespace())) {
            client.setProperty(PropertyKeyConst.NAMESPACE, nacos.getNamespace().trim());
        }
        if (StringUtils.hasText(nacos.getUsername())) {
            client.setProperty(PropertyKeyConst.USERNAME, nacos.getUsername());
        }
        if (StringUtils.hasText(nacos.getPassword())) {
            client.setProperty(PropertyKeyConst.PASSWORD, nacos.getPassword());
        }
        try {
            return NacosFactory.createConfigService(client);
        } catch (NacosException e) {
            throw new UnitRouterConfigurationException(PROPERTIES + "server-addr", "cannot create a Nacos client for '"
                    + nacos.getServerAddr() + "': Nacos error " + e.getErrCode() + " (" + e.getErrMsg() + ")",
                    "Check unit-router.rules.nacos.server-addr, namespace, username and password.", e);
        }
    }

    /**
     * The rule store on the data id after {@code nacos:}.
     *
     * @throws UnitRouterConfigurationException if the data id, group or timeout is not usable
     */
    @Bean
    @ConditionalOnMissingBean(RuleStore.class)
    public RuleStore unitRouterRuleStore(ConfigService configService, UnitRouterProperties properties) {
        String location = properties.getRules().getLocation().trim();
        String dataId = location.substring(NACOS_PREFIX.length()).trim();
        if (dataId.isEmpty()) {
            throw new UnitRouterConfigurationException(RuleStores.LOCATION, "'" + location + "' names no data id",
                    "Write the Nacos data id after the prefix, e.g. unit-router.rules.location=nacos:unit-router-rules"
                            + ".yaml.", null);
        }
        UnitRouterProperties.Nacos nacos = properties.getRules().getNacos();
        NacosRuleStore.Builder builder = NacosRuleStore.builder(configService, dataId)
                .serverAddr(String.valueOf(nacos.getServerAddr()).trim())
                .namespace(nacos.getNamespace());
        try {
            builder.group(nacos.getGroup());
        } catch (IllegalArgumentException e) {
            throw new UnitRouterConfigurationException(PROPERTIES + "group", e.getMessage(),
                    "Use letters, digits, '-', '_', '.' or ':', e.g. UNIT_ROUTER.", e);
        }
        try {
            builder.timeout(nacos.getTimeout());
        } catch (IllegalArgumentException e) {
            throw new UnitRouterConfigurationException(PROPERTIES + "timeout", e.getMessage(),
                    "Use a duration from 1ms to 10m, e.g. 3s.", e);
        }
        if (StringUtils.hasText(nacos.getSnapshotDir())) {
            builder.snapshotDirectory(Path.of(nacos.getSnapshotDir().trim()));
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new UnitRouterConfigurationException(RuleStores.LOCATION, "'" + location + "': " + e.getMessage(),
                    "Use the data id exactly as it is in Nacos: letters, digits, '-', '_', '.' or ':'.", e);
        } catch (RuleStoreException e) {
            throw new UnitRouterConfigurationException(RuleStores.LOCATION, e.getMessage(),
                    "Check unit-router.rules.nacos.* and that the Nacos client can start.", e);
        }
    }

    /** Matches when {@code unit-router.rules.location} starts with {@code nacos:}. */
    static final class OnNacosLocation extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            ConditionMessage.Builder message = ConditionMessage.forCondition("unit-router Nacos rule location");
            String location = context.getEnvironment().getProperty(RuleStores.LOCATION);
            if (location != null && location.trim().startsWith(NACOS_PREFIX)) {
                return ConditionOutcome.match(message.because(RuleStores.LOCATION + " is '" + location + "'"));
            }
            return ConditionOutcome.noMatch(message.because(RuleStores.LOCATION + " is "
                    + (location == null ? "not set" : "'" + location + "'")));
        }
    }
}
