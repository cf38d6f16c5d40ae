package io.unitrouter.core.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrouter.core.UnitRouterException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Asking a chain in two steps ({@link KeyChain#findFixed} before the framework knows the handler,
 * {@link KeyChain#findRest} after) decides what asking it once ({@link KeyChain#find}) decides, and asks no
 * source twice but the ones that can answer differently.
 */
class KeyChainInTwoStepsTest {

    private static final List<String> SOURCES = List.of("header:A", "header:B", "cookie:c", "query:q",
            "path-segment:1", "path-variable:v", "bean:x");
    private static final List<String> VALUES = List.of("1", "2", "");

    /** An application's own extractor: it reads header X, and counts as not fixed. */
    private static final KeyExtractor BEAN = request -> request.header("X");

    @Property(tries = 3000)
    void twoStepsDecideWhatOneLookDecides(@ForAll("chains") List<String> sources, @ForAll("carriers") List<String> a,
            @ForAll("carriers") List<String> b, @ForAll("carrier") String c, @ForAll("carrier") String q,
            @ForAll("carrier") String segment, @ForAll("carrier") String v, @ForAll("carrier") String x) {
        KeyChain chain = KeyChain.parse(sources, Map.of("x", BEAN));
        // The same request before handler mapping (no path variables yet) and after it.
        Supplier<FakeRequest> request = () -> {
            FakeRequest built = FakeRequest.at(segment == null ? "/p" : "/p/" + segment);
            a.forEach(value -> built.header("A", value));
            b.forEach(value -> built.header("B", value));
            if (c != null) {
                built.cookie("c", c);
            }
            if (q != null) {
                built.query("q", q);
            }
            if (x != null) {
                built.header("X", x);
            }
            return built;
        };
        FakeRequest before = request.get();
        FakeRequest after = request.get();
        if (v != null) {
            after.variable("v", v);
        }

        Outcome once = Outcome.of(() -> chain.find(after));
        Outcome fixed = Outcome.of(() -> chain.findFixed(before));
        if (fixed.refusal() != null) {
            // A fixed source that fails fails in one look too, unless a source before it failed first.
            assertThat(once.refusal()).as("refused in one look").isNotNull();
            return;
        }
        assertThat(Outcome.of(() -> chain.findRest(after, fixed.key()))).isEqualTo(once);
    }

    @Test
    void theFixedSourcesAreAskedOnceAndTheOthersAgain() {
        AtomicInteger beanCalls = new AtomicInteger();
        AtomicInteger headerReads = new AtomicInteger();
        KeyChain chain = KeyChain.parse(List.of("header:X-User-Id", "path-variable:userId", "bean:tenant"),
                Map.of("tenant", request -> {
                    beanCalls.incrementAndGet();
                    return null;
                }));
        FakeRequest request = FakeRequest.at("/accounts/5").header("X-User-Id", "5");
        RequestView counting = new RequestView() {
            @Override
            public String header(String name) {
                return request.header(name);
            }

            @Override
            public List<String> headers(String name) {
                headerReads.incrementAndGet();
                return request.headers(name);
            }

            @Override
            public String cookie(String name) {
                return request.cookie(name);
            }

            @Override
            public String queryParameter(String name) {
                return request.queryParameter(name);
            }

            @Override
            public String path() {
                return request.path();
            }

            @Override
            public String pathVariable(String name) {
                return request.pathVariable(name);
            }
        };

        FoundKey fixed = chain.findFixed(counting);
        assertThat(fixed).isEqualTo(new FoundKey("header:X-User-Id", "5"));
        assertThat(headerReads).hasValue(1);
        assertThat(beanCalls).hasValue(0);

        request.variable("userId", "5");
        assertThat(chain.findRest(counting, fixed)).isEqualTo(new FoundKey("header:X-User-Id", "5"));
        assertThat(headerReads).as("the header is not read again").hasValue(1);
        assertThat(beanCalls).hasValue(1);
    }

    @Test
    void aPathVariableLearntLaterThatDisagreesWithTheHeaderIsRefusedNamingBoth() {
        KeyChain chain = KeyChain.parse(List.of("header:X-User-Id", "path-variable:userId"), Map.of());
        FakeRequest request = FakeRequest.at("/accounts/1005").header("X-User-Id", "1025");
        FoundKey fixed = chain.findFixed(request);
        request.variable("userId", "1005");

        assertThatThrownBy(() -> chain.findRest(request, fixed))
                .isInstanceOf(AmbiguousKeyException.class)
                .hasMessageContaining("'1025' from header:X-User-Id disagrees with path-variable:userId, which gives"
                        + " '1005'");
    }

    @Test
    void anAnswerThisChainsFixedSourcesCannotHaveGivenIsRefused() {
        KeyChain chain = KeyChain.parse(List.of("header:X-User-Id", "path-variable:userId"), Map.of());

        assertThatThrownBy(() -> chain.findRest(FakeRequest.at("/"), new FoundKey("path-variable:userId", "5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("routing key from path-variable:userId was not found by a fixed source of this"
                        + " chain (header:X-User-Id, path-variable:userId)");
        assertThatThrownBy(() -> chain.findRest(FakeRequest.at("/"), new FoundKey("cookie:uid", "5")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<List<String>> chains() {
        return Arbitraries.of(SOURCES).list().uniqueElements().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<List<String>> carriers() {
        return Arbitraries.of(VALUES).list().ofMaxSize(2);
    }

    @Provide
    Arbitrary<String> carrier() {
        return Arbitraries.of(VALUES).injectNull(0.4);
    }

    /** What a look found, or the refusal's type and message. */
    private record Outcome(FoundKey key, String refusal) {

        static Outcome of(Supplier<FoundKey> look) {
            try {
                return new Outcome(look.get(), null);
            } catch (UnitRouterException e) {
                return new Outcome(null, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }
}
