package io.unitrouter.boot.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.unitrouter.core.MalformedKeyException;
import io.unitrouter.core.context.ContextVerificationException;
import io.unitrouter.core.context.RoutingContext;
import io.unitrouter.core.context.RoutingHeaderCodec;
import io.unitrouter.core.key.AmbiguousKeyException;
import io.unitrouter.core.key.FoundKey;
import io.unitrouter.core.key.KeyChain;
import io.unitrouter.core.key.RequestView;
import io.unitrouter.core.request.Refusal;
import io.unitrouter.core.request.RefusedRequestException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Resolving a request's context, and resolving it again once its path variables are known ({@code rekey}):
 * the second look reuses the verified context and applies the same agreement rules.
 */
class RoutingKeyResolverTest {

    static final String SECRET = "0123456789abcdef0123456789abcdef-resolver";

    final RoutingHeaderCodec codec = spy(RoutingHeaderCodec.signed(SECRET));
    final RoutingKeyResolver resolver = new RoutingKeyResolver(codec,
            KeyChain.parse(List.of("header:X-User-Id", "path-variable:id"), Map.of()), "[header:X-User-Id, path-variable:id]");

    /** {@code GET /accounts/<pathKey>}, with headers, and the path variable {@code id} once mapped. */
    static final class Request implements RequestView {
        final String path;
        final Map<String, String> headers = new HashMap<>();
        final Map<String, String> variables = new HashMap<>();
        int headerReads;

        Request(String pathKey) {
            this.path = "/accounts/" + pathKey;
        }

        @Override
        public String header(String name) {
            return headers.get(name);
        }

        @Override
        public List<String> headers(String name) {
            headerReads++;
            String value = headers.get(name);
            return value == null ? List.of() : List.of(value);
        }

        @Override
        public String cookie(String name) {
            return null;
        }

        @Override
        public String queryParameter(String name) {
            return null;
        }

        @Override
        public String path() {
            return path;
        }

        @Override
        public String pathVariable(String name) {
            return variables.get(name);
        }
    }

    /** A request for {@code pathKey}'s path carrying a context signed for it, for {@code key}. */
    Request signedFor(String key, String pathKey) {
        Request request = new Request(pathKey);
        request.headers.putAll(codec.encode(RoutingContext.ofKey(key), "GET", request.path()));
        return request;
    }

    @Test
    void rekeyReusesTheVerifiedContextInsteadOfDecodingTheHeadersAgain() {
        Request request = signedFor("1205", "1205");
        RoutingKeyResolver.Resolution first = resolver.resolve(request::header, request);
        request.variables.put("id", "1205");

        RoutingKeyResolver.Resolution second = resolver.rekey(first, request);

        assertThat(second.problem()).isNull();
        assertThat(second.context().key()).isEqualTo("1205");
        assertThat(second.received()).isEqualTo(first.received());
        verify(codec, times(1)).decode(any(), anyString(), anyString());
    }

    @Test
    void rekeyRefusesAPathKeyThatDisagreesWithTheVerifiedContext() {
        Request request = signedFor("1205", "1225");
        RoutingKeyResolver.Resolution first = resolver.resolve(request::header, request);
        assertThat(first.problem()).isNull();
        request.variables.put("id", "1225");

        RoutingKeyResolver.Resolution second = resolver.rekey(first, request);

        assertThat(second.problem()).isInstanceOfSatisfying(RefusedRequestException.class,
                e -> assertThat(e.refusal()).isEqualTo(Refusal.KEY_MISMATCH));
    }

    @Test
    void rekeyKeepsTheRefusalOfForgedHeadersWhateverThePathSays() {
        Request request = new Request("1205");
        request.headers.putAll(RoutingHeaderCodec.signed("another-secret-0123456789abcdef0123456")
                .encode(RoutingContext.ofKey("1205"), "GET", "/accounts/1205"));
        RoutingKeyResolver.Resolution first = resolver.resolve(request::header, request);
        assertThat(first.problem()).isInstanceOf(ContextVerificationException.class);
        request.variables.put("id", "1205");

        assertThat(resolver.rekey(first, request)).isSameAs(first);
    }

