package io.unitrouter.core.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrouter.core.UnitRouterException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class KeySourcesTest {

    /** A request with case-insensitive headers, as HTTP has. */
    private record FakeRequest(Map<String, String> headers, Map<String, String> cookies, Map<String, String> query,
            String path, Map<String, String> variables) implements RequestView {

        static FakeRequest withPath(String path) {
            return new FakeRequest(new TreeMap<>(String.CASE_INSENSITIVE_ORDER), Map.of(), Map.of(), path, Map.of());
        }

        FakeRequest header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        @Override
        public String header(String name) {
            return headers.get(name);
        }

        @Override
        public String cookie(String name) {
            return cookies.get(name);
        }

        @Override
        public String queryParameter(String name) {
            return query.get(name);
        }

        @Override
        public String pathVariable(String name) {
            return variables.get(name);
        }
    }

    private static String jwt(String payloadJson) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }

    @Test
    void readsHeaderCookieQueryAndPathVariable() {
        FakeRequest request = new FakeRequest(new TreeMap<>(String.CASE_INSENSITIVE_ORDER), Map.of("uid", "11"),
                Map.of("userId", "12"), "/x", Map.of("userId", "13")).header("X-User-Id", "10");

        assertThat(KeySources.parse("header:x-user-id").extract(request)).isEqualTo("10");
        assertThat(KeySources.parse("cookie:uid").extract(request)).isEqualTo("11");
        assertThat(KeySources.parse("query:userId").extract(request)).isEqualTo("12");
        assertThat(KeySources.parse("path-variable:userId").extract(request)).isEqualTo("13");
    }

    @Test
    void readsPathSegmentByZeroBasedIndex() {
        KeyExtractor third = KeySources.parse("path-segment:2");

        assertThat(third.extract(FakeRequest.withPath("/api/users/2088123456789/orders"))).isEqualTo("2088123456789");
        assertThat(third.extract(FakeRequest.withPath("/api/users"))).isNull();
        assertThat(third.extract(FakeRequest.withPath("/api/users/"))).isNull();
    }

    @Test
    void readsStringNumericAndNestedJwtClaims() {
        FakeRequest request = FakeRequest.withPath("/")
                .header("Authorization", "Bearer " + jwt("{\"sub\":\"2088\",\"uid\":2088000001,\"user\":{\"id\":\"77\"}}"));

        assertThat(KeySources.parse("jwt:sub").extract(request)).isEqualTo("2088");
        assertThat(KeySources.parse("jwt:uid").extract(request)).isEqualTo("2088000001");
        assertThat(KeySources.parse("jwt:user.id").extract(request)).isEqualTo("77");
        assertThat(KeySources.parse("jwt:missing").extract(request)).isNull();
    }

    @Test
    void ignoresTokensThatAreNotBearerJwts() {
        KeyExtractor sub = KeySources.parse("jwt:sub");

        assertThat(sub.extract(FakeRequest.withPath("/").header("Authorization", "Basic dXNlcjpwdw=="))).isNull();
        assertThat(sub.extract(FakeRequest.withPath("/").header("Authorization", "Bearer not-a-jwt"))).isNull();
        assertThat(sub.extract(FakeRequest.withPath("/").header("Authorization", "Bearer a.%%%.c"))).isNull();
        assertThat(sub.extract(FakeRequest.withPath("/").header("Authorization", "Bearer " + jwt("[1,2]")))).isNull();
    }

    @Test
    void triesSourcesInOrderAndReturnsTheFirstKeyFound() {
        KeyExtractor extractor = KeySources.parseAll(List.of("header:X-User-Id", "path-segment:1"));

        assertThat(extractor.extract(FakeRequest.withPath("/users/5").header("X-User-Id", "9"))).isEqualTo("9");
        assertThat(extractor.extract(FakeRequest.withPath("/users/5"))).isEqualTo("5");
        assertThat(extractor.extract(FakeRequest.withPath("/"))).isNull();
    }

    @Test
    void rejectsMalformedSourcesNamingThem() {
        assertThatThrownBy(() -> KeySources.parse("header")).isInstanceOf(UnitRouterException.class)
                .hasMessage("routing-key source 'header' is not of the form type:name");
        assertThatThrownBy(() -> KeySources.parse("body:userId"))
                .hasMessageStartingWith("routing-key source 'body:userId' has unknown type 'body'");
        assertThatThrownBy(() -> KeySources.parse("path-segment:two"))
                .hasMessage("routing-key source 'path-segment:two' needs a 0-based segment index, e.g. path-segment:2");
        assertThatThrownBy(() -> KeySources.parseAll(List.of())).hasMessageStartingWith("no routing-key source");
    }
}
