package io.unitrouter.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Regression tests of issue #12 on a real gateway: each is named after what a client could do before.
 */
@ExtendWith(OutputCaptureExtension.class)
class RequestModelRegressionTest extends GatewayIntegrationTest {

    @Test
    void aConnectionHeaderNamingRoutingHeadersMadeTheGatewayDeleteTheOnesItWrote() throws IOException {
        String answer = rawRequest("GET /api/accounts HTTP/1.1\r\nHost: localhost\r\nX-User-Id: 99\r\n"
                + "Connection: close, X-Unit-Context, X-Unit-Signature, X-Unit-Cell, X-Unit-Epoch\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 200");
        LoggedRequest arrived = Cells.requests("rz05").get(0);
        assertThat(Arrived.context(arrived).cell()).isEqualTo("rz05");
    }

    @Test
    void dotSegmentsInAKeyedPathRoutedByOneUserWhileTheCellServedAnother() {
        for (String path : new String[] {"/prefix/users/5/../99/x", "/prefix/users/5/%2e%2e/99/x",
                "/members/5/../99"}) {
            HttpResponse<String> response = send(request(path));

            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.body()).as(path).contains("\"type\":\"https://unit-router.io/problems/ambiguous-key\"");
        }
        assertThat(Cells.reached()).isEmpty();
    }

    @Test
    void twoCarriersOfTheKeyWithDifferentUsersWereRoutedByTheFirstAndBothForwarded() {
        HttpResponse<String> headers = send(request("/api/x").header("X-User-Id", "5").header("X-User-Id", "99"));
        HttpResponse<String> cookies = send(request("/by-query/x").header("Cookie", "uid=5")
                .header("Cookie", "uid=99"));
        HttpResponse<String> query = send(request("/by-query/x?userId=5&userId=99"));

        for (HttpResponse<String> response : java.util.List.of(headers, cookies, query)) {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("\"type\":\"https://unit-router.io/problems/ambiguous-key\"");
        }
        assertThat(Cells.reached()).isEmpty();
        assertThat(send(request("/api/x").header("X-User-Id", "99").header("X-User-Id", "99")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void anEmptyKeyHeaderWasSkippedAtTheGatewayButRefusedAtTheCell() {
        HttpResponse<String> response = send(request("/api/x").header("X-User-Id", ""));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"type\":\"https://unit-router.io/problems/malformed-key\"");
        assertThat(Cells.reached()).isEmpty();
    }

    @Test
    void aGlobalOrCityRouteForwardedAKeyThatDoesNotFitTheShardFunctionSigned() {
        for (String key : new String[] {"abc", "-5"}) {
            HttpResponse<String> global = send(request("/global/x").header("X-User-Id", key));
            HttpResponse<String> city = send(request("/city/x").header("X-User-Id", key)
                    .header("X-Client-City", "hz"));

            assertThat(global.statusCode()).as(key).isEqualTo(400);
            assertThat(global.body()).contains("\"type\":\"https://unit-router.io/problems/malformed-key\"");
            assertThat(city.statusCode()).as(key).isEqualTo(400);
        }
        assertThat(Cells.reached()).isEmpty();
    }

    @Test
    void anUpstreamCellThatIsDownGave500AndAStackTrace(CapturedOutput output) {
        HttpResponse<String> response = send(request("/down/x").header("X-User-Id", "99"));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"type\":\"https://unit-router.io/problems/cell-unavailable\"",
                "\"cell\":\"rz05\"").doesNotContain("Exception");
        assertThat(output.getAll()).contains("cell rz05 did not answer").doesNotContain("\tat ");
    }

    @Test
    void jwtClaimsReadWithAYamlParserRoutedALeadingZeroClaimAsOctal() {
        String token = b64("{\"alg\":\"none\"}") + "." + b64("{\"sub\":0123}") + ".sig";

        HttpResponse<String> response = send(request("/jwt/x").header("Authorization", "Bearer " + token));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"type\":\"https://unit-router.io/problems/missing-key\"");
        assertThat(Cells.reached()).isEmpty();
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends bytes as they are: the JDK's client refuses to send a Connection header of our choosing. */
    private String rawRequest(String request) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
