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
    void aBaseUrlKeepsItsPathWithoutTheTrailingSlash() {
        CellUpstreams upstreams = new CellUpstreams(Map.of("rz01", "https://edge.bank.example/cells/rz01/"), null,
                Map.of(), null);

        assertThat(upstreams.baseOf(RZ01)).isEqualTo("https://edge.bank.example/cells/rz01");
    }

    @Test
    void aBaseUrlWithUserInformationIsRefusedWithoutPrintingTheCredentials() {
        assertThatThrownBy(() -> new CellUpstreams(Map.of("rz01", "http://ops:s3cret@rz01.internal:1"), null,
                Map.of(), null)).isInstanceOf(UnitRouterException.class)
                .hasMessageContaining("cell-uris.rz01 'http://****@rz01.internal:1' must not have user information")
                .hasMessageNotContaining("s3cret").hasMessageNotContaining("ops");
        assertThatThrownBy(() -> new CellUpstreams(Map.of("rz01", "http://ops:s3cret@rz01 internal:1"), null,
                Map.of(), null)).hasMessageContaining("cell-uris.rz01 'http://****@rz01 internal:1' is not a URL")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void aPasswordWithCharactersAUrlDoesNotAllowThereIsNotPrintedEither() {
        // Not percent-encoded, these end a narrower idea of user information early: the rest would be printed.
        for (String url : List.of("http://ops:pa ss@rz01.internal:1", "http://ops:pa/ss@rz01.internal:1",
                "http://ops:pa#ss@rz01.internal:1", "http://ops:pa'ss@rz01.internal:1", "ops:pass@rz01.internal:1",
                "http://a@b:pass@rz01.internal:1")) {
            assertThatThrownBy(() -> new CellUpstreams(Map.of("rz01", url), null, Map.of(), null))
                    .as(url).isInstanceOf(UnitRouterException.class)
                    .hasMessageContaining("cell-uris.rz01 '").hasMessageContaining("****@rz01")
                    .hasMessageNotContaining("pa").hasMessageNotContaining("ss@");
        }
    }

    @Test
    void aTemplateWithoutPlaceholdersIsRefusedWithoutPrintingItsCredentials() {
        assertThatThrownBy(() -> new CellUpstreams(Map.of(), "http://ops:s3cret@fixed.host", Map.of(), null))
                .hasMessageContaining("cell-uri-template 'http://****@fixed.host' has no placeholder")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void aUrlTheJdkCannotParseKeepsTheJdksReasonWithTheCredentialsMasked() {
        assertThatThrownBy(() -> new CellUpstreams(Map.of("rz01", "http://ops:s3cret@rz01 internal:1"), null,
                Map.of(), null)).hasMessageContaining("is not a URL: Illegal character in authority at index")
                .hasMessageEndingWith(": http://****@rz01 internal:1").hasMessageNotContaining("s3cret");
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
