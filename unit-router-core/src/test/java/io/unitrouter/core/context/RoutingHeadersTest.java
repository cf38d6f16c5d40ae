package io.unitrouter.core.context;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoutingHeadersTest {

    @Test
    void routingHeadersAreRecognisedInAnyCase() {
        assertThat(RoutingHeaders.isRoutingHeader("x-unit-cell")).isTrue();
        assertThat(RoutingHeaders.isRoutingHeader("X-UNIT-Signature")).isTrue();
        assertThat(RoutingHeaders.isRoutingHeader("X-Unit")).isFalse();
        assertThat(RoutingHeaders.isRoutingHeader("X-User-Id")).isFalse();
        assertThat(RoutingHeaders.isRoutingHeader(null)).isFalse();
    }

    @Test
    void aConnectionHeaderLosesTheRoutingHeadersItNamesAndKeepsTheRest() {
        assertThat(RoutingHeaders.withoutRoutingTokens("close, X-Unit-Signature, x-unit-cell,X-Unit-Epoch"))
                .isEqualTo("close");
        assertThat(RoutingHeaders.withoutRoutingTokens("X-Unit-Cell")).isNull();
        assertThat(RoutingHeaders.withoutRoutingTokens("keep-alive")).isEqualTo("keep-alive");
        assertThat(RoutingHeaders.withoutRoutingTokens(null)).isNull();
        assertThat(RoutingHeaders.namesRoutingHeader("Upgrade, X-Unit-Key")).isTrue();
        assertThat(RoutingHeaders.namesRoutingHeader("Upgrade")).isFalse();
    }
}
