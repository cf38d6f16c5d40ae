package io.unitrouter.core.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrouter.core.context.ContextVerificationException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The one-header routing context ({@code X-Unit-Context: v2 ...}) and its request-bound signature. */
class CompactContextTest {

    /** The test vector of docs/gateway.md; its signature was computed with Python's hmac module, not this code. */
    static final String VECTOR_SECRET = "unit-router-test-vector-secret-0123456789";
    static final Instant VECTOR_TIME = Instant.ofEpochSecond(1_764_720_000L);
    static final String VECTOR_VALUE = "v2 s=5 e=42 c=rz01 h=0 t=1764720000 k=1205"
            + " sig=o62C5-iuZVCDUazFU6-5V0yp0VlDgUf4ZFy7Zin-7v4";

    private static final RoutingContext CONTEXT = new RoutingContext("1205", 5, 42, "rz01", 0);

    private final Clock clock = Clock.fixed(VECTOR_TIME, ZoneOffset.UTC);
    private final RoutingHeaderCodec signing = RoutingHeaderCodec.signed(VECTOR_SECRET).withClock(clock);

    @Test
    void theDocumentedTestVectorIsWhatTheCodecWritesAndReads() {
        Map<String, String> headers = signing.encode(CONTEXT, "POST", "/accounts/1205/transfers");

        assertThat(headers).containsExactly(Map.entry("X-Unit-Context", VECTOR_VALUE));
        assertThat(signing.decode(http(headers)::get, "POST", "/accounts/1205/transfers")).contains(CONTEXT);
    }

