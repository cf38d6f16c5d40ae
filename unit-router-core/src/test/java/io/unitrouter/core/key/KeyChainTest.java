package io.unitrouter.core.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrouter.core.MalformedKeyException;
import io.unitrouter.core.UnitRouterException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyChainTest {

    private final KeyChain headersThenPath = KeyChain.parse(List.of("header:X-User-Id", "path-segment:2"), Map.of());

    @Test
    void sourcesAreAskedInOrderAndTheFinderIsNamed() {
        KeyChain chain = KeyChain.parse(List.of("header:A", "header:B"), Map.of());

        assertThat(chain.find(FakeRequest.at("/").header("B", "2"))).isEqualTo(new FoundKey("header:B", "2"));
        assertThat(chain.find(FakeRequest.at("/").header("A", "1").header("B", "1")))
                .isEqualTo(new FoundKey("header:A", "1"));
        assertThat(chain.find(FakeRequest.at("/"))).isNull();
        assertThat(chain.names()).containsExactly("header:A", "header:B");
    }

    @Test
    void anEmptyCarrierIsRefusedRatherThanSkippedSoGatewayAndCellAgree() {
        // The gateway used to try the next source while a cell answered 400: one rule now, refuse.
        assertThatThrownBy(() -> headersThenPath.find(FakeRequest.at("/api/seg/7").header("X-User-Id", "")))
                .isInstanceOf(MalformedKeyException.class)
                .hasMessageContaining("from header:X-User-Id is empty");
    }

    @Test
    void twoCarriersOfTheKeyWithDifferentUsersWereRoutedByTheFirst() {
        KeyChain cookie = KeyChain.parse(List.of("cookie:uid"), Map.of());
        KeyChain query = KeyChain.parse(List.of("query:userId"), Map.of());

        assertThatThrownBy(() -> headersThenPath.find(FakeRequest.at("/").header("X-User-Id", "5")
                .header("x-user-id", "85")))
                .isInstanceOf(AmbiguousKeyException.class)
                .hasMessageContaining("from header:X-User-Id is sent again as '85'");
        assertThatThrownBy(() -> cookie.find(FakeRequest.at("/").cookie("uid", "5").cookie("uid", "85")))
                .isInstanceOf(AmbiguousKeyException.class);
        assertThatThrownBy(() -> query.find(FakeRequest.at("/").query("userId", "5").query("userId", "85")))
                .isInstanceOf(AmbiguousKeyException.class);
        assertThat(cookie.find(FakeRequest.at("/").cookie("uid", "5").cookie("uid", "5")))
                .isEqualTo(new FoundKey("cookie:uid", "5"));
    }

    @Test
    void aHeaderKeyThatDisagreesWithThePathKeyWasServedByTheHeadersOwner() {
        assertThatThrownBy(() -> headersThenPath.find(FakeRequest.at("/api/accounts/1005").header("X-User-Id", "1025")))
                .isInstanceOf(AmbiguousKeyException.class)
                .hasMessageContaining("routing key '1025' from header:X-User-Id disagrees with path-segment:2,"
                        + " which gives '1005'");
    }

    @Test
    void dotSegmentsInAKeyedPathRoutedByOneUserWhileTheCellServedAnother() {
        KeyChain path = KeyChain.parse(List.of("path-segment:2"), Map.of());

        for (String sent : List.of("/api/seg/5/../85/x", "/api/seg/5/%2e%2e/85/x", "/api/seg/5/%2E./85/x",
                "/api/seg/5/..;x/85/x", "/api/seg/./85", "/api/seg/5%2f..%2f85/x", "/api/seg\\5/x")) {
            assertThatThrownBy(() -> path.find(FakeRequest.at(sent)))
                    .as(sent)
                    .isInstanceOf(AmbiguousKeyException.class)
                    .hasMessageContaining("cannot be read from path-segment:2");
        }
        assertThat(path.find(FakeRequest.at("/api/seg/85/x.json"))).isEqualTo(new FoundKey("path-segment:2", "85"));
    }

    @Test
    void aPathVariableIsRefusedOnADotSegmentPathToo() {
        KeyChain variable = KeyChain.parse(List.of("path-variable:userId"), Map.of());

        assertThatThrownBy(() -> variable.find(FakeRequest.at("/api/seg/5/../85").variable("userId", "5")))
                .isInstanceOf(AmbiguousKeyException.class);
    }

    @Test
    void aBeanSourceNamesAKeyExtractor() {
        KeyChain chain = KeyChain.parse(List.of(" bean:tenant "), Map.of("tenant", request -> "42"));

        assertThat(chain.names()).containsExactly("bean:tenant");
        assertThat(chain.find(FakeRequest.at("/"))).isEqualTo(new FoundKey("bean:tenant", "42"));
    }

    @Test
    void anUnknownBeanOrSourceIsRefusedNamingIt() {
        assertThatThrownBy(() -> KeyChain.parse(List.of("bean:nope"), Map.of("tenant", r -> null)))
                .isInstanceOf(UnitRouterException.class)
                .hasMessageContaining("'bean:nope' names no KeyExtractor bean; KeyExtractor beans: [tenant]");
        assertThatThrownBy(() -> KeyChain.parse(List.of("body:userId"), Map.of()))
                .hasMessageContaining("'body:userId' has unknown type 'body'");
        assertThatThrownBy(() -> KeyChain.parse(List.of(), Map.of()))
                .hasMessageContaining("no routing-key source is configured");
    }

    @Test
    void aFailingExtractorIsReportedWithItsSource() {
        KeyChain chain = KeyChain.parse(List.of("bean:broken"), Map.of("broken", request -> {
            throw new IllegalStateException("token service down");
        }));

        assertThatThrownBy(() -> chain.find(FakeRequest.at("/")))
                .isInstanceOf(KeySourceException.class)
                .hasMessageContaining("from bean:broken could not be read: java.lang.IllegalStateException: token service down");
    }
}
