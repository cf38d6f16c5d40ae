package io.unitrouter.boot.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.unitrouter.boot.context.RoutingContextHolder;
import io.unitrouter.boot.web.InboundGuard;
import io.unitrouter.boot.web.Outcome;
import io.unitrouter.boot.web.RoutingKeyResolver;
import io.unitrouter.boot.web.UnitScoped;
import io.unitrouter.boot.web.Verdict;
import io.unitrouter.core.context.RoutingContext;
import io.unitrouter.core.context.RoutingHeaderCodec;
import io.unitrouter.core.key.KeyChain;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.spring.TestRules;
import io.unitrouter.spring.autoconfigure.UnitRouterProperties;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The servlet filter and interceptor together, as Spring MVC runs them on one request: the filter reads the
 * routing headers before handler mapping, the interceptor judges the request once the path variables are known.
 * The routing context is verified once per request (the interceptor reuses what the filter verified), and every
 * check that verification and the path key make still refuses. Reference rules: user 1205 is shard 5 (rz01, the
 * local cell), 1225 shard 25 (rz02).
 */
class ScopeEnforcingInterceptorTest {

    static final String SECRET = "0123456789abcdef0123456789abcdef-interceptor";
    static final UnitRouter RZ01 = TestRules.router("rz01");

    final Instant now = Instant.parse("2026-12-04T09:00:00Z");
    final RoutingHeaderCodec codec = spy(RoutingHeaderCodec.signed(SECRET)
            .withClock(Clock.fixed(now, ZoneOffset.UTC)));
    final RoutingKeyResolver resolver = new RoutingKeyResolver(codec,
            KeyChain.parse(List.of("header:X-User-Id", "path-variable:id"), Map.of()), "[header:X-User-Id, path-variable:id]");
    final List<Verdict> verdicts = new CopyOnWriteArrayList<>();
    final InboundGuard guard = new InboundGuard(RZ01, new UnitRouterProperties.Protection(),
            resolver.description(), List.of(verdicts::add));
    final ScopeEnforcingInterceptor interceptor = new ScopeEnforcingInterceptor(guard, resolver, List::of, null);
    final RoutingContextFilter filter = new RoutingContextFilter(resolver);

    @AfterEach
    void clearContext() {
        RoutingContextHolder.clear();
    }

    /** The endpoint the requests are mapped to: unit-scoped, keyed by the {@code id} path variable. */
    static class Accounts {
        @UnitScoped
        public String balance(String id) {
            return "balance of " + id;
        }
    }

