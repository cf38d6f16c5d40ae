package io.unitrouter.benchmarks.cell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class WrkTest {

    /** wrk 4.1's report with --latency, as printed for a run with failed requests. */
    private static final String REPORT = """
            Running 10s test @ http://127.0.0.1:40111/api/accounts/5/balance
              2 threads and 16 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency   812.41us    1.10ms  38.27ms   97.80%
                Req/Sec    10.71k     1.02k   12.48k    71.50%
              Latency Distribution
                 50%  623.00us
                 75%  791.00us
                 90%    1.02ms
                 99%    4.21ms
              213145 requests in 10.00s, 35.98MB read
              Socket errors: connect 0, read 2, write 0, timeout 1
              Non-2xx or 3xx responses: 4
            Requests/sec:  21313.22
            Transfer/sec:      3.60MB
            """;

    @Test
    void readsLatencyPercentilesInTheirOwnUnits() throws IOException {
        Wrk.Report report = Wrk.parse(REPORT);

        assertThat(report.p50Millis()).isCloseTo(0.623, within(1e-9));
        assertThat(report.p99Millis()).isCloseTo(4.21, within(1e-9));
    }

    @Test
    void throughputIsRequestsOverTheRunsDuration() throws IOException {
        Wrk.Report report = Wrk.parse(REPORT);

        assertThat(report.requests()).isEqualTo(213_145);
        assertThat(report.throughput()).isCloseTo(21_314.5, within(1e-6));
    }

    @Test
    void errorsCountFailedAnswersAndSocketErrors() throws IOException {
        assertThat(Wrk.parse(REPORT).errors()).isEqualTo(4 + 2 + 1);
    }

    @Test
    void aReportWithoutLatencyDistributionIsRefusedNamingWhatIsMissing() {
        String withoutDistribution = REPORT.replaceAll("(?m)^\\s*\\d\\d%.*$", "");

        assertThatThrownBy(() -> Wrk.parse(withoutDistribution)).isInstanceOf(IOException.class)
                .hasMessageContaining("50% latency");
    }
}