    @Test
    void rekeyAddsThePathKeyToAKeylessContextAsResolveDoes() {
        RoutingContext keyless = new RoutingContext(null, -1, 7, "rz01", 1);
        Request request = new Request("1205");
        request.headers.putAll(codec.encode(keyless, "GET", "/accounts/1205"));
        RoutingKeyResolver.Resolution beforeMapping = resolver.resolve(request::header, request);
        assertThat(beforeMapping.context()).isEqualTo(keyless);
        request.variables.put("id", "1205");

        RoutingKeyResolver.Resolution second = resolver.rekey(beforeMapping, request);

        assertThat(second.context()).isEqualTo(new RoutingContext("1205", -1, 7, "rz01", 1));
        assertThat(second.received()).isEqualTo(keyless);
        assertThat(second).isEqualTo(resolver.resolve(request::header, request));
    }

    @Test
    void rekeyDoesNotReadTheKeyHeaderAgainButStillChecksItAgainstThePath() {
        Request request = new Request("1205");
        request.headers.put("X-User-Id", "1205");
        RoutingKeyResolver.Resolution first = resolver.resolve(request::header, request);
        assertThat(first.fixedKey()).isEqualTo(new FoundKey("header:X-User-Id", "1205"));
        int readsBefore = request.headerReads;
        request.variables.put("id", "1205");

        RoutingKeyResolver.Resolution second = resolver.rekey(first, request);

        assertThat(second.context()).isEqualTo(RoutingContext.ofKey("1205"));
        assertThat(request.headerReads).as("header sources asked again").isEqualTo(readsBefore);

        Request other = new Request("1005");
        other.headers.put("X-User-Id", "1025");
        RoutingKeyResolver.Resolution unmapped = resolver.resolve(other::header, other);
        other.variables.put("id", "1005");
        assertThat(resolver.rekey(unmapped, other).problem()).isInstanceOf(AmbiguousKeyException.class)
                .hasMessageContaining("'1025' from header:X-User-Id disagrees with path-variable:id, which gives '1005'");
    }

    @Test
    void rekeyAfterTheKeySourcesRefusedTheRequestRefusesItAgain() {
        Request request = new Request("1205");
        request.headers.put("X-User-Id", "");
        RoutingKeyResolver.Resolution first = resolver.resolve(request::header, request);
        assertThat(first.problem()).isInstanceOf(MalformedKeyException.class);
        request.variables.put("id", "1205");

        assertThat(resolver.rekey(first, request).problem()).isInstanceOf(MalformedKeyException.class)
                .hasMessageContaining("from header:X-User-Id is empty");
    }

    @Test
    void anExtractorBeanIsAskedAgainAndFindsAKeyKnownOnlyAfterTheFilter() {
        // Stands for a key the filter cannot know yet, such as the user Spring Security authenticates later.
        AtomicReference<String> authenticated = new AtomicReference<>();
        RoutingKeyResolver beanFirst = new RoutingKeyResolver(codec,
                KeyChain.parse(List.of("bean:user", "header:X-User-Id"), Map.of("user", r -> authenticated.get())),
                "[bean:user, header:X-User-Id]");
        Request request = new Request("1205");
        RoutingKeyResolver.Resolution inFilter = beanFirst.resolve(request::header, request);
        assertThat(inFilter.context()).isNull();

        authenticated.set("1205");
        RoutingKeyResolver.Resolution inInterceptor = beanFirst.rekey(inFilter, request);

        assertThat(inInterceptor.problem()).isNull();
        assertThat(inInterceptor.context()).isEqualTo(RoutingContext.ofKey("1205"));
    }
}
