package io.unitrouter.spring.autoconfigure;

import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.context.RoutingHeaderCodec;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.spi.RuleStore;
import io.unitrouter.core.spi.RuleStoreException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;

/**
 * The core of unit-router in a Spring application, gateway or cell: the rule store, the router and the header
 * codec. Every bean backs off when the application declares its own.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "unit-router.enabled", matchIfMissing = true)
@EnableConfigurationProperties(UnitRouterProperties.class)
public class UnitRouterAutoConfiguration {

    /** The rule store named by {@code unit-router.rules.location}. */
    @Bean
    @ConditionalOnMissingBean
    public RuleStore unitRouterRuleStore(UnitRouterProperties properties, ResourceLoader resources) {
        return RuleStores.open(properties.getRules(), resources);
    }

    /** The router, following the rule store. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public UnitRouter unitRouter(RuleStore store, UnitRouterProperties properties) {
        String localCell = StringUtils.hasText(properties.getLocalCell()) ? properties.getLocalCell().trim() : null;
        Duration heartbeat = properties.getHeartbeat();
        if (heartbeat == null || (!heartbeat.isZero() && (heartbeat.compareTo(Duration.ofMillis(100)) < 0
                || heartbeat.compareTo(Duration.ofHours(1)) > 0))) {
            throw new UnitRouterConfigurationException("unit-router.heartbeat", "must be 100ms..1h, or 0 for none,"
                    + " was " + heartbeat, "Set unit-router.heartbeat to e.g. 1s (the default).", null);
        }
        try {
            return UnitRouter.builder().ruleStore(store).localCell(localCell)
                    .instanceId(StringUtils.hasText(properties.getInstanceId()) ? properties.getInstanceId() : null)
                    .heartbeat(heartbeat)
                    .build();
        } catch (RuleStoreException e) {
            throw new UnitRouterConfigurationException(RuleStores.LOCATION, "no valid rules: " + e.getMessage(),
                    "Fix or create the rule document.", e);
        } catch (UnitRouterException e) {
            throw new UnitRouterConfigurationException("unit-router.local-cell", "'" + localCell + "' is not usable: "
                    + e.getMessage(), "Set unit-router.local-cell to a cell declared in the rules, or leave it"
                    + " empty on a gateway.", e);
        }
    }

    /** Signs and verifies routing headers when {@code unit-router.security.secret} is set. */
    @Bean
    @ConditionalOnMissingBean
    public RoutingHeaderCodec unitRouterHeaderCodec(UnitRouterProperties properties) {
        UnitRouterProperties.Security security = properties.getSecurity();
        if (!StringUtils.hasText(security.getSecret())) {
            return RoutingHeaderCodec.unsigned();
        }
        String advice = "Use a random secret of at least 32 bytes, e.g. from 'openssl rand -base64 32', the same on"
                + " the gateway and every cell.";
        byte[] secret = security.getSecret().getBytes(StandardCharsets.UTF_8);
        checkSecret("unit-router.security.secret", secret, advice);
        List<byte[]> previous = new ArrayList<>();
        for (int i = 0; i < security.getPreviousSecrets().size(); i++) {
            byte[] old = security.getPreviousSecrets().get(i).getBytes(StandardCharsets.UTF_8);
            checkSecret("unit-router.security.previous-secrets[" + i + "]", old, advice);
            previous.add(old);
        }
        try {
            return RoutingHeaderCodec.signed(secret, previous.toArray(new byte[0][]))
                    .withMaxSkew(security.getMaxSkew())
                    .acceptingLegacy(security.isAcceptLegacyHeaders());
        } catch (UnitRouterException e) {
            throw new UnitRouterConfigurationException("unit-router.security.max-skew", e.getMessage(),
                    "Use a duration from 1s to 1h; keep the clocks of gateways and cells in step (NTP).", e);
        }
    }

    private static void checkSecret(String property, byte[] secret, String advice) {
        if (secret.length < RoutingHeaderCodec.MIN_SECRET_BYTES) {
            throw new UnitRouterConfigurationException(property, "is " + secret.length + " bytes long; it must be at"
                    + " least " + RoutingHeaderCodec.MIN_SECRET_BYTES, advice, null);
        }
    }
}
