package io.unitrouter.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrouter.core.Scope;
import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.key.KeyExtractor;
import io.unitrouter.core.routing.UnitRouter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnitRoutePoliciesTest {

    private final UnitRouter router = Rules.router();
    private final UnitRouterGatewayProperties gateway = new UnitRouterGatewayProperties();

    private UnitRoutePolicy route(UnitRouteGatewayFilterFactory.Config config) {
        return new UnitRoutePolicies(gateway, List.of("header:X-User-Id"), Map.of(), router)
                .forRoute(routeId(config, "payments"));
    }

    @Test
    void aRouteInheritsWhatItLeavesOutFromTheGatewaySettings() {
        gateway.setHoldTimeout(Duration.ofMillis(1500));
        gateway.setMissingKey(MissingKeyPolicy.DEFAULT_CELL);
        gateway.setDefaultCell("rz02");

        UnitRoutePolicy policy = route(new UnitRouteGatewayFilterFactory.Config());

        assertThat(policy.keySources()).containsExactly("header:X-User-Id");
        assertThat(policy.scope()).isEqualTo(Scope.UNIT);
        assertThat(policy.holdTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(policy.missingKey()).isEqualTo(MissingKeyPolicy.DEFAULT_CELL);
        assertThat(policy.defaultCell()).isEqualTo("rz02");
    }

    @Test
    void theDefaultHoldIsTwoSecondsAndTheDefaultPolicyRejectsKeylessRequests() {
        UnitRoutePolicy policy = route(new UnitRouteGatewayFilterFactory.Config());

        assertThat(policy.holdTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.missingKey()).isEqualTo(MissingKeyPolicy.REJECT);
    }

    @Test
    void keyExtractorBeansComeFirstInTheDefaultSources() {
        Map<String, KeyExtractor> beans = new LinkedHashMap<>();
        beans.put("session", request -> null);

        UnitRoutePolicy policy = new UnitRoutePolicies(gateway, List.of("header:X-User-Id", "jwt:sub"), beans, router)
                .gatewayDefault(Scope.UNIT);

        assertThat(policy.keySources()).containsExactly("bean:session", "header:X-User-Id", "jwt:sub");
    }

    @Test
    void gatewayKeySourcesReplaceTheStarterOnes() {
        gateway.setKeySources(List.of("cookie:uid"));

        UnitRoutePolicy policy = new UnitRoutePolicies(gateway, List.of("header:X-User-Id"),
                Map.of("session", request -> null), router).gatewayDefault(Scope.UNIT);

        assertThat(policy.keySources()).containsExactly("cookie:uid");
    }

    @Test
    void invalidRouteSettingsAreRefusedNamingTheRouteAndTheSetting() {
        assertThatThrownBy(() -> route(new UnitRouteGatewayFilterFactory.Config()
                .setKeySources(List.of("header"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UnitRoute filter of route 'payments': routing-key source 'header' is not of"
                        + " the form type:name");
        assertThatThrownBy(() -> route(new UnitRouteGatewayFilterFactory.Config()
                .setMissingKey(MissingKeyPolicy.DEFAULT_CELL)))
                .hasMessageContaining("missing-key is DEFAULT_CELL but no default-cell is set");
        assertThatThrownBy(() -> route(new UnitRouteGatewayFilterFactory.Config()
                .setMissingKey(MissingKeyPolicy.DEFAULT_CELL).setDefaultCell("rz09")))
                .hasMessageContaining("default-cell 'rz09' is not declared in the rules (epoch 42); cells: [rz01,");
        assertThatThrownBy(() -> route(new UnitRouteGatewayFilterFactory.Config()
                .setHoldTimeout(Duration.ofSeconds(-1))))
                .hasMessageContaining("hold-timeout must be zero or positive, was PT-1S");
        assertThatThrownBy(() -> route(new UnitRouteGatewayFilterFactory.Config().setScope(Scope.CITY)))
                .hasMessageContaining("scope CITY needs the caller's city");
        assertThatThrownBy(() -> route(new UnitRouteGatewayFilterFactory.Config().setScope(Scope.CITY)
                .setCity("bj"))).hasMessageContaining("city 'bj' is not declared in the rules (epoch 42); cities:"
                        + " [hz, sh, sz]");
        assertThatThrownBy(() -> route(new UnitRouteGatewayFilterFactory.Config()
                .setCellUris(Map.of("rz01", "not a url"))))
                .hasMessageContaining("cell-uris.rz01 'not a url' is not a URL");
    }

    @Test
    void withNoSourceAnywhereTheGatewayRefusesToStart() {
        assertThatThrownBy(() -> new UnitRoutePolicies(gateway, List.of(), Map.of(), router))
                .isInstanceOf(UnitRouterException.class)
                .hasMessageContaining("no KeyExtractor bean is declared");
        gateway.setKeySources(List.of("query"));
        assertThatThrownBy(() -> new UnitRoutePolicies(gateway, List.of("header:X-User-Id"), Map.of(), router))
                .hasMessageContaining("unit-router.gateway.key-sources: routing-key source 'query'");
    }

    private static UnitRouteGatewayFilterFactory.Config routeId(UnitRouteGatewayFilterFactory.Config config,
            String routeId) {
        config.setRouteId(routeId);
        return config;
    }
}
