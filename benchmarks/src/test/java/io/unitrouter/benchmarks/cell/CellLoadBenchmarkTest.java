package io.unitrouter.benchmarks.cell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CellLoadBenchmarkTest {

    @ParameterizedTest
    @CsvSource({"fresh-processes, yes", "signed, no", "hooks, 1", "context, none"})
    void aBooleanOptionOtherThanTrueOrFalseIsRefusedNamingIt(String option, String value) {
        String classpath = String.join(File.pathSeparator, "/lib/unit-router-core.jar", "/lib/spring-web.jar");

        assertThatThrownBy(() -> CellLoadBenchmark.main(new String[] {"--cell-classpath=" + classpath,
                "--" + option + "=" + value})).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--" + option + " must be true or false, not '" + value + "'");
    }

    @Test
    void leavesOutUnitRouterJarsFromTheRepositoryAndFromAReactorBuild() {
        assertThat(CellLoadBenchmark.isUnitRouter(Path.of(
                "/home/ci/.m2/repository/io/unitrouter/unit-router-core/0.1.0/unit-router-core-0.1.0.jar"))).isTrue();
        assertThat(CellLoadBenchmark.isUnitRouter(Path.of(
                "/src/unit-router-spring-boot-starter/target/unit-router-spring-boot-starter-0.1.0-SNAPSHOT.jar")))
                .isTrue();
        assertThat(CellLoadBenchmark.isUnitRouter(Path.of("/src/unit-router-core/target/classes"))).isTrue();
    }

    @Test
    void keepsTheApplicationAndItsLibrariesEvenInACheckoutNamedUnitRouter() {
        assertThat(CellLoadBenchmark.isUnitRouter(Path.of("/home/me/unit-router-main/benchmarks/cell-app/target/classes")))
                .isFalse();
        assertThat(CellLoadBenchmark.isUnitRouter(Path.of(
                "/home/me/unit-router-main/.m2/org/yaml/snakeyaml/2.5/snakeyaml-2.5.jar"))).isFalse();
    }
}
