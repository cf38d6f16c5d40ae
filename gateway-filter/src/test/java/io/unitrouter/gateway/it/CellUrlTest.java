package io.unitrouter.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The URL a forwarded request arrives at, in a real gateway: Spring Cloud Gateway builds it from the copy of the
 * route that the unit route points at the owner cell, and the routing context is signed for exactly that path.
 */
class CellUrlTest extends GatewayIntegrationTest {

    /** User 99's shard belongs to rz05. */
    private static final String USER = "99";

    @Test
    void aRequestArrivesAtTheOwnerWithItsPathAndQueryAsSentAndAContextSignedForThem() {
        HttpResponse<String> response = send(request("/api/accounts/99/transfers?currency=CNY&note=a%20b")
                .header("X-User-Id", USER));

        assertThat(response.statusCode()).isEqualTo(200);
        LoggedRequest arrived = Cells.requests("rz05").get(0);
        assertThat(arrived.getUrl()).isEqualTo("/api/accounts/99/transfers?currency=CNY&note=a%20b");
        assertThat(Arrived.context(arrived).cell()).isEqualTo("rz05");
        assertThat(Cells.reached()).containsExactly("rz05");
    }

    @Test
    void aCellBehindAPathGetsTheRequestPathBehindItAndAContextSignedForTheWholePath() {
        HttpResponse<String> response = send(request("/behind-edge/api/accounts/99?x=1").header("X-User-Id", USER));

        assertThat(response.statusCode()).isEqualTo(200);
        LoggedRequest arrived = Cells.requests("rz05").get(0);
        assertThat(arrived.getUrl()).isEqualTo("/edge/rz05/behind-edge/api/accounts/99?x=1");
        assertThat(Arrived.context(arrived).key()).isEqualTo(USER);
    }

    @Test
    void repeatedSlashesArriveAsOneAsOnAPlainRouteAndTheContextIsSignedForThePathThatArrives() {
        HttpResponse<String> response = send(request("/api//accounts///99").header("X-User-Id", USER));

        assertThat(response.statusCode()).isEqualTo(200);
        LoggedRequest arrived = Cells.requests("rz05").get(0);
        assertThat(arrived.getUrl()).isEqualTo("/api/accounts/99");
        assertThat(Arrived.context(arrived).cell()).isEqualTo("rz05");
    }
}
