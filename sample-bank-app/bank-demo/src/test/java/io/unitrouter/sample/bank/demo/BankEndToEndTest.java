package io.unitrouter.sample.bank.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.core.failover.RunStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bank end to end, as separate processes talking real HTTP: the five RZones and the gateway are started
 * from their executable jars, clients send transfers through the gateway, and under that load a data center
 * is killed and failed over, switched back, another is drained, and a city is killed and failed over. The
 * verdict comes from the databases: money conserved, every transfer the clients saw succeed applied once on
 * both sides, every failed one refunded, no row written by a cell that did not own its shard at that epoch,
 * every request answered, and the drain invisible to clients beyond the gateway's hold.
 *
 * <p>Runs on H2 in every build, and on MariaDB with {@code -Pdatabases} ({@code bank.e2e.database=mariadb}).
 * The global zones are left out to keep it short; the demo runs them.
 */
class BankEndToEndTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void theBankSurvivesTheLossOfADataCenterAndOfACityUnderLoadWithEveryInvariantHeld() throws Exception {
        String database = System.getProperty("bank.e2e.database", "h2");
        DemoOptions options = new DemoOptions(true, database, Duration.ofSeconds(6), 3, dir, Executables.findHome(),
                false, false);
        try (DemoRun run = new DemoRun(options, System.out)) {
            Report report = run.run();
            System.out.print(report.text());

            assertThat(report.steps()).extracting(FailoverStep::event)
                    .containsExactly("dc-down:hz1", "switchback:hz1", "drain:sz1", "city-down:sh");
            assertThat(report.steps()).allSatisfy(step -> assertThat(step.run().status())
                    .as(step.event()).isEqualTo(RunStatus.COMPLETED));
            assertThat(report.outcomes().get(ClientTransfer.Outcome.COMPLETED)).as("transfers completed")
                    .isPositive();
            assertThat(report.checks()).hasSize(7).allSatisfy(check -> assertThat(check.held())
                    .as("%s: %s", check.name(), check.violations()).isTrue());
            assertThat(report.checks()).allSatisfy(check -> assertThat(check.checked()).as(check.name())
                    .isPositive());
        }
    }
}
