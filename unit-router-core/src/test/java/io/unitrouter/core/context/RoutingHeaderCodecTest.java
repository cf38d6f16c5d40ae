package io.unitrouter.core.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.context.ContextVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RoutingHeaderCodecTest {

    private static final byte[] SECRET = secret('a');
    private static final byte[] OTHER_SECRET = secret('b');
    private static final RoutingContext CONTEXT = new RoutingContext("1234567", 67, 42, "rz04", 1);

    private final RoutingHeaderCodec signing = RoutingHeaderCodec.signed(SECRET);

    @Test
    void unsignedCodecRoundTripsEveryField() {
        Map<String, String> headers = RoutingHeaderCodec.unsigned().encode(CONTEXT);

        assertThat(headers).containsExactly(Map.entry("X-Unit-Key", "1234567"), Map.entry("X-Unit-Shard", "67"),
                Map.entry("X-Unit-Epoch", "42"), Map.entry("X-Unit-Cell", "rz04"), Map.entry("X-Unit-Hops", "1"));
        assertThat(RoutingHeaderCodec.unsigned().decode(asHttp(headers)::get)).contains(CONTEXT);
    }

    @Test
    void unsignedCodecRoundTripsAContextWithOnlyAKey() {
        RoutingContext keyOnly = RoutingContext.ofKey("1205");

        Map<String, String> headers = RoutingHeaderCodec.unsigned().encode(keyOnly);

        assertThat(headers).containsOnlyKeys("X-Unit-Key", "X-Unit-Hops");
        assertThat(RoutingHeaderCodec.unsigned().decode(asHttp(headers)::get)).contains(keyOnly);
    }

    @Test
    void signedCodecRoundTripsAndAddsAVersionedSignature() {
        Map<String, String> headers = signing.encode(CONTEXT);

        assertThat(headers.get(RoutingHeaders.SIGNATURE)).matches("v1:[A-Za-z0-9_-]{43}");
        assertThat(signing.decode(asHttp(headers)::get)).contains(CONTEXT);
        assertThat(signing.isSigning()).isTrue();
        assertThat(RoutingHeaderCodec.unsigned().isSigning()).isFalse();
    }

    @Test
    void signingIsDeterministicAndCoversEveryField() {
        assertThat(signing.encode(CONTEXT)).isEqualTo(RoutingHeaderCodec.signed(SECRET).encode(CONTEXT));
        assertThat(signature(signing.encode(CONTEXT.forwarded()))).isNotEqualTo(signature(signing.encode(CONTEXT)));
    }

    @Test
    void refusesAlteredKey() {
        assertBadSignature(RoutingHeaders.KEY, "1234568");
    }

    @Test
    void refusesAlteredShard() {
        assertBadSignature(RoutingHeaders.SHARD, "68");
    }

    @Test
    void refusesAlteredEpoch() {
        assertBadSignature(RoutingHeaders.EPOCH, "43");
    }

    @Test
    void refusesAlteredCell() {
        assertBadSignature(RoutingHeaders.CELL, "rz05");
    }

    @Test
    void refusesAlteredHops() {
        assertBadSignature(RoutingHeaders.HOPS, "0");
    }

    @Test
    void refusesARemovedHeader() {
        Map<String, String> headers = asHttp(signing.encode(CONTEXT));
        headers.remove(RoutingHeaders.CELL);

        ContextVerificationException e = catchThrowableOfType(ContextVerificationException.class,
                () -> signing.decode(headers::get));

        assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void refusesHeadersWithoutSignature() {
        Map<String, String> headers = asHttp(RoutingHeaderCodec.unsigned().encode(CONTEXT));

        ContextVerificationException e = catchThrowableOfType(ContextVerificationException.class,
                () -> signing.decode(headers::get));

        assertThat(e.reason()).isEqualTo(Reason.UNSIGNED);
        assertThat(e).hasMessage("routing headers are not signed, but this service requires X-Unit-Signature");
        assertThat(e.context()).containsEntry("reason", "UNSIGNED");
    }

    @Test
    void refusesSignatureMadeWithAnotherSecret() {
        Map<String, String> headers = asHttp(RoutingHeaderCodec.signed(OTHER_SECRET).encode(CONTEXT));

        ContextVerificationException e = catchThrowableOfType(ContextVerificationException.class,
                () -> signing.decode(headers::get));

        assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(e).hasMessage("routing headers do not match their signature (forged, altered, or signed with another"
                + " secret): key '1234567', cell 'rz04'");
    }

    @Test
    void refusesSignatureOfAnUnknownVersionOrEncoding() {
        for (String bad : new String[] {"v2:" + signature(signing.encode(CONTEXT)).substring(3), "v1:not base64!", ""}) {
            Map<String, String> headers = asHttp(signing.encode(CONTEXT));
            headers.put(RoutingHeaders.SIGNATURE, bad);

            ContextVerificationException e = catchThrowableOfType(ContextVerificationException.class,
                    () -> signing.decode(headers::get));

            assertThat(e.reason()).as(bad).isEqualTo(Reason.BAD_SIGNATURE);
            assertThat(e).as(bad).hasMessage("header X-Unit-Signature '" + bad + "' is not of the form v1:<base64url>");
        }
    }

    @Test
    void rotatedCodecAcceptsHeadersSignedWithThePreviousSecretAndSignsWithTheNewOne() {
        RoutingHeaderCodec old = RoutingHeaderCodec.signed(OTHER_SECRET);
        RoutingHeaderCodec rotated = RoutingHeaderCodec.signed(SECRET, OTHER_SECRET);
        Map<String, String> signedWithOld = asHttp(old.encode(CONTEXT));

        assertThat(rotated.decode(signedWithOld::get)).contains(CONTEXT);
        assertThat(rotated.encode(CONTEXT)).isEqualTo(RoutingHeaderCodec.signed(SECRET).encode(CONTEXT));
        Map<String, String> signedByRotated = asHttp(rotated.encode(CONTEXT));
        assertThat(RoutingHeaderCodec.signed(SECRET).decode(signedByRotated::get)).contains(CONTEXT);
        assertThat(catchThrowableOfType(ContextVerificationException.class, () -> old.decode(signedByRotated::get))
                .reason()).as("a codec that only knows the old secret refuses the new signatures")
                .isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void refusesSecretShorterThanThirtyTwoBytes() {
        assertThatThrownBy(() -> RoutingHeaderCodec.signed(new byte[31])).isInstanceOf(UnitRouterException.class)
                .hasMessage("HMAC secret is 31 bytes long; use at least 32 bytes of random data"
                        + " (e.g. the output of 'openssl rand -base64 32')");
        assertThatThrownBy(() -> RoutingHeaderCodec.signed("too short")).isInstanceOf(UnitRouterException.class)
                .hasMessageStartingWith("HMAC secret is 9 bytes long; use at least 32 bytes");
        assertThatThrownBy(() -> RoutingHeaderCodec.signed(SECRET, OTHER_SECRET, new byte[16]))
                .isInstanceOf(UnitRouterException.class)
                .hasMessageStartingWith("HMAC previous secret #2 is 16 bytes long; use at least 32 bytes");
        assertThat(RoutingHeaderCodec.signed(new byte[32]).isSigning()).isTrue();
    }

    @Test
    void refusesMalformedNumbersNamingTheHeader() {
        assertMalformed(RoutingHeaders.SHARD, "abc", "header X-Unit-Shard: 'abc' is not a whole number in 0..2147483647");
        assertMalformed(RoutingHeaders.SHARD, "2147483648",
                "header X-Unit-Shard: '2147483648' is not a whole number in 0..2147483647");
        assertMalformed(RoutingHeaders.EPOCH, "-1",
                "header X-Unit-Epoch: '-1' is not a whole number in 0..9223372036854775807");
        assertMalformed(RoutingHeaders.HOPS, "1.5", "header X-Unit-Hops: '1.5' is not a whole number in 0..2147483647");
        assertMalformed(RoutingHeaders.HOPS, "", "header X-Unit-Hops: '' is not a whole number in 0..2147483647");
    }

    @Test
    void refusesMalformedKeyAndCellNamingThem() {
        assertMalformed(RoutingHeaders.KEY, "12 34", "header X-Unit-Key: routing key '12 34' contains character U+0020"
                + " at index 2; only visible ASCII is allowed");
        assertMalformed(RoutingHeaders.CELL, "rz\u00e9", "routing context cell 'rz\\u00e9' is not a cell id");
    }

    @Test
    void malformedHeadersAreRefusedBeforeTheSignatureIsChecked() {
        Map<String, String> headers = asHttp(signing.encode(CONTEXT));
        headers.put(RoutingHeaders.EPOCH, "forty-two");

        assertThat(catchThrowableOfType(ContextVerificationException.class, () -> signing.decode(headers::get)).reason())
                .isEqualTo(Reason.MALFORMED);
    }

    @Test
    void noRoutingHeadersAtAllDecodeToEmpty() {
        Map<String, String> unrelated = asHttp(Map.of("Content-Type", "application/json", "X-Request-Id", "abc"));

        assertThat(RoutingHeaderCodec.unsigned().decode(unrelated::get)).isEmpty();
        assertThat(signing.decode(unrelated::get)).as("no headers is not an unsigned context").isEmpty();
        assertThat(signing.decode(name -> null)).isEmpty();
    }

    @Test
    void decodesHeadersWhateverTheirCase() {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        signing.encode(CONTEXT).forEach((name, value) -> headers.put(name.toUpperCase(Locale.ROOT), value));

        assertThat(headers).containsKey("X-UNIT-KEY").containsKey("x-unit-key");
        assertThat(signing.decode(headers::get)).contains(CONTEXT);
    }

    @Test
    void recognisesRoutingHeadersInAnyCase() {
        assertThat(Arrays.asList("X-Unit-Key", "x-unit-signature", "X-UNIT-CELL", "x-UnIt-hops", "X-Unit-"))
                .allMatch(RoutingHeaders::isRoutingHeader);
        assertThat(Arrays.asList("X-Unit", "X-Unitx-Key", "Unit-Key", "X-Request-Id", "", null))
                .noneMatch(RoutingHeaders::isRoutingHeader);
        assertThat(RoutingHeaders.ALL).allMatch(RoutingHeaders::isRoutingHeader);
    }

    private void assertBadSignature(String header, String value) {
        Map<String, String> headers = asHttp(signing.encode(CONTEXT));
        assertThat(headers.put(header, value)).as("header %s was signed", header).isNotNull().isNotEqualTo(value);

        ContextVerificationException e = catchThrowableOfType(ContextVerificationException.class,
                () -> signing.decode(headers::get));

        assertThat(e).as("altered %s", header).isNotNull();
        assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(e).hasMessageStartingWith("routing headers do not match their signature");
    }

    private void assertMalformed(String header, String value, String message) {
        for (RoutingHeaderCodec codec : new RoutingHeaderCodec[] {RoutingHeaderCodec.unsigned(), signing}) {
            Map<String, String> headers = asHttp(codec.encode(CONTEXT));
            headers.put(header, value);

            ContextVerificationException e = catchThrowableOfType(ContextVerificationException.class,
                    () -> codec.decode(headers::get));

            assertThat(e).as("%s: %s", header, value).isNotNull();
            assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
            assertThat(e).hasMessage(message);
        }
    }

    /** The headers as an HTTP server hands them over: names lower-cased, looked up without regard to case. */
    private static Map<String, String> asHttp(Map<String, String> headers) {
        Map<String, String> http = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, value) -> http.put(name.toLowerCase(Locale.ROOT), value));
        return http;
    }

    private static String signature(Map<String, String> headers) {
        return headers.get(RoutingHeaders.SIGNATURE);
    }

    private static byte[] secret(char fill) {
        return String.valueOf(fill).repeat(32).getBytes(StandardCharsets.UTF_8);
    }
}