    @Test
    void aGenuineSignedContextCouldBeReplayedOntoAnyRequestBecauseTheSignatureCoveredNeitherMethodNorPath() {
        Map<String, String> headers = http(signing.encode(CONTEXT, "GET", "/accounts/1205"));

        for (String[] other : new String[][] {{"POST", "/accounts/1205"}, {"GET", "/accounts/1025"},
                {"GET", "/accounts/1205/"}, {"GET", "/accounts/%31205"}}) {
            assertThatThrownBy(() -> signing.decode(headers::get, other[0], other[1]))
                    .as(other[0] + " " + other[1])
                    .isInstanceOfSatisfying(ContextVerificationException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE))
                    .hasMessageContaining("signed for another request");
        }
    }

    @Test
    void aCapturedContextKeptForLaterIsRefusedOnceOutsideTheSkew() {
        Map<String, String> headers = http(signing.encode(CONTEXT, "GET", "/a"));
        RoutingHeaderCodec later = signing.withClock(Clock.offset(clock, Duration.ofSeconds(61)));
        RoutingHeaderCodec earlier = signing.withClock(Clock.offset(clock, Duration.ofSeconds(-61)));

        assertThat(signing.withClock(Clock.offset(clock, Duration.ofSeconds(60))).decode(headers::get, "GET", "/a"))
                .contains(CONTEXT);
        for (RoutingHeaderCodec receiver : new RoutingHeaderCodec[] {later, earlier}) {
            assertThatThrownBy(() -> receiver.decode(headers::get, "GET", "/a"))
                    .isInstanceOfSatisfying(ContextVerificationException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE))
                    .hasMessageContaining("61 s from this server's clock; at most 60 s");
        }
        assertThat(later.withMaxSkew(Duration.ofSeconds(90)).decode(headers::get, "GET", "/a")).contains(CONTEXT);
    }

    @Test
    void unsignedCodecRoundTripsAndASigningOneRefusesItsOutput() {
        RoutingHeaderCodec unsigned = RoutingHeaderCodec.unsigned().withClock(clock);
        Map<String, String> headers = http(unsigned.encode(RoutingContext.ofKey("7"), "GET", ""));

        assertThat(headers.get("X-Unit-Context")).isEqualTo("v2 h=0 t=1764720000 k=7");
        assertThat(unsigned.decode(headers::get, "PUT", "/elsewhere")).contains(RoutingContext.ofKey("7"));
        assertThatThrownBy(() -> signing.decode(headers::get, "GET", "/"))
                .isInstanceOfSatisfying(ContextVerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNSIGNED));
    }

    @Test
    void anyAlteredFieldBreaksTheSignature() {
        String genuine = VECTOR_VALUE;
        for (String altered : new String[] {genuine.replace("k=1205", "k=1225"), genuine.replace("c=rz01", "c=rz02"),
                genuine.replace("s=5", "s=25"), genuine.replace("e=42", "e=43"), genuine.replace("h=0", "h=1"),
                genuine.replace("t=1764720000", "t=1764720001"), genuine.replace(" s=5", "")}) {
            assertThatThrownBy(() -> signing.decode(http(Map.of("X-Unit-Context", altered))::get, "POST",
                    "/accounts/1205/transfers"))
                    .as(altered)
                    .isInstanceOfSatisfying(ContextVerificationException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
        }
    }

    @Test
    void aMethodOrPathOutsideAsciiIsSignedAsTheReceiverVerifiesItAndBoundToIt() {
        // The gateway writes ASCII requests as bytes and takes another way for the rest: both must verify, and
        // neither may verify for a request it was not signed for.
        for (String[] request : new String[][] {{"GET", "/konto/\u00fcbersicht"}, {"PR\u00dcFEN", "/a"},
                {"GET", "/\u20ac/\ud83d\ude00"}}) {
            Map<String, String> headers = http(signing.encode(CONTEXT, request[0], request[1]));

            assertThat(signing.decode(headers::get, request[0], request[1])).as(request[1]).contains(CONTEXT);
            assertThatThrownBy(() -> signing.decode(headers::get, request[0], request[1] + "x")).as(request[1])
                    .isInstanceOfSatisfying(ContextVerificationException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
            assertThatThrownBy(() -> signing.decode(headers::get, "DELETE", request[1])).as(request[1])
                    .isInstanceOfSatisfying(ContextVerificationException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
        }
    }

    @Test
    void malformedValuesAreRefusedNamingWhatDoesNotParse() {
        Map<String, String> problems = Map.of(
                "v3 h=0 t=1", "does not start with v2",
                "v2 h=0 t=1 x=1", "unknown field 'x'",
                "v2 h=0 h=1 t=1", "names field h twice",
                "v2 h=0 t=1 s=-1", "field s '-1' is not a whole number",
                "v2 h=0 t=1 e=+5", "field e '+5' is not a whole number",
                "v2 h=0", "lacks h (hops) or t (time of issue)",
                "v2 h=0 t=1 k=12\u00e905", "routing key");
        problems.forEach((value, message) -> assertThatThrownBy(
                () -> RoutingHeaderCodec.unsigned().decode(http(Map.of("X-Unit-Context", value))::get, "GET", "/"))
                .as(value)
                .isInstanceOfSatisfying(ContextVerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED))
                .hasMessageContaining(message));
    }

    @Test
    @SuppressWarnings("removal")
    void theReleaseZeroOneHeadersAreReadForOneReleaseUnlessTurnedOff() {
        Map<String, String> legacy = http(signing.encode(CONTEXT));

        assertThat(signing.decode(legacy::get, "GET", "/anything")).contains(CONTEXT);
        assertThatThrownBy(() -> signing.acceptingLegacy(false).decode(legacy::get, "GET", "/anything"))
                .isInstanceOfSatisfying(ContextVerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE))
                .hasMessageContaining("no longer accepted");
        Map<String, String> both = new HashMap<>(legacy);
        both.putAll(signing.encode(CONTEXT, "GET", "/anything"));
        assertThatThrownBy(() -> signing.decode(http(both)::get, "GET", "/anything"))
                .isInstanceOfSatisfying(ContextVerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
    }

    @Test
    void aRotatedSecretStillVerifiesContextsSignedWithThePreviousOne() {
        RoutingHeaderCodec old = RoutingHeaderCodec.signed("previous-secret-0123456789abcdefghijkl").withClock(clock);
        RoutingHeaderCodec rotated = RoutingHeaderCodec.signed(VECTOR_SECRET.getBytes(),
                "previous-secret-0123456789abcdefghijkl".getBytes()).withClock(clock);

        assertThat(rotated.decode(http(old.encode(CONTEXT, "GET", "/a"))::get, "GET", "/a")).contains(CONTEXT);
    }

    @Test
    void aSkewOutsideOneSecondToOneHourIsRefused() {
        assertThatThrownBy(() -> signing.withMaxSkew(Duration.ofMillis(500))).hasMessageContaining("1s to 1h");
        assertThatThrownBy(() -> signing.withMaxSkew(Duration.ofHours(2))).hasMessageContaining("1s to 1h");
    }

    private static Map<String, String> http(Map<String, String> headers) {
        Map<String, String> http = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        http.putAll(headers);
        return http;
    }
}
