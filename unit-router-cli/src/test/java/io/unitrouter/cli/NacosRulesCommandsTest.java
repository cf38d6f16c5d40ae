package io.unitrouter.cli;

import static io.unitrouter.cli.FakeNacos.withNacos;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NacosRulesCommandsTest {

    private static final String NAME = "nacos:rules.yaml (group UNIT_ROUTER, server 10.0.0.1:8848)";

    @TempDir
    Path dir;

    private final FakeNacos nacos = new FakeNacos();

    @Test
    void validateReadsTheDocumentOfTheDataIdAndShutsItsClientDown() {
        nacos.publish(Rules.THREE_CITIES);

        Cli.Result result = nacos.run(withNacos("rules", "validate"));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.outLines()).contains("source:         " + NAME, "status:         valid",
                "epoch:          42");
        assertThat(nacos.clients).singleElement().satisfies(client -> {
            assertThat(client.getProperty("serverAddr")).isEqualTo(FakeNacos.SERVER);
            assertThat(client).doesNotContainKeys("namespace", "username", "password");
        });
        assertThat(nacos.shutDowns).hasValue(1);
    }

    @Test
    void aRuleFileAndNacosTogetherAreAUsageError() {
        Path file = Rules.threeCities(dir).write("rules.yaml");

        Cli.Result result = nacos.run(withNacos("rules", "validate", file));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).first().asString().contains("RULES and [--nacos-server-addr=ADDR")
                .endsWith("are mutually exclusive (specify only one)");
        assertThat(nacos.clients).isEmpty();
    }

    @Test
    void aServerAddressWithoutADataIdIsAUsageErrorNamingTheMissingOption() {
        Cli.Result result = nacos.run("rules", "validate", "--nacos-server-addr", FakeNacos.SERVER);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).first().isEqualTo("error: Error: Missing required argument(s): "
                + "--nacos-data-id=DATA_ID");
        assertThat(nacos.clients).isEmpty();
    }

    @Test
    void neitherRuleFileNorNacosIsAUsageError() {
        Cli.Result result = nacos.run("rules", "validate");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).first().asString().contains("Missing required argument")
                .contains("(RULES | [--nacos-server-addr=ADDR");
    }

    @Test
    void anUnreachableServerIsNamedAndNothingIsPrinted() {
        nacos.publish(Rules.THREE_CITIES);
        nacos.server.serverDown();

        Cli.Result result = nacos.run(withNacos("rules", "validate"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.errLines()).containsExactly("error: cannot reach Nacos server 10.0.0.1:8848: the Nacos"
                + " client reports it DOWN; check --nacos-server-addr and that the server's HTTP and gRPC ports"
                + " (8848 and 9848 by default) are open");
        assertThat(nacos.shutDowns).hasValue(1);
    }

    @Test
    void aMissingDataIdNamesTheDataIdGroupAndNamespace() {
        nacos.publish(Rules.THREE_CITIES);

        Cli.Result result = nacos.run("rules", "validate", "--nacos-server-addr", FakeNacos.SERVER, "--nacos-data-id",
                "rules-typo.yaml", "--nacos-namespace", "prod", "--nacos-group", "BANK");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly("error: data id rules-typo.yaml in group BANK of namespace prod"
                + " on Nacos server 10.0.0.1:8848 does not exist or is empty; check --nacos-data-id, --nacos-group and"
                + " --nacos-namespace (a namespace is given by its id, not its display name)");
        assertThat(nacos.clients).singleElement().satisfies(client ->
                assertThat(client.getProperty("namespace")).isEqualTo("prod"));
    }

    @Test
    void aNamespaceNacosCannotHaveIsAUsageErrorQuotingIt() {
        Cli.Result result = nacos.run(withNacos("rules", "validate", "--nacos-namespace", "prod ns"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).first().asString().contains("'--nacos-namespace'")
                .contains("'prod ns' contains ' '; Nacos allows letters, digits and -_");
        assertThat(nacos.clients).isEmpty();
    }

    @Test
    void aDataIdNacosCannotHaveIsAUsageErrorQuotingIt() {
        Cli.Result result = nacos.run("rules", "validate", "--nacos-server-addr", FakeNacos.SERVER, "--nacos-data-id",
                "rules/prod.yaml");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).first().asString().contains("'rules/prod.yaml' contains '/'");
    }

    @Test
    void aTimeoutOutsideTheStoresRangeIsAUsageError() {
        Cli.Result result = nacos.run(withNacos("rules", "validate", "--nacos-timeout", "0ms"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).first().asString().contains("'--nacos-timeout'")
                .contains("'0ms' is not from 1ms to 10m");
        assertThat(nacos.clients).isEmpty();
    }

    @Test
    void anInvalidDocumentInNacosIsReportedLikeAnInvalidFile() {
        nacos.publish(Rules.THREE_CITIES.replace("epoch: 42", "# no epoch"));

        Cli.Result result = nacos.run(withNacos("rules", "validate"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly("invalid rule file " + NAME + " (1 error):",
                "error: epoch is missing");
    }

    @Test
    void diffComparesTheDocumentInNacosWithTheProposedFile() {
        nacos.publish(Rules.THREE_CITIES);
        Path proposed = Rules.threeCities(dir).epoch(43).frozen("[\"20-29\"]").write("proposed.yaml");

        Cli.Result result = nacos.run(withNacos("rules", "diff", proposed, "--exit-code"));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(UnitRouterCli.EXIT_DIFFERENCES);
        assertThat(result.outLines()).first().asString().startsWith("old:            " + NAME + " (epoch 42");
        assertThat(result.outLines()).contains("epoch:          42 -> 43", "frozen:         20-29");
    }

    @Test
    void diffWithNacosReportsTheProblemsOfBothDocuments() {
        nacos.publish(Rules.THREE_CITIES.replace("epoch: 42", "# no epoch"));
        Path proposed = Rules.threeCities(dir).replace("epoch: 42", "# none either").write("proposed.yaml");

        Cli.Result result = nacos.run(withNacos("rules", "diff", proposed));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly("invalid rule file " + NAME + " (1 error):",
                "error: epoch is missing", "invalid rule file " + proposed + " (1 error):", "error: epoch is missing");
    }

    @Test
    void diffWithNacosAndTwoFilesIsAUsageError() {
        Path a = Rules.threeCities(dir).write("a.yaml");

        Cli.Result result = nacos.run(withNacos("rules", "diff", a, a));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).first().isEqualTo("error: Give NEW only: OLD is data id rules.yaml in Nacos, so "
                + a + " " + a + " is one file too many");
    }

    @Test
    void routeUsesTheRulesInNacos() {
        nacos.publish(Rules.THREE_CITIES);

        Cli.Result result = nacos.run(withNacos("route", "1205"));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.outLines()).contains("shard:          5", "cell:           rz01 (RZONE)", "epoch:          42");
    }

    @Test
    void routeWithNacosTakesNoFile() {
        Path file = Rules.threeCities(dir).write("rules.yaml");

        Cli.Result result = nacos.run(withNacos("route", file, "1205"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).first().isEqualTo("error: Unmatched argument '1205': the rules are data id"
                + " rules.yaml in Nacos, so give KEY only");
    }

    @Test
    void theUserAndThePasswordFromAFileReachTheClient() throws Exception {
        nacos.publish(Rules.THREE_CITIES);
        Path password = Files.writeString(dir.resolve("nacos.pw"), "s3cret\n");

        Cli.Result result = nacos.run(withNacos("rules", "validate", "--nacos-username", "ops",
                "--nacos-password-file", password));

        assertThat(result.exitCode()).as(result.err()).isZero();
        Properties client = nacos.clients.get(0);
        assertThat(client.getProperty("username")).isEqualTo("ops");
        assertThat(client.getProperty("password")).isEqualTo("s3cret");
    }

    @Test
    void thePasswordFromAnEnvironmentVariableReachesTheClient() {
        nacos.publish(Rules.THREE_CITIES);
        nacos.environment.put("NACOS_PW", "from-env");

        Cli.Result result = nacos.run(withNacos("rules", "validate", "--nacos-username", "ops",
                "--nacos-password-env", "NACOS_PW"));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(nacos.clients.get(0).getProperty("password")).isEqualTo("from-env");
    }

    @Test
    void thePasswordIsAskedForWithoutAValue() {
        nacos.publish(Rules.THREE_CITIES);
        InputStream terminal = System.in;
        Cli.Result result;
        try {
            // No console under the test runner: picocli then reads the answer from standard input.
            System.setIn(new ByteArrayInputStream("typed\n".getBytes(StandardCharsets.UTF_8)));
            result = nacos.run(withNacos("rules", "validate", "--nacos-username", "ops", "--nacos-password"));
        } finally {
            System.setIn(terminal);
        }

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(nacos.clients.get(0).getProperty("password")).isEqualTo("typed");
    }

    @Test
    void anUnsetPasswordVariableIsNamedAndNoClientIsCreated() {
        Cli.Result result = nacos.run(withNacos("rules", "validate", "--nacos-username", "ops",
                "--nacos-password-env", "NACOS_PW"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly("error: --nacos-password-env: environment variable NACOS_PW is"
                + " not set");
        assertThat(nacos.clients).isEmpty();
    }

    @Test
    void aUserWithoutAPasswordIsAUsageError() {
        Cli.Result result = nacos.run(withNacos("rules", "validate", "--nacos-username", "ops"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly("error: --nacos-username ops needs a password: give"
                + " --nacos-password-env VAR, --nacos-password-file FILE or --nacos-password (asks on the terminal)");
        assertThat(nacos.clients).isEmpty();
    }

    @Test
    void thePasswordCannotBeGivenAsAnOptionValue() {
        Cli.Result result = nacos.run(withNacos("rules", "validate", "--nacos-username", "ops",
                "--nacos-password=s3cret"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(nacos.clients).isEmpty();
    }
}