    /** A request whose path variable {@code id} is {@code pathKey}, as handler mapping will find it. */
    static MockHttpServletRequest request(String method, String pathKey, Map<String, String> headers) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/accounts/" + pathKey);
        headers.forEach(request::addHeader);
        return request;
    }

    Map<String, String> signedFor(String key, String method, String path, RoutingHeaderCodec signer) {
        return signer.encode(new RoutingContext(key, -1, RZ01.table().epoch(), "rz01", 0), method, path);
    }

    /** Runs the filter, then handler mapping's path variables, then the interceptor; answers whether it served. */
    boolean serve(MockHttpServletRequest request, String pathKey, boolean withFilter) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        HandlerMethod handler = new HandlerMethod(new Accounts(), Accounts.class.getMethod("balance", String.class));
        boolean[] served = new boolean[1];
        Servlet dispatcher = new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse res) throws ServletException {
                req.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of("id", pathKey));
                try {
                    served[0] = interceptor.preHandle(req, res, handler);
                } catch (Exception e) {
                    throw new ServletException(e);
                }
            }
        };
        if (withFilter) {
            filter.doFilter(request, response, new MockFilterChain(dispatcher));
        } else {
            dispatcher.service(request, response);
        }
        return served[0];
    }

    Outcome lastOutcome() {
        assertThat(verdicts).isNotEmpty();
        return verdicts.get(verdicts.size() - 1).outcome();
    }

    @Test
    void aContextSignedForTheRequestIsVerifiedOnceThoughTheKeyIsLookedForAgainInThePath() throws Exception {
        MockHttpServletRequest request = request("GET", "1205", signedFor("1205", "GET", "/accounts/1205", codec));

        assertThat(serve(request, "1205", true)).isTrue();

        assertThat(lastOutcome()).isEqualTo(Outcome.LOCAL);
        verify(codec, times(1)).decode(any(), anyString(), anyString());
    }

    @Test
    void aPathKeyThatDisagreesWithTheVerifiedContextIsStillRefused() throws Exception {
        // Genuine, and signed for this very request, but for user 1205 on user 1225's path.
        MockHttpServletRequest request = request("GET", "1225", signedFor("1205", "GET", "/accounts/1225", codec));

        assertThat(serve(request, "1225", true)).isFalse();

        assertThat(lastOutcome()).isEqualTo(Outcome.KEY_MISMATCH);
        verify(codec, times(1)).decode(any(), anyString(), anyString());
    }

    @Test
    void aHeaderKeyThatDisagreesWithThePathKeyIsStillRefusedWithoutAContext() throws Exception {
        MockHttpServletRequest request = request("GET", "1225", Map.of("X-User-Id", "1205"));

        assertThat(serve(request, "1225", true)).isFalse();

        assertThat(lastOutcome()).isEqualTo(Outcome.AMBIGUOUS_KEY);
    }

    @Test
    void aForgedContextIsStillRefusedWhenTheKeyIsInThePath() throws Exception {
        RoutingHeaderCodec forger = RoutingHeaderCodec.signed("another-secret-0123456789abcdef0123456")
                .withClock(Clock.fixed(now, ZoneOffset.UTC));
        MockHttpServletRequest request = request("GET", "1205", signedFor("1205", "GET", "/accounts/1205", forger));

        assertThat(serve(request, "1205", true)).isFalse();

        assertThat(lastOutcome()).isEqualTo(Outcome.BAD_SIGNATURE);
        verify(codec, times(1)).decode(any(), anyString(), anyString());
    }

    @Test
    void aContextReplayedOntoAnotherRequestIsStillRefused() throws Exception {
        Map<String, String> forARead = signedFor("1205", "GET", "/accounts/1205", codec);

        assertThat(serve(request("POST", "1205", forARead), "1205", true)).isFalse();

        assertThat(lastOutcome()).isEqualTo(Outcome.BAD_SIGNATURE);
    }

    @Test
    void anExpiredContextIsStillRefused() throws Exception {
        RoutingHeaderCodec earlier = RoutingHeaderCodec.signed(SECRET)
                .withClock(Clock.fixed(now.minus(Duration.ofMinutes(5)), ZoneOffset.UTC));
        MockHttpServletRequest request = request("GET", "1205", signedFor("1205", "GET", "/accounts/1205", earlier));

        assertThat(serve(request, "1205", true)).isFalse();

        assertThat(lastOutcome()).isEqualTo(Outcome.BAD_SIGNATURE);
    }

    @Test
    void anUnsignedContextIsStillRefused() throws Exception {
        MockHttpServletRequest request = request("GET", "1205",
                signedFor("1205", "GET", "/accounts/1205", RoutingHeaderCodec.unsigned()));

        assertThat(serve(request, "1205", true)).isFalse();

        assertThat(lastOutcome()).isEqualTo(Outcome.UNSIGNED);
    }

    @Test
    void withoutTheFilterTheInterceptorReadsAndVerifiesTheHeadersItself() throws Exception {
        assertThat(serve(request("GET", "1205", signedFor("1205", "GET", "/accounts/1205", codec)), "1205", false))
                .isTrue();
        assertThat(lastOutcome()).isEqualTo(Outcome.LOCAL);
        verify(codec, times(1)).decode(any(), anyString(), anyString());

        RoutingHeaderCodec forger = RoutingHeaderCodec.signed("another-secret-0123456789abcdef0123456")
                .withClock(Clock.fixed(now, ZoneOffset.UTC));
        assertThat(serve(request("GET", "1205", signedFor("1205", "GET", "/accounts/1205", forger)), "1205", false))
                .isFalse();
        assertThat(lastOutcome()).isEqualTo(Outcome.BAD_SIGNATURE);
    }

    @Test
    void aPathKeyAloneIsFoundAfterHandlerMapping() throws Exception {
        assertThat(serve(request("GET", "1225", Map.of()), "1225", true)).isFalse();

        assertThat(lastOutcome()).isEqualTo(Outcome.MISDIRECTED);
        assertThat(verdicts.get(verdicts.size() - 1).decision().cell()).isEqualTo("rz02");
    }

    /** What the interceptor left behind: the resolution attribute before and after it, and the thread's context. */
    record Left(Object before, Object after, RoutingContext context, boolean served) {
    }

    Left resolutionLeft(MockHttpServletRequest request, String pathKey) throws Exception {
        HandlerMethod handler = new HandlerMethod(new Accounts(), Accounts.class.getMethod("balance", String.class));
        Left[] left = new Left[1];
        filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse res) throws ServletException {
                req.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of("id", pathKey));
                Object before = req.getAttribute(RoutingContextFilter.RESOLUTION_ATTRIBUTE);
                try {
                    boolean served = interceptor.preHandle(req, res, handler);
                    left[0] = new Left(before, req.getAttribute(RoutingContextFilter.RESOLUTION_ATTRIBUTE),
                            RoutingContextHolder.get(), served);
                } catch (Exception e) {
                    throw new ServletException(e);
                }
            }
        }));
        return left[0];
    }

    @Test
    void aPathKeyThatAgreesWithTheContextLeavesTheFiltersResolutionInPlace() throws Exception {
        Left left = resolutionLeft(request("GET", "1205", signedFor("1205", "GET", "/accounts/1205", codec)), "1205");

        assertThat(left.served()).isTrue();
        assertThat(left.after()).isSameAs(left.before());
        assertThat(left.context().key()).isEqualTo("1205");
    }

    @Test
    void aPathKeyFoundOnlyAfterHandlerMappingReplacesTheResolutionAndTheThreadsContext() throws Exception {
        Left left = resolutionLeft(request("GET", "1205", Map.of()), "1205");

        assertThat(left.served()).isTrue();
        assertThat(((RoutingKeyResolver.Resolution) left.before()).context()).isNull();
        assertThat(((RoutingKeyResolver.Resolution) left.after()).context()).isEqualTo(RoutingContext.ofKey("1205"));
        assertThat(left.context()).isEqualTo(RoutingContext.ofKey("1205"));
    }

    /**
     * Serves {@code request} for {@code first}'s path, then forwards it inside the application to {@code forwarded}'s
     * path, as {@code forward:} does: the filter runs once, the interceptor on both dispatches.
     *
     * @return whether the interceptor let each dispatch through
     */
    boolean[] serveThenForward(MockHttpServletRequest request, String first, String forwarded) throws Exception {
        HandlerMethod handler = new HandlerMethod(new Accounts(), Accounts.class.getMethod("balance", String.class));
        boolean[] served = new boolean[2];
        filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse res) throws ServletException {
                try {
                    req.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of("id", first));
                    served[0] = interceptor.preHandle(req, res, handler);
                    ((MockHttpServletRequest) req).setDispatcherType(DispatcherType.FORWARD);
                    req.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of("id", forwarded));
                    served[1] = interceptor.preHandle(req, new MockHttpServletResponse(), handler);
                } catch (Exception e) {
                    throw new ServletException(e);
                }
            }
        }));
        return served;
    }

    @Test
    void aForwardToAnotherUsersPathIsJudgedByTheKeyTheFilterReadOnce() throws Exception {
        // The header is read once, by the filter; a forward to another user's path is still checked against it.
        MockHttpServletRequest byHeader = request("GET", "1205", Map.of("X-User-Id", "1205"));
        assertThat(serveThenForward(byHeader, "1205", "1225")).containsExactly(true, false);
        assertThat(lastOutcome()).isEqualTo(Outcome.AMBIGUOUS_KEY);

        MockHttpServletRequest byContext = request("GET", "1205", signedFor("1205", "GET", "/accounts/1205", codec));
        assertThat(serveThenForward(byContext, "1205", "1225")).containsExactly(true, false);
        assertThat(lastOutcome()).isEqualTo(Outcome.KEY_MISMATCH);
    }
}
