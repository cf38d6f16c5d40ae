package io.unitrouter.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.key.KeyExtractor;
import io.unitrouter.core.key.RequestView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingKeySourcesTest {

    private static RequestView headers(Map<String, String> headers) {
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

    @Test
    void sourcesAreTriedInOrderAndTheFinderIsNamed() {
        RoutingKeySources sources = RoutingKeySources.parse(List.of("header:A", "header:B"), Map.of());

        assertThat(sources.find(headers(Map.of("B", "2", "A", "1")))).isEqualTo(
                new RoutingKeySources.FoundKey("header:A", "1"));
        assertThat(sources.find(headers(Map.of("B", "2")))).isEqualTo(new RoutingKeySources.FoundKey("header:B", "2"));
        assertThat(sources.find(headers(Map.of()))).isNull();
    }

    @Test
    void anEmptyValueCountsAsNoKeySoTheNextSourceIsTried() {
        RoutingKeySources sources = RoutingKeySources.parse(List.of("header:A", "header:B"), Map.of());

        assertThat(sources.find(headers(Map.of("A", "", "B", "7")))).isEqualTo(
                new RoutingKeySources.FoundKey("header:B", "7"));
    }

    @Test
    void aBeanSourceNamesAKeyExtractorBean() {
        KeyExtractor tenant = request -> "42";

        RoutingKeySources sources = RoutingKeySources.parse(List.of(" bean:tenant "), Map.of("tenant", tenant));

        assertThat(sources.names()).containsExactly("bean:tenant");
        assertThat(sources.find(headers(Map.of()))).isEqualTo(new RoutingKeySources.FoundKey("bean:tenant", "42"));
    }

    @Test
    void anUnknownBeanOrSourceIsRefusedNamingIt() {
        assertThatThrownBy(() -> RoutingKeySources.parse(List.of("bean:nope"), Map.of("tenant", r -> null)))
                .isInstanceOf(UnitRouterException.class)
                .hasMessageContaining("'bean:nope' names no KeyExtractor bean; KeyExtractor beans: [tenant]");
        assertThatThrownBy(() -> RoutingKeySources.parse(List.of("body:userId"), Map.of()))
                .hasMessageContaining("'body:userId' has unknown type 'body'");
        assertThatThrownBy(() -> RoutingKeySources.parse(List.of(), Map.of()))
                .hasMessageContaining("no routing-key source is configured");
    }

    @Test
    void aFailingExtractorIsReportedWithItsSource() {
        RoutingKeySources sources = RoutingKeySources.parse(List.of("bean:broken"),
                Map.of("broken", request -> {
                    throw new IllegalStateException("token service down");
                }));

        assertThatThrownBy(() -> sources.find(headers(Map.of())))
                .isInstanceOf(KeySourceException.class)
                .hasMessageContaining("bean:broken failed: java.lang.IllegalStateException: token service down");
    }
}
