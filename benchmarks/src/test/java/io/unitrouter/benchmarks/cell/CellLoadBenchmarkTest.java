package io.unitrouter.benchmarks.cell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CellLoadBenchmarkTest {

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
