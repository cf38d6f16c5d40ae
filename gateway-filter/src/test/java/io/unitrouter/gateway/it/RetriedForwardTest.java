package io.unitrouter.gateway.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A unit route behind Spring Cloud Gateway's {@code Retry} filter: every attempt goes to the key's owner with a
 * context signed for it. The routes' own URL is the plain upstream, which no attempt may reach.
 */
class RetriedForwardTest extends GatewayIntegrationTest {

    private static final String USER = "99";
    private static final String OWNER = "rz05";

    private StubMapping firstFails;
    private StubMapping thenServes;

    @AfterEach
    void removeStubs() {
        WireMockServer owner = Cells.server(OWNER);
        owner.removeStub(firstFails);
        owner.removeStub(thenServes);
        owner.resetScenarios();
    }

    /** The owner answers the first request 503 and every later one 200. */
    private void ownerFailsOnce(String pathPattern) {
        WireMockServer owner = Cells.server(OWNER);
        firstFails = owner.stubFor(any(urlPathMatching(pathPattern)).atPriority(1).inScenario("retry")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("failed once")
                .willReturn(aResponse().withStatus(503).withHeader(Cells.SERVED_BY, OWNER)));
        thenServes = owner.stubFor(any(urlPathMatching(pathPattern)).atPriority(1).inScenario("retry")
                .whenScenarioStateIs("failed once")
                .willReturn(aResponse().withStatus(200).withHeader(Cells.SERVED_BY, OWNER).withBody(OWNER)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/retried/api/accounts/99, /retried/api/accounts/99",
            "/retried-prefix/api/accounts/99, /api/accounts/99"})
    void aRetryWentToTheRoutesOwnUrlWithoutTheContext(String sent, String arrivedPath) {
        ownerFailsOnce(".*/accounts/99");

        HttpResponse<String> response = send(request(sent).header("X-User-Id", USER));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue(Cells.SERVED_BY)).hasValue(OWNER);
        assertThat(Cells.requests(Cells.PLAIN)).isEmpty();
        List<LoggedRequest> attempts = Cells.requests(OWNER);
        assertThat(attempts).hasSize(2).allSatisfy(attempt -> {
            assertThat(attempt.getUrl()).isEqualTo(arrivedPath);
            assertThat(Arrived.context(attempt).cell()).isEqualTo(OWNER);
            assertThat(Arrived.context(attempt).key()).isEqualTo(USER);
        });
    }
}
