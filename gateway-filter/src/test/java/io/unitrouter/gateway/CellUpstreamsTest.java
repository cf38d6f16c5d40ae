package io.unitrouter.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrouter.core.Cell;
import io.unitrouter.core.CellKind;
import io.unitrouter.core.UnitRouterException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CellUpstreamsTest {

    private static final Cell RZ01 = new Cell("rz01", CellKind.RZONE, "hz1", "hz", 100, null);
    private static final Cell GZ01 = new Cell("gz01", CellKind.GZONE, "hz1", "hz", Cell.UNLIMITED, "gz02");

    @Test
    void theTargetKeepsTheRawPathAndQueryExactlyAsEncoded() {
        URI request = URI.create("no://op/api/users/a%2Fb/%E2%82%AC?q=a%20b%2Bc&x=1&x=2&empty=#frag");

        URI target = CellUpstreams.target("http://rz01.internal:8080", request);

        assertThat(target.toString())
                .isEqualTo("http://rz01.internal:8080/api/users/a%2Fb/%E2%82%AC?q=a%20b%2Bc&x=1&x=2&empty=");
    }

    @Test
    void theTargetIsTheUrlThatParsingItsWholeTextGivesForEveryShapeOfBaseAndPath() {
        List<String> bases = List.of("http://rz01.internal:8080", "https://edge.bank.example/cells/rz01",
                "http://[::1]:8080", "ws://rz01.internal", "http://ops@rz01.internal:1/a/b");
        List<String> requests = List.of("no://op/api/users/a%2Fb/%E2%82%AC?q=a%20b%2Bc&x=1&x=2&empty=",
                "no://op//evil.example/steal", "no://op///x", "no://op", "no://op?x=1", "no://op/", "no://op/a;v=1/d?",
                "no://op/%2e%2e/x", "no://op/a/../b/./c", "no://op/a:b/c", "no://op/\u20ac/\u00fc?\u00e4=1",
                "no://op/a?b?c=/d");
        for (String base : bases) {
            for (String text : requests) {
                URI request = URI.create(text);
                String path = request.getRawPath() == null ? "" : request.getRawPath();
                // The reference: the whole URL written out as text and parsed in one go.
                URI expected = URI.create(base + (path.isEmpty() || path.startsWith("/") ? "" : "/") + path
                        + (request.getRawQuery() == null ? "" : "?" + request.getRawQuery()));

                URI target = CellUpstreams.target(URI.create(base), request);

                assertThat(target).as("%s + %s", base, text).isEqualTo(expected);
                assertThat(target.toString()).as("%s + %s", base, text).isEqualTo(expected.toString());
                assertThat(target.getRawAuthority()).as("%s + %s", base, text).isEqualTo(expected.getRawAuthority());
                assertThat(target.getHost()).as("%s + %s", base, text).isEqualTo(URI.create(base).getHost());
                assertThat(target.getRawPath()).as("%s + %s", base, text).isEqualTo(expected.getRawPath());
                assertThat(target.getRawQuery()).as("%s + %s", base, text).isEqualTo(expected.getRawQuery());
            }
        }
    }

    @Test
    void aPathStartingWithTwoSlashesCannotNameAnotherHost() {
        CellUpstreams upstreams = new CellUpstreams(Map.of("rz01", "http://rz01.internal:8080"), null, Map.of(), null);

        URI target = upstreams.targetOf(upstreams.baseOf(RZ01), URI.create("no://op//evil.example/steal?x=1"));

        assertThat(target.getHost()).isEqualTo("rz01.internal");
        assertThat(target).hasToString("http://rz01.internal:8080//evil.example/steal?x=1");
    }

    @Test
    void aBaseUrlWithAPathPrefixesTheRequestPath() {
        CellUpstreams upstreams = new CellUpstreams(Map.of("rz01", "https://edge.bank.example/cells/rz01/"), null,
                Map.of(), null);

        String base = upstreams.baseOf(RZ01);

        assertThat(base).isEqualTo("https://edge.bank.example/cells/rz01");
        assertThat(CellUpstreams.target(base, URI.create("lb://x/pay"))).hasToString(
                "https://edge.bank.example/cells/rz01/pay");
    }

    @Test
    void routeSettingsComeBeforeGatewaySettingsAndTemplatesFillTheGaps() {
        CellUpstreams gatewayOnly = new CellUpstreams(Map.of(), null,
                Map.of("rz01", URI.create("http://rz01.gw:1")), "http://{cell}.{kind}.{city}.{dataCenter}.bank:8080");
        CellUpstreams routeTemplate = new CellUpstreams(Map.of(), "http://{cell}.route:9",
                Map.of("rz01", URI.create("http://rz01.gw:1")), null);
        CellUpstreams routeUri = new CellUpstreams(Map.of("rz01", "http://rz01.route:2"), "http://{cell}.route:9",
                Map.of(), null);

        assertThat(gatewayOnly.baseOf(RZ01)).isEqualTo("http://rz01.gw:1");
        assertThat(gatewayOnly.baseOf(GZ01)).isEqualTo("http://gz01.gzone.hz.hz1.bank:8080");
        assertThat(routeTemplate.baseOf(RZ01)).isEqualTo("http://rz01.route:9");
        assertThat(routeUri.baseOf(RZ01)).isEqualTo("http://rz01.route:2");
        assertThat(routeUri.baseOf(GZ01)).isEqualTo("http://gz01.route:9");
    }

    @Test
    void aCellWithoutAnyConfiguredUrlHasNone() {
        CellUpstreams upstreams = new CellUpstreams(Map.of("rz02", "http://rz02:1"), null, Map.of(), null);

        assertThat(upstreams.baseOf(RZ01)).isNull();
    }

    @Test
    void invalidUrlsAreRefusedNamingTheSettingAndTheValue() {
        assertThatThrownBy(() -> new CellUpstreams(Map.of("rz01", "rz01.internal:8080"), null, Map.of(), null))
                .isInstanceOf(UnitRouterException.class)
                .hasMessageContaining("cell-uris.rz01 'rz01.internal:8080' is not an absolute http");
        assertThatThrownBy(() -> new CellUpstreams(Map.of(), null, Map.of("rz01", URI.create("http://h/?a=1")),
                null)).hasMessageContaining("unit-router.gateway.cells.rz01 'http://h/?a=1' must not have a query");
        assertThatThrownBy(() -> new CellUpstreams(Map.of(), "http://fixed.host", Map.of(), null))
                .hasMessageContaining("cell-uri-template 'http://fixed.host' has no placeholder");
        assertThatThrownBy(() -> new CellUpstreams(Map.of(), null, Map.of(), "ftp://{cell}.bank"))
                .hasMessageContaining("unit-router.gateway.cell-uri-template");
    }
}
