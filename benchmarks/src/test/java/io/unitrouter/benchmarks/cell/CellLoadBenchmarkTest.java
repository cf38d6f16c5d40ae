package io.unitrouter.benchmarks.cell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CellLoadBenchmarkTest {

    @Test
    void aBooleanOptionOtherThanTrueOrFalseIsRefusedNamingIt() {
        String classpath = String.join(File.pathSeparator, "/lib/unit-router-core.jar", "/lib/spring-web.jar");

        assertThatThrownBy(() -> CellLoadBenchmark.main(new String[] {"--cell-classpath=" + classpath,
                "--fresh-processes=yes"})).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--fresh-processes must be true or false, not 'yes'");
        assertThatThrownBy(() -> CellLoadBenchmark.main(new String[] {"--cell-classpath=" + classpath,
                "--signed=no"})).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--signed must be true or false, not 'no'");
        assertThatThrownBy(() -> CellLoadBenchmark.main(new String[] {"--cell-classpath=" + classpath,
                "--hooks=1"})).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--hooks must be true or false, not '1'");
        assertThatThrownBy(() -> CellLoadBenchmark.main(new String[] {"--cell-classpath=" + classpath,
                "--context=none"})).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--context must be true or false, not 'none'");
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
