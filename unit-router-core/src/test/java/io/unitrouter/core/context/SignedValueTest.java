package io.unitrouter.core.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * The signed header value, written as bytes in one pass, against the format written out with strings and signed
 * with {@code javax.crypto.Mac}: the same text for every context, method and path, including paths outside ASCII
 * (which take the other way) and keys as long as a key may be.
 */
class SignedValueTest {

    private static final String SECRET = "signed-value-test-secret-0123456789abcdef";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final HmacSha256 signer = new HmacSha256(SECRET.getBytes(StandardCharsets.UTF_8));

    @Property(tries = 500)
    void theValueIsTheFormatWrittenOutAndSignedWithMac(@ForAll("keys") String key, @ForAll @IntRange(min = -1) int shard,
            @ForAll @LongRange(min = -1) long epoch, @ForAll("cells") String cell, @ForAll @IntRange(min = 0) int hops,
            @ForAll @LongRange(min = 0, max = 99_999_999_999L) long issuedAt, @ForAll("methods") String method,
            @ForAll("paths") String path) throws Exception {
        RoutingContext context = new RoutingContext(key, shard, epoch, cell, hops);

        String value = CompactContext.signedValue(context, issuedAt, method, path, signer, BASE64URL);

        assertThat(value).isEqualTo(writtenOut(context, issuedAt, method, path));
    }

    @Test
    void eachValueIsRightWhenTheThreadsBufferHasJustHeldALongerOrAnUnfinishedText() throws Exception {
        RoutingContext context = new RoutingContext("1205", 37, 7, "rz02", 0);
        String longPath = "/accounts/" + "x".repeat(5_000);
        String shortPath = "/accounts/1205";

        // A long path outgrows the thread's buffer; a method outside ASCII stops writing it half-way.
        for (String[] request : new String[][] {{"GET", longPath}, {"GET", shortPath}, {"PRÜFEN", shortPath},
                {"POST", shortPath}, {"GET", longPath + "/y"}, {"GET", "/"}}) {
            String value = CompactContext.signedValue(context, 1_700_000_000L, request[0], request[1], signer,
                    BASE64URL);

            assertThat(value).as("%s %s", request[0], request[1])
                    .isEqualTo(writtenOut(context, 1_700_000_000L, request[0], request[1]));
        }
    }

    @Test
    void twoSecretsTakingTurnsOnOneThreadEachGiveTheirOwnSignature() throws Exception {
        HmacSha256 other = new HmacSha256("another-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8));
        RoutingContext context = new RoutingContext("1205", 37, 7, "rz02", 0);

        String first = CompactContext.signedValue(context, 1_700_000_000L, "GET", "/a", signer, BASE64URL);
        String second = CompactContext.signedValue(context, 1_700_000_000L, "GET", "/a", other, BASE64URL);
        String third = CompactContext.signedValue(context, 1_700_000_000L, "GET", "/a", signer, BASE64URL);

        assertThat(first).isEqualTo(third).isEqualTo(writtenOut(context, 1_700_000_000L, "GET", "/a"));
        assertThat(second).isNotEqualTo(first).startsWith(first.substring(0, first.indexOf(" sig=") + 5));
    }

    @Test
    void threadsSigningAtOnceEachGetTheValueOfTheirOwnRequest() throws Exception {
        List<Integer> users = IntStream.range(0, 4_000).boxed().toList();

        List<String> values = users.parallelStream().map(user -> CompactContext.signedValue(
                new RoutingContext(Integer.toString(user), user % 100, 7, "rz01", 0), 1_700_000_000L, "GET",
                "/accounts/" + user + "/" + "x".repeat(user % 1_500), signer, BASE64URL)).toList();

        for (int user : users) {
            assertThat(values.get(user)).isEqualTo(writtenOut(new RoutingContext(Integer.toString(user), user % 100,
                    7, "rz01", 0), 1_700_000_000L, "GET", "/accounts/" + user + "/" + "x".repeat(user % 1_500)));
        }
    }

    /** The format as docs/gateway.md states it, with no code shared with the codec but the field order. */
    private static String writtenOut(RoutingContext context, long issuedAt, String method, String path)
            throws Exception {
        StringBuilder value = new StringBuilder("v2");
        if (context.shard() >= 0) {
            value.append(" s=").append(context.shard());
        }
        if (context.epoch() >= 0) {
            value.append(" e=").append(context.epoch());
        }
        if (context.cell() != null) {
            value.append(" c=").append(context.cell());
        }
        value.append(" h=").append(context.hops()).append(" t=").append(issuedAt);
        if (context.key() != null) {
            value.append(" k=").append(context.key());
        }
        String signed = method + "\n" + (path == null || path.isEmpty() ? "/" : path) + "\n" + value;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return value + " sig=" + BASE64URL.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(128).injectNull(0.1);
    }

    @Provide
    Arbitrary<String> cells() {
        return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(24).injectNull(0.1);
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "PRÜFEN");
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> ascii = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(300).map(p -> "/" + p);
        // Longer than the thread's buffer keeps: written into a new array, and the next value into a small one.
        Arbitrary<String> longOnes = Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1_000).ofMaxLength(3_000)
                .map(p -> "/" + p);
        Arbitrary<String> other = Arbitraries.strings().all().ofMaxLength(40).map(p -> "/konto/" + p);
        return Arbitraries.frequencyOf(Tuple.of(6, ascii), Tuple.of(2, other), Tuple.of(1, longOnes),
                Tuple.of(1, Arbitraries.of("", "/")));
    }
}
