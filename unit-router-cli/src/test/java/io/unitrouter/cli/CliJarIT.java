package io.unitrouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the packaged, self-contained jar as a separate process, as operators do. */
class CliJarIT {

    private static Path jar;

    @TempDir
    Path dir;

    @BeforeAll
    static void findJar() {
        jar = Path.of(System.getProperty("cli.jar", "target/unit-router-cli.jar"));
        assertThat(jar).as("the shaded jar built by the package phase").isRegularFile();
    }

    @Test
    void validatesRulesFileFromTheJar() throws Exception {
        Path file = Rules.threeCities(dir).write("three-cities.yaml");

        Run run = java("rules", "validate", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("status:         valid", "epoch:          42", "shards:         100")
                .containsPattern("(?m)^ +rz01 +RZONE +hz1 +hz +20 +100$")
                .containsPattern("(?m)^ +rz05 +RZONE +sz1 +sz +20 +100$");
    }

    @Test
    void rejectsMalformedKeyFromTheJarWithExitCode1AndNoStackTrace() throws Exception {
        Path file = Rules.threeCities(dir).write("three-cities.yaml");

        Run run = java("route", file.toString(), "not-a-number");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).isEqualTo("error: routing key 'not-a-number' is not a non-negative decimal "
                + "number, which the mod shard function needs");
    }

    @Test
    void reportsInvalidRulesFromTheJarWithoutStackTrace() throws Exception {
        Path file = Rules.threeCities(dir).replace("epoch: 42\n", "").write("invalid.yaml");

        Run run = java("rules", "validate", file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines()).containsExactly("invalid rule file " + file + " (1 error):",
                "error: epoch is missing");
    }

    @Test
    void plansAFailoverFromTheJar() throws Exception {
        Path file = Rules.threeCities(dir).write("rules.yaml");

        Run run = java("failover", "plan", file.toString(), "--event", "city-down:sh", "--shard-groups", "10");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("moves:          40 shards", "offline:        rz03, rz04, gz02");
    }

    @Test
    void refusesAFailoverTheDocumentIsTooTightForWithExit5AndNoStackTrace() throws Exception {
        Rules rules = Rules.threeCities(dir);
        for (int i = 0; i < FailoverCommandTest.TIGHT.length; i += 2) {
            rules.replace(FailoverCommandTest.TIGHT[i], FailoverCommandTest.TIGHT[i + 1]);
        }
        Path file = rules.write("tight.yaml");

        Run run = java("failover", "plan", file.toString(), "--event", "city-down:sh");

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).containsExactly("error: city-down:sh needs 40 shards of free capacity, the"
                + " surviving cells have 15 (rz01 5, rz02 5, rz05 5)");
    }

    @Test
    void executesAFailoverWithFencesFromTheJar() throws Exception {
        Path file = Rules.threeCities(dir).write("rules.yaml");
        String url = "jdbc:h2:" + dir.resolve("fences").toAbsolutePath() + ";MODE=MySQL";
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
                java.sql.Statement s = c.createStatement()) {
            s.execute(io.unitrouter.sharding.Fences.CREATE_TABLE_SQL);
            for (int group = 0; group < 10; group++) {
                s.execute("INSERT INTO unit_fence VALUES ('" + group + "', 'rz0" + (group / 2 + 1) + "', 42)");
            }
        }
        Path config = Files.writeString(dir.resolve("fences.yaml"), "layout: { databases: 1, tables-per-database: 10 }\n"
                + "databases:\n  - { url: \"" + url + "\", user: sa, password: \"\" }\n");

        Run run = java("failover", "execute", file.toString(), "--event", "drain:hz1", "--fence-config",
                config.toString(), "--yes");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("(?m)^  FENCE +done .*fences at epoch 44: 0-19 -> rz02")
                .containsPattern("(?m)^run f42-[0-9a-f]{4} completed in ");
        Run status = java("failover", "journal", file.toString());
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("drain:hz1").contains("COMPLETED");
    }

    private Run java(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
        boolean exited = process.waitFor(2, TimeUnit.MINUTES);
        if (!exited) {
            process.destroyForcibly();
        }
        assertThat(exited).as("the CLI process exited").isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Run(int exitCode, String out, String err) {
    }
}
