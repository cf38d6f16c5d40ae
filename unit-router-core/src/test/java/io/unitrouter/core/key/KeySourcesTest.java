package io.unitrouter.core.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrouter.core.UnitRouterException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeySourcesTest {

    private static String jwt(String payloadJson) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }

    @Test
    void readsHeaderCookieQueryAndPathVariable() {
        FakeRequest request = FakeRequest.at("/x").cookie("uid", "11").query("userId", "12").variable("userId", "13")
                .header("X-User-Id", "10");

        assertThat(KeySources.parse("header:x-user-id").extract(request)).isEqualTo("10");
        assertThat(KeySources.parse("cookie:uid").extract(request)).isEqualTo("11");
        assertThat(KeySources.parse("query:userId").extract(request)).isEqualTo("12");
        assertThat(KeySources.parse("path-variable:userId").extract(request)).isEqualTo("13");
    }

    @Test
    void readsPathSegmentByZeroBasedIndex() {
        KeyExtractor third = KeySources.parse("path-segment:2");

        assertThat(third.extract(FakeRequest.at("/api/users/2088123456789/orders"))).isEqualTo("2088123456789");
        assertThat(third.extract(FakeRequest.at("/api/users"))).isNull();
        assertThat(third.extract(FakeRequest.at("/api/users/"))).isNull();
    }

    @Test
    void readsStringNumericAndNestedJwtClaims() {
        FakeRequest request = FakeRequest.at("/")
                .header("Authorization", "Bearer " + jwt("{\"sub\":\"2088\",\"uid\":2088000001,\"user\":{\"id\":\"77\"}}"));

        assertThat(KeySources.parse("jwt:sub").extract(request)).isEqualTo("2088");
        assertThat(KeySources.parse("jwt:uid").extract(request)).isEqualTo("2088000001");
        assertThat(KeySources.parse("jwt:user.id").extract(request)).isEqualTo("77");
        assertThat(KeySources.parse("jwt:missing").extract(request)).isNull();
    }

    @Test
    void ignoresTokensThatAreNotBearerJwts() {
        KeyExtractor sub = KeySources.parse("jwt:sub");

        assertThat(sub.extract(FakeRequest.at("/").header("Authorization", "Basic dXNlcjpwdw=="))).isNull();
        assertThat(sub.extract(FakeRequest.at("/").header("Authorization", "Bearer not-a-jwt"))).isNull();
        assertThat(sub.extract(FakeRequest.at("/").header("Authorization", "Bearer a.%%%.c"))).isNull();
        assertThat(sub.extract(FakeRequest.at("/").header("Authorization", "Bearer " + jwt("[1,2]")))).isNull();
    }

    @Test
    void triesSourcesInOrderAndReturnsTheKeyTheyAgreeOn() {
        KeyExtractor extractor = KeySources.parseAll(List.of("header:X-User-Id", "path-segment:1"));

        assertThat(extractor.extract(FakeRequest.at("/users/5").header("X-User-Id", "5"))).isEqualTo("5");
        assertThat(extractor.extract(FakeRequest.at("/users/5"))).isEqualTo("5");
        assertThat(extractor.extract(FakeRequest.at("/"))).isNull();
    }

    @Test
    void jwtClaimsWereReadWithAYamlParserSoLeadingZerosAndHexChangedTheUser() {
        KeyExtractor sub = KeySources.parse("jwt:sub");

        // YAML read 0123 as octal 83 and 0x1F as 31; strict JSON has neither, so no key is found.
        assertThat(sub.extract(bearer(jwt("{\"sub\":0123}")))).isNull();
        assertThat(sub.extract(bearer(jwt("{\"sub\":0x1F}")))).isNull();
        // YAML flow mappings are not JSON.
        assertThat(sub.extract(bearer(jwt("{sub: 65}")))).isNull();
        // A string claim is the key exactly as written; an integer claim its digits, however large.
        assertThat(sub.extract(bearer(jwt("{\"sub\":\"0123\"}")))).isEqualTo("0123");
        assertThat(sub.extract(bearer(jwt("{\"sub\":123456789012345678901234567890}"))))
                .isEqualTo("123456789012345678901234567890");
        // Neither fractions nor booleans are keys, and a claim sent twice is not trusted either way.
        assertThat(sub.extract(bearer(jwt("{\"sub\":65.0}")))).isNull();
        assertThat(sub.extract(bearer(jwt("{\"sub\":true}")))).isNull();
        assertThat(sub.extract(bearer(jwt("{\"sub\":\"5\",\"sub\":\"85\"}")))).isNull();
    }

    @Test
    void aPathSegmentIsDecodedAndLosesItsMatrixParameters() {
        KeyExtractor segment = KeySources.parse("path-segment:1");

        assertThat(segment.extract(FakeRequest.at("/users/%38%35/x"))).isEqualTo("85");
        assertThat(segment.extract(FakeRequest.at("/users/85;jsessionid=1/x"))).isEqualTo("85");
    }

    private static FakeRequest bearer(String token) {
        return FakeRequest.at("/").header("Authorization", "Bearer " + token);
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
