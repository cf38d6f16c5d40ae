package io.unitrouter.sample.bank.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    @Test
    void quickModeRunsTenSecondsBetweenFailoversOnH2WithEveryZoneAndNoFinalSwitchback() {
        DemoOptions options = DemoOptions.parse(List.of("--quick"));

        assertThat(options.quick()).isTrue();
        assertThat(options.database()).isEqualTo("h2");
        assertThat(options.steady()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.globalZones()).isTrue();
        assertThat(options.switchbackAtEnd()).isFalse();
        assertThat(options.workDir()).isAbsolute();
    }

    @Test
    void theFullModeEndsWithTheLostCitySwitchedBack() {
        DemoOptions options = DemoOptions.parse(List.of("--db", "mariadb", "--clients", "8", "--steady", "30"));

        assertThat(options.quick()).isFalse();
        assertThat(options.database()).isEqualTo("mariadb");
        assertThat(options.clients()).isEqualTo(8);
        assertThat(options.steady()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.switchbackAtEnd()).isTrue();
    }

    @Test
    void aBadArgumentIsRefusedByName() {
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--db", "oracle")))
                .hasMessage("--db must be h2 or mariadb, was 'oracle'");
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--clients", "0")))
                .hasMessage("--clients must be 1..64, was 0");
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--steady", "ten")))
                .hasMessage("--steady must be a whole number, was 'ten'");
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--quik"))).hasMessage("unknown argument '--quik'");
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--dir"))).hasMessage("--dir needs a value");
    }
}
