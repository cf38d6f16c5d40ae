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

    /** The real Nacos client, shaded into the jar with its logging, against a port where nothing listens. */
    @Test
    void namesAnUnreachableNacosServerFromTheJar() throws Exception {
        Run run = java("rules", "validate", "--nacos-server-addr", "127.0.0.1:1", "--nacos-data-id", "rules.yaml");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).containsExactly("error: cannot reach Nacos server 127.0.0.1:1: the Nacos client"
                + " reports it DOWN; check --nacos-server-addr and that the server's HTTP and gRPC ports (8848 and 9848"
                + " by default) are open");
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

    @Test
    void importsAppActiveRulesFromTheJarIntoADocumentThatValidatesOnceFilledIn() throws Exception {
        Path rules = AppActiveFixture.copy("mod10000-center", dir).dir();
        Path out = dir.resolve("imported.yaml");

        Run imported = java("rules", "import", "appactive", rules.toString(), "-o", out.toString());

        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).containsPattern("(?m)^ +CENTER +CENTER-RZONE +RZONE +7000-9999$")
                .contains("frozen shards:  4000-4499 (500 shards, from forbiddenRule.json)",
                        "sources: ['query:user_id', 'header:user_id', 'cookie:user_id']");

        Run refused = java("rules", "validate", out.toString());

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("error: cells[0].capacity: expected a whole number, was text"
                + " '<fill-in:capacity-of-UNITA>'");

        Path filled = Files.writeString(dir.resolve("filled.yaml"),
                FilledDocument.fill(Files.readString(out), 10_000));
        Run valid = java("route", filled.toString(), "123457001");

        assertThat(valid.exitCode()).as(valid.err()).isZero();
        assertThat(valid.out()).contains("cell:           CENTER-RZONE (RZONE)");
    }

    @Test
    void checksAppActiveRoutingFromTheJarAndExitsWith3OnADisagreement() throws Exception {
        Path rules = AppActiveFixture.copy("mod100-forbidden", dir).dir();
        Path keys = Files.writeString(dir.resolve("keys.txt"), "1237\n+5\n");

        Run run = java("rules", "import", "appactive", rules.toString(), "--check", keys.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).contains("same cell:      1", "different:      1",
                "  key '+5': AppActive unit HZ (value 5); unit-router refused");
    }

    @Test
    void refusesABrokenAppActiveRuleSetFromTheJar() throws Exception {
        Path rules = AppActiveFixture.copy("mod100", dir).replace("idTransformer.json", "\"100\"", "\"abc\"")
                .dir();

        Run run = java("rules", "import", "appactive", rules.toString(), "-o", dir.resolve("x.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines()).containsExactly(
                "cannot import the AppActive rules in " + rules + " (1 problem); nothing was written:",
                "error: idTransformer.json: mod \"abc\" is not a whole number");
        assertThat(dir.resolve("x.yaml")).doesNotExist();
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
