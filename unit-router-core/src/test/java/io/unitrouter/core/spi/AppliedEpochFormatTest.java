package io.unitrouter.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AppliedEpochFormatTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aReportReadsBackToAnEqualReport() {
        AppliedEpoch report = new AppliedEpoch(" rz01@host\\a#1\n", "rz01", 43, "abc", AT, AT.plusSeconds(7));

        assertThat(AppliedEpochFormat.parse(AppliedEpochFormat.format(report), "fallback")).isEqualTo(report);
    }

    @Test
    void aGatewayReportHasNoCell() {
        AppliedEpoch report = new AppliedEpoch("gw-1", null, 42, "abc", AT);

        String text = AppliedEpochFormat.format(report);

        assertThat(text).doesNotContain("cell=").contains("heartbeat=2026-01-01T00:00:00Z");
        assertThat(AppliedEpochFormat.parse(text, "x").cell()).isNull();
    }

    @Test
    void aReportFromBeforeHeartbeatsUsesTheApplyTimeAsItsHeartbeat() {
        AppliedEpoch report = AppliedEpochFormat.parse("epoch=42\nchecksum=c\nat=2026-01-01T00:00:00Z\n", "gw-7");

        assertThat(report.instanceId()).isEqualTo("gw-7");
        assertThat(report.heartbeat()).isEqualTo(AT);
    }

    @Test
    void aBrokenReportIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> AppliedEpochFormat.parse("at=2026-01-01T00:00:00Z\n", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the report has no 'epoch'");
        assertThatThrownBy(() -> AppliedEpochFormat.parse("epoch=four\nat=2026-01-01T00:00:00Z\n", "x"))
                .hasMessage("epoch 'four' is not a whole number");
        assertThatThrownBy(() -> AppliedEpochFormat.parse("epoch=4\nat=yesterday\n", "x"))
                .hasMessage("at 'yesterday' is not an ISO-8601 instant");
    }
}
