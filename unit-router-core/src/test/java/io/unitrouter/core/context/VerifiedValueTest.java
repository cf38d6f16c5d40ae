package io.unitrouter.core.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.unitrouter.core.RoutingKeys;
import io.unitrouter.core.context.ContextVerificationException.Reason;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * A cell's side of the signed header value, which reads the signed text and the signature where they lie in the
 * value: whatever the signer writes verifies, for every context, method and path (including those outside ASCII,
 * which both sides sign as UTF-8 strings), and a change to any one of the method, the path, a character of the
 * value or the signature is refused.
 */
class VerifiedValueTest {

    private static final String SECRET = "verified-value-test-secret-0123456789abcdef";
    private static final Instant NOW = Instant.ofEpochSecond(1_764_720_000L);
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final RoutingContext CONTEXT = new RoutingContext("1205", 5, 42, "rz01", 0);

    private final RoutingHeaderCodec codec = RoutingHeaderCodec.signed(SECRET)
            .withClock(Clock.fixed(NOW, ZoneOffset.UTC));

    @Property(tries = 500)
    void whatTheSignerWritesVerifiesForThatRequestOnly(@ForAll("contexts") RoutingContext context,
            @ForAll("methods") String method, @ForAll("paths") String path, @ForAll @IntRange(min = 0) int at,
            @ForAll("replacements") char replacement) {
        String value = codec.encode(context, method, path).get(RoutingHeaders.CONTEXT);

        assertThat(codec.decode(header(value), method, path)).contains(context);

        String otherMethod = altered(method, at, replacement);
        assertThat(refusal(value, otherMethod, path)).as("method %s", otherMethod)
                .isEqualTo(Reason.BAD_SIGNATURE);
        String otherPath = altered(path, at, replacement);
        if (!CompactContext.normalPath(otherPath).equals(CompactContext.normalPath(path))) {
            // "" and "/" are the same path to sign; any other change is another request.
            assertThat(refusal(value, method, otherPath)).as("path %s", otherPath).isEqualTo(Reason.BAD_SIGNATURE);
        }
    }

    @Property(tries = 500)
    void aChangedCharacterOfTheSignedValueIsRefused(@ForAll("contexts") RoutingContext context,
            @ForAll("methods") String method, @ForAll("paths") String path, @ForAll @IntRange(min = 0) int at,
            @ForAll("replacements") char replacement) {
        String value = codec.encode(context, method, path).get(RoutingHeaders.CONTEXT);
        // Up to and including " sig=": the signature's own characters are changed by the next property, which
        // leaves out the bits of its last character that no decoder reads.
        int signed = value.indexOf(" sig=") + " sig=".length();
        String changed = altered(value.substring(0, signed), at, replacement) + value.substring(signed);

        // Malformed, unsigned (" sig=" itself changed), or not matching: refused for one reason or another.
        assertThat(refusal(changed, method, path)).as(changed).isNotNull();
    }

    @Property(tries = 500)
    void aChangedSignatureIsRefused(@ForAll("contexts") RoutingContext context, @ForAll("methods") String method,
            @ForAll("paths") String path, @ForAll @IntRange(min = 0, max = 41) int at,
            @ForAll @IntRange(min = 1, max = 63) int shift) {
        String value = codec.encode(context, method, path).get(RoutingHeaders.CONTEXT);
        int start = value.indexOf(" sig=") + " sig=".length();
        // Each of the first 42 characters carries 6 bits of the tag: any other letter of the alphabet changes it.
        char other = ALPHABET.charAt((ALPHABET.indexOf(value.charAt(start + at)) + shift) % 64);
        String changed = value.substring(0, start + at) + other + value.substring(start + at + 1);

        assertThat(refusal(changed, method, path)).as(changed).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void aSignatureOutsideTheBase64urlAlphabetIsRefusedQuotingIt() {
        String value = codec.encode(CONTEXT, "GET", "/a").get(RoutingHeaders.CONTEXT);
        String genuine = value.substring(value.indexOf(" sig=") + " sig=".length());
        for (String bad : new String[] {genuine.replace(genuine.charAt(3), '+'), "o62C5/iuZVCDUazFU6",
                genuine.substring(0, 41), genuine + "==", "\u00e9" + genuine.substring(1), "="}) {
            String forged = value.substring(0, value.indexOf(" sig=")) + " sig=" + bad;

            assertThatThrownBy(() -> codec.decode(header(forged), "GET", "/a")).as(bad)
                    .isInstanceOfSatisfying(ContextVerificationException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE))
                    .hasMessage("routing-context signature " + RoutingKeys.quote(bad)
                            + " is not base64url");
        }
    }

