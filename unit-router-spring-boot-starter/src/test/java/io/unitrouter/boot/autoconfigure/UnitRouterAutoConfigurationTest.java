package io.unitrouter.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.boot.web.RoutingKeyResolver;
import io.unitrouter.core.Cell;
import io.unitrouter.core.context.RoutingContext;
import io.unitrouter.core.context.RoutingHeaderCodec;
import io.unitrouter.core.key.AmbiguousKeyException;
import io.unitrouter.core.key.KeyExtractor;
import io.unitrouter.core.key.KeySources;
import io.unitrouter.core.key.RequestView;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.spi.RuleStore;
import io.unitrouter.core.store.InMemoryRuleStore;
import io.unitrouter.spring.TestRules;
import io.unitrouter.spring.autoconfigure.ProtectionMode;
import io.unitrouter.spring.autoconfigure.UnitRouterAutoConfiguration;
import io.unitrouter.spring.autoconfigure.UnitRouterProperties;
import io.unitrouter.spring.loadbalancer.ReadFallback;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;

/** The core beans: rule store, router, header codec and key resolver, their switch, and their back-off. */
class UnitRouterAutoConfigurationTest {

    static final String SECRET = "0123456789abcdef0123456789abcdef-core";
    static final String OLD_SECRET = "fedcba9876543210fedcba9876543210-old";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(UnitRouterAutoConfiguration.class,
                    UnitRouterKeyAutoConfiguration.class))
            .withPropertyValues("unit-router.rules.location=" + TestRules.LOCATION,
                    "unit-router.instance-id=core-test");

    @Test
    void createsRuleStoreRouterCodecAndKeyResolverFromTheRulesLocation() {
        runner.withPropertyValues("unit-router.local-cell=rz01").run(context -> {
            assertThat(context).hasNotFailed()
                    .hasSingleBean(RuleStore.class)
                    .hasSingleBean(UnitRouter.class)
                    .hasSingleBean(RoutingHeaderCodec.class)
                    .hasSingleBean(RoutingKeyResolver.class)
                    .hasSingleBean(UnitRouterProperties.class);
            UnitRouter router = context.getBean(UnitRouter.class);
            assertThat(router.table().epoch()).isEqualTo(42);
            assertThat(router.table().document().source()).isEqualTo(TestRules.LOCATION);
            assertThat(router.localCell()).map(Cell::id).hasValue("rz01");
            assertThat(context.getBean(RuleStore.class).load().epoch()).isEqualTo(42);
        });
    }

    @Test
    void routerHasNoLocalCellWhenLocalCellIsUnset() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(UnitRouter.class).localCell()).isEmpty();
        });
    }

    @Test
    void localCellIsTrimmed() {
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                new MapPropertySource("padded", Map.of("unit-router.local-cell", " rz02\t")))).run(context ->
                assertThat(context.getBean(UnitRouter.class).localCell()).map(Cell::id).hasValue("rz02"));
    }

    @Test
    void noBeanAtAllWhenUnitRouterIsDisabled() {
        runner.withPropertyValues("unit-router.enabled=false", "unit-router.local-cell=rz01").run(context -> {
            assertThat(context).hasNotFailed()
                    .doesNotHaveBean(RuleStore.class)
                    .doesNotHaveBean(UnitRouter.class)
                    .doesNotHaveBean(RoutingHeaderCodec.class)
                    .doesNotHaveBean(RoutingKeyResolver.class)
                    .doesNotHaveBean(UnitRouterProperties.class);
        });
    }

    @Test
    void disabledUnitRouterDoesNotEvenOpenAMissingRuleDocument() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(UnitRouterAutoConfiguration.class,
                    UnitRouterKeyAutoConfiguration.class))
                .withPropertyValues("unit-router.enabled=false", "unit-router.rules.location=classpath:nowhere.yaml")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(RuleStore.class));
    }

    @Test
    void propertiesBindEveryOption() {
        runner.withPropertyValues("unit-router.protection.mode=forward", "unit-router.protection.max-hops=3",
                "unit-router.protection.default-scope=normal", "unit-router.protection.retry-after=7s",
                "unit-router.loadbalancer.read-fallback=same-city", "unit-router.circuitbreaker.enabled=false",
                "unit-router.rules.poll-interval=250ms").run(context -> {
                    UnitRouterProperties properties = context.getBean(UnitRouterProperties.class);
                    assertThat(properties.getProtection().getMode()).isEqualTo(ProtectionMode.FORWARD);
                    assertThat(properties.getProtection().getMaxHops()).isEqualTo(3);
                    assertThat(properties.getProtection().getDefaultScope())
                            .isEqualTo(UnitRouterProperties.DefaultScope.NORMAL);
                    assertThat(properties.getProtection().getRetryAfter()).isEqualTo(Duration.ofSeconds(7));
                    assertThat(properties.getLoadbalancer().getReadFallback()).isEqualTo(ReadFallback.SAME_CITY);
                    assertThat(properties.getCircuitbreaker().isEnabled()).isFalse();
                    assertThat(properties.getRules().getPollInterval()).isEqualTo(Duration.ofMillis(250));
                });
    }

    @Test
    void codecIsUnsignedWithoutASecret() {
        runner.run(context -> {
            RoutingHeaderCodec codec = context.getBean(RoutingHeaderCodec.class);
            assertThat(codec.isSigning()).isFalse();
            assertThat(codec.encode(RoutingContext.ofKey("1205"))).doesNotContainKey("X-Unit-Signature");
        });
    }

    @Test
    void codecSignsWithTheSecretAndVerifiesAgainstIt() {
        runner.withPropertyValues("unit-router.security.secret=" + SECRET).run(context -> {
            RoutingHeaderCodec codec = context.getBean(RoutingHeaderCodec.class);
            assertThat(codec.isSigning()).isTrue();
            Map<String, String> headers = codec.encode(RoutingContext.ofKey("1205"));
            assertThat(headers.get("X-Unit-Signature")).startsWith("v1:");
            Map<String, String> sameSecret = RoutingHeaderCodec.signed(SECRET).encode(RoutingContext.ofKey("1205"));
            assertThat(headers).isEqualTo(sameSecret);
        });
    }

    @Test
    void codecAcceptsHeadersSignedWithAPreviousSecret() {
        runner.withPropertyValues("unit-router.security.secret=" + SECRET,
                "unit-router.security.previous-secrets=" + OLD_SECRET).run(context -> {
                    RoutingHeaderCodec codec = context.getBean(RoutingHeaderCodec.class);
                    Map<String, String> old = RoutingHeaderCodec.signed(OLD_SECRET)
                            .encode(RoutingContext.ofKey("1205"), "GET", "/accounts/1205");
                    assertThat(codec.decode(old::get, "GET", "/accounts/1205")).map(RoutingContext::key)
                            .hasValue("1205");
                });
    }

    @Test
    void keyResolverUsesTheDefaultHeaderSource() {
        runner.run(context -> {
            RoutingKeyResolver resolver = context.getBean(RoutingKeyResolver.class);
            assertThat(resolver.description()).isEqualTo("[header:X-User-Id]");
            RoutingKeyResolver.Resolution resolution = resolver.resolve(name -> null,
                    request(Map.of("X-User-Id", "1205")));
            assertThat(resolution.problem()).isNull();
            assertThat(resolution.context().key()).isEqualTo("1205");
        });
    }

    @Test
    void keyResolverAsksEveryConfiguredSourceAndRefusesDisagreement() {
        runner.withPropertyValues("unit-router.key.sources=header:X-Account,header:X-User-Id").run(context -> {
            RoutingKeyResolver resolver = context.getBean(RoutingKeyResolver.class);
            assertThat(resolver.description()).isEqualTo("[header:X-Account, header:X-User-Id]");
            // The first source used to win; two sources naming different users are now refused (issue #12, S2).
            assertThat(resolver.resolve(name -> null, request(Map.of("X-User-Id", "7", "X-Account", "3")))
                    .problem()).isInstanceOf(AmbiguousKeyException.class)
                    .hasMessageContaining("from header:X-Account disagrees with header:X-User-Id");
            assertThat(resolver.resolve(name -> null, request(Map.of("X-User-Id", "7", "X-Account", "7")))
                    .context().key()).isEqualTo("7");
            assertThat(resolver.resolve(name -> null, request(Map.of("X-User-Id", "7"))).context().key())
                    .isEqualTo("7");
        });
    }

    @Test
    void keyExtractorBeansAreTriedBeforeTheConfiguredSources() {
        runner.withUserConfiguration(KeyExtractorConfiguration.class).run(context -> {
            RoutingKeyResolver resolver = context.getBean(RoutingKeyResolver.class);
            assertThat(resolver.description()).isEqualTo("KeyExtractor beans, [header:X-User-Id]");
            assertThat(resolver.resolve(name -> null, request(Map.of("X-User-Id", "99", "X-Customer", "99")))
                    .context().key()).isEqualTo("99");
            assertThat(resolver.resolve(name -> null, request(Map.of("X-User-Id", "7", "X-Customer", "99")))
                    .problem()).isInstanceOf(AmbiguousKeyException.class)
                    .hasMessageContaining("from bean:");
            assertThat(resolver.resolve(name -> null, request(Map.of("X-User-Id", "7"))).context().key())
                    .isEqualTo("7");
        });
    }

    @Test
    void keyExtractorBeanAloneIsEnoughWithoutConfiguredSources() {
        runner.withUserConfiguration(KeyExtractorConfiguration.class)
                .withPropertyValues("unit-router.key.sources=")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    RoutingKeyResolver resolver = context.getBean(RoutingKeyResolver.class);
                    assertThat(resolver.resolve(name -> null, request(Map.of("X-Customer", "99"))).context().key())
                            .isEqualTo("99");
                });
    }

    @Test
    void theRouterReportsItsEpochAgainEveryHeartbeat() {
        runner.withPropertyValues("unit-router.local-cell=rz01", "unit-router.heartbeat=100ms")
                .withUserConfiguration(OwnRuleStore.class).run(context -> {
                    RuleStore store = context.getBean(RuleStore.class);
                    java.time.Instant first = store.appliedEpochs().values().iterator().next().heartbeat();
                    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                            store.appliedEpochs().values().iterator().next().heartbeat().isAfter(first));
                    assertThat(context.getBean(UnitRouterProperties.class).getHeartbeat())
                            .isEqualTo(java.time.Duration.ofMillis(100));
                });
    }

    @Test
    void backsOffWhenTheApplicationDeclaresItsOwnRuleStore() {
        // No valid rules.location: the default classpath:unit-router/rules.yaml does not exist, and is not opened.
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(UnitRouterAutoConfiguration.class,
                    UnitRouterKeyAutoConfiguration.class))
                .withUserConfiguration(OwnRuleStore.class)
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(RuleStore.class);
                    assertThat(context.getBean(RuleStore.class)).isSameAs(context.getBean("myRuleStore"));
                    assertThat(context.getBean(UnitRouter.class).table().epoch()).isEqualTo(77);
                });
    }

    @Test
    void backsOffWhenTheApplicationDeclaresItsOwnRouter() {
        runner.withUserConfiguration(OwnRouter.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(UnitRouter.class);
            assertThat(context.getBean(UnitRouter.class)).isSameAs(context.getBean("myRouter"));
            assertThat(context.getBean(UnitRouter.class).localCell()).map(Cell::id).hasValue("rz05");
        });
    }

    @Test
    void backsOffWhenTheApplicationDeclaresItsOwnCodec() {
        runner.withPropertyValues("unit-router.security.secret=" + SECRET)
                .withUserConfiguration(OwnCodec.class).run(context -> {
                    assertThat(context).hasSingleBean(RoutingHeaderCodec.class);
                    assertThat(context.getBean(RoutingHeaderCodec.class)).isSameAs(OwnCodec.CODEC);
                });
    }

    @Test
    void backsOffWhenTheApplicationDeclaresItsOwnKeyResolver() {
        // Empty key sources would fail the starter's resolver; the application's own replaces it.
        runner.withPropertyValues("unit-router.key.sources=")
                .withUserConfiguration(OwnKeyResolver.class).run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(RoutingKeyResolver.class);
                    assertThat(context.getBean(RoutingKeyResolver.class).description()).isEqualTo("mine");
                });
    }

    static RequestView request(Map<String, String> headers) {
        return new RequestView() {
            @Override
            public String header(String name) {
                return headers.get(name);
            }

            @Override
            public String cookie(String name) {
                return null;
            }

            @Override
            public String queryParameter(String name) {
                return null;
            }

            @Override
            public String path() {
                return "/";
            }
        };
    }

    @Configuration(proxyBeanMethods = false)
    static class KeyExtractorConfiguration {
        @Bean
        KeyExtractor customerExtractor() {
            return request -> request.header("X-Customer");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnRuleStore {
        @Bean
        RuleStore myRuleStore() {
            return new InMemoryRuleStore(TestRules.threeCitiesWith("epoch: 42", "epoch: 77"));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnRouter {
        @Bean(destroyMethod = "close")
        UnitRouter myRouter() {
            return TestRules.router("rz05");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnCodec {
        static final RoutingHeaderCodec CODEC = RoutingHeaderCodec.signed("my-own-secret-0123456789abcdef0123");

        @Bean
        RoutingHeaderCodec myCodec() {
            return CODEC;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnKeyResolver {
        @Bean
        RoutingKeyResolver myResolver() {
            return new RoutingKeyResolver(RoutingHeaderCodec.unsigned(), KeySources.parse("cookie:uid"), "mine");
        }
    }
}
