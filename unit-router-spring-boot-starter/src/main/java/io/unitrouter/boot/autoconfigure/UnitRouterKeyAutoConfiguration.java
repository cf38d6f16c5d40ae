package io.unitrouter.boot.autoconfigure;

import io.unitrouter.boot.web.RoutingKeyResolver;
import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.context.RoutingHeaderCodec;
import io.unitrouter.core.key.KeyChain;
import io.unitrouter.core.key.KeyExtractor;
import io.unitrouter.core.key.KeySources;
import io.unitrouter.spring.autoconfigure.UnitRouterAutoConfiguration;
import io.unitrouter.spring.autoconfigure.UnitRouterConfigurationException;
import io.unitrouter.spring.autoconfigure.UnitRouterProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The routing-key resolver a cell's inbound filters use, from {@code unit-router.key.sources} and the
 * application's {@link KeyExtractor} beans. A gateway resolves keys per route instead, so this lives in the
 * starter, beside the filters, rather than with the router in {@link UnitRouterAutoConfiguration}. The bean
 * backs off when the application declares its own.
 */
@AutoConfiguration(after = UnitRouterAutoConfiguration.class, before = {UnitRouterServletAutoConfiguration.class,
        UnitRouterWebFluxAutoConfiguration.class})
@ConditionalOnBooleanProperty(name = "unit-router.enabled", matchIfMissing = true)
@ConditionalOnBean(RoutingHeaderCodec.class)
@EnableConfigurationProperties(UnitRouterProperties.class)
public class UnitRouterKeyAutoConfiguration {

    /**
     * Finds routing keys: the application's {@link KeyExtractor} beans first (named {@code bean:NAME} in
     * refusals), then the configured sources, under {@link KeyChain}'s rule.
     */
    @Bean
    @ConditionalOnMissingBean
    public RoutingKeyResolver unitRouterKeyResolver(RoutingHeaderCodec codec, ObjectProvider<KeyExtractor> custom,
            ListableBeanFactory beans, UnitRouterProperties properties) {
        Map<String, KeyExtractor> byName = beans.getBeansOfType(KeyExtractor.class);
        Map<String, KeyExtractor> named = new LinkedHashMap<>();
        custom.orderedStream().forEach(extractor -> byName.forEach((name, bean) -> {
            if (bean == extractor) {
                named.put(KeyChain.BEAN_PREFIX + name, extractor);
            }
        }));
        List<String> sources = properties.getKey().getSources();
        for (int i = 0; i < sources.size(); i++) {
            try {
                named.put(sources.get(i).trim(), KeySources.parse(sources.get(i)));
            } catch (UnitRouterException e) {
                throw new UnitRouterConfigurationException("unit-router.key.sources[" + i + "]", e.getMessage(),
                        "Use header:NAME, cookie:NAME, query:NAME, path-segment:INDEX, path-variable:NAME or"
                                + " jwt:CLAIM, or declare a KeyExtractor bean.", e);
            }
        }
        if (named.isEmpty()) {
            throw new UnitRouterConfigurationException("unit-router.key.sources", "is empty and no KeyExtractor bean"
                    + " is declared", "Configure at least one routing-key source, e.g. header:X-User-Id.", null);
        }
        String description = (byName.isEmpty() ? "" : "KeyExtractor beans, ") + sources;
        return new RoutingKeyResolver(codec, KeyChain.of(named), description);
    }
}