    @Test
    void aBase64urlSignatureOfTheWrongLengthDoesNotMatch() {
        String value = codec.encode(CONTEXT, "GET", "/a").get(RoutingHeaders.CONTEXT);
        String unsigned = value.substring(0, value.indexOf(" sig="));
        String genuine = value.substring(unsigned.length() + " sig=".length());
        for (String bad : new String[] {genuine.substring(0, 42), genuine.substring(0, 40), genuine + "A",
                genuine + "AAAA", ""}) {
            assertThatThrownBy(() -> codec.decode(header(unsigned + " sig=" + bad), "GET", "/a")).as(bad)
                    .isInstanceOfSatisfying(ContextVerificationException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE))
                    .hasMessage("the routing context does not match its signature for GET '/a' (forged, altered,"
                            + " signed with another secret, or signed for another request): key '1205', cell 'rz01'");
        }
    }

    @Test
    void theGenuineSignatureWithPaddingIsReadAsTheJdkDecoderReadsIt() {
        // The signer writes no padding; Base64.getUrlDecoder() has always read a padded text as the same bytes.
        String value = codec.encode(CONTEXT, "GET", "/a").get(RoutingHeaders.CONTEXT);

        assertThat(codec.decode(header(value + "="), "GET", "/a")).contains(CONTEXT);
    }

    private Reason refusal(String value, String method, String path) {
        Throwable thrown = catchThrowable(() -> codec.decode(header(value), method, path));
        return thrown instanceof ContextVerificationException e ? e.reason() : null;
    }

    /**
     * {@code text} with its character at {@code at} (modulo its length) replaced by another, or {@code replacement}
     * alone if {@code text} is empty.
     */
    private static String altered(String text, int at, char replacement) {
        if (text.isEmpty()) {
            return String.valueOf(replacement);
        }
        int i = at % text.length();
        char other = text.charAt(i) == replacement ? (replacement == 'x' ? 'y' : 'x') : replacement;
        return text.substring(0, i) + other + text.substring(i + 1);
    }

    private static Function<String, String> header(String value) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put(RoutingHeaders.CONTEXT, value);
        return headers::get;
    }

    @Provide
    Arbitrary<RoutingContext> contexts() {
        Arbitrary<String> keys = Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(64)
                .injectNull(0.1);
        Arbitrary<String> cells = Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(16)
                .injectNull(0.1);
        return Combinators.combine(keys, Arbitraries.integers().between(-1, Integer.MAX_VALUE),
                Arbitraries.longs().between(-1, Long.MAX_VALUE), cells, Arbitraries.integers().greaterOrEqual(0))
                .as(RoutingContext::new);
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.oneOf(Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "PR\u00dcFEN"),
                Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(10),
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(8));
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> ascii = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(200).map(p -> "/" + p);
        Arbitrary<String> other = Arbitraries.strings().all().ofMaxLength(40).map(p -> "/konto/" + p);
        return Arbitraries.oneOf(ascii, other, Arbitraries.of("", "/"));
    }

    /**
     * Any character but a surrogate or {@code ?}: a lone surrogate is written to UTF-8 as {@code ?}, so swapping
     * one for the other would not change the bytes signed.
     */
    @Provide
    Arbitrary<Character> replacements() {
        return Arbitraries.oneOf(Arbitraries.chars().range(' ', '~'), Arbitraries.chars().all())
                .filter(c -> c != '?' && !Character.isSurrogate(c));
    }
}
