package io.unitrouter.boot.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrouter.core.Access;
import io.unitrouter.core.MalformedKeyException;
import io.unitrouter.core.Scope;
import io.unitrouter.core.context.ContextVerificationException.Reason;
import io.unitrouter.core.context.ContextVerificationException;
import io.unitrouter.core.context.RoutingContext;
import io.unitrouter.core.context.RoutingHeaderCodec;
import io.unitrouter.core.key.KeySources;
import io.unitrouter.core.key.RequestView;
import io.unitrouter.core.request.Refusal;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.spring.TestRules;
import io.unitrouter.spring.autoconfigure.ProtectionMode;
import io.unitrouter.spring.autoconfigure.UnitRouterProperties.DefaultScope;
import io.unitrouter.spring.autoconfigure.UnitRouterProperties;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

/**
 * Every verdict of the inbound guard, on the reference rules: key 1205 is shard 5 (rz01), 1225 shard 25 (rz02),
 * 1245 shard 45 (rz03); gz01 is the active GZone, gz02 its standby; czhz is the CZone of hz (rz01, rz02, gz01).
 */
class InboundGuardTest {

    static final EndpointScope UNIT = new EndpointScope(Scope.UNIT, AccessMode.AUTO, true);
    static final EndpointScope GLOBAL = new EndpointScope(Scope.GLOBAL, AccessMode.AUTO, true);
    static final EndpointScope CITY = new EndpointScope(Scope.CITY, AccessMode.AUTO, true);
    static final String SECRET = "0123456789abcdef0123456789abcdef-guard";

    static final UnitRouter RZ01 = TestRules.router("rz01");
    static final UnitRouter RZ03 = TestRules.router("rz03");
    static final UnitRouter GZ01 = TestRules.router("gz01");
    static final UnitRouter GZ02 = TestRules.router("gz02");
    static final UnitRouter CZHZ = TestRules.router("czhz");

    final List<Verdict> heard = new CopyOnWriteArrayList<>();

    InboundGuard guard(UnitRouter router) {
        return guard(router, new UnitRouterProperties.Protection());
    }

    InboundGuard guard(UnitRouter router, UnitRouterProperties.Protection protection) {
        return new InboundGuard(router, protection, "[header:X-User-Id]", List.of(heard::add));
    }

    static UnitRouterProperties.Protection protection(ProtectionMode mode) {
        UnitRouterProperties.Protection protection = new UnitRouterProperties.Protection();
        protection.setMode(mode);
        return protection;
    }

    static InboundRequest keyed(String key, EndpointScope scope, String method) {
        return new InboundRequest(RoutingContext.ofKey(key), null, scope, method);
    }

    static InboundRequest unkeyed(EndpointScope scope, String method) {
        return new InboundRequest(null, null, scope, method);
    }

    @Test
    void needsARouterWithALocalCell() {
        assertThatThrownBy(() -> guard(TestRules.router(null))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("local cell");
    }

    @Test
    void modeIsTheConfiguredOne() {
        assertThat(guard(RZ01).mode()).isEqualTo(ProtectionMode.REJECT);
        assertThat(guard(RZ01, protection(ProtectionMode.OBSERVE)).mode()).isEqualTo(ProtectionMode.OBSERVE);
    }

    @Nested
    class UnitScope {

        @Test
        void ownersKeyIsServedLocally() {
            Verdict verdict = guard(RZ01).check(keyed("1205", UNIT, "GET"));
            assertThat(verdict.outcome()).isEqualTo(Outcome.LOCAL);
            assertThat(verdict.refused()).isFalse();
            assertThat(verdict.outcome().servedHere()).isTrue();
            assertThat(verdict.decision().cell()).isEqualTo("rz01");
            assertThat(verdict.decision().shard()).isEqualTo(5);
            assertThat(verdict.headers()).isEmpty();
        }

        @Test
        void anotherCellsKeyIsMisdirectedWith421NamingTheOwner() {
            Verdict verdict = guard(RZ01).check(keyed("1245", UNIT, "POST"));
            assertThat(verdict.outcome()).isEqualTo(Outcome.MISDIRECTED);
            assertThat(verdict.refused()).isTrue();
            assertThat(verdict.outcome().status()).isEqualTo(421);
            assertThat(verdict.headers()).containsExactly(Map.entry("X-Unit-Cell", "rz03"),
                    Map.entry("X-Unit-Epoch", "42"));
            assertThat(verdict.detail()).contains("'1245'").contains("shard 45").contains("cell rz03")
                    .contains("epoch 42");
            ProblemDetail problem = verdict.problem();
            assertThat(problem.getStatus()).isEqualTo(421);
            assertThat(problem.getTitle()).isEqualTo(Refusal.MISDIRECTED.title());
            assertThat(problem.getType()).isEqualTo(URI.create("https://unit-router.io/problems/misdirected"));
            assertThat(problem.getDetail()).isEqualTo(verdict.detail());
            assertThat(problem.getProperties()).containsEntry("cell", "rz03").containsEntry("epoch", 42L)
                    .containsEntry("shard", 45);
        }

        @Test
        void forwardModeForwardsWhileHopsRemain() {
            Verdict verdict = guard(RZ01, protection(ProtectionMode.FORWARD)).check(keyed("1245", UNIT, "GET"));
            assertThat(verdict.outcome()).isEqualTo(Outcome.FORWARDED);
            assertThat(verdict.refused()).isFalse();
            assertThat(verdict.outcome().servedHere()).isFalse();
            assertThat(verdict.decision().cell()).isEqualTo("rz03");
        }

        @Test
        void forwardedVerdictIsReportedOnlyOnceTheCallerKnowsWhatBecameOfIt() {
            InboundGuard guard = guard(RZ01, protection(ProtectionMode.FORWARD));
            Verdict verdict = guard.check(keyed("1245", UNIT, "GET"));
            assertThat(verdict.outcome()).isEqualTo(Outcome.FORWARDED);
            assertThat(heard).isEmpty();

            Verdict unreachable = verdict.notForwarded();
            guard.report(unreachable);
            assertThat(heard).containsExactly(unreachable);
        }

        @Test
        void notForwardedIsA421NamingTheUnreachableOwner() {
            Verdict verdict = guard(RZ01, protection(ProtectionMode.FORWARD)).check(keyed("1245", UNIT, "GET"));

            Verdict unreachable = verdict.notForwarded();

            assertThat(unreachable.outcome()).isEqualTo(Outcome.MISDIRECTED);
            assertThat(unreachable.outcome().status()).isEqualTo(421);
            assertThat(unreachable.detail()).startsWith(verdict.detail())
                    .endsWith("; no instance of cell rz03 could be reached to forward to");
            assertThat(unreachable.headers()).containsEntry("X-Unit-Cell", "rz03");
            assertThatThrownBy(unreachable::notForwarded).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not MISDIRECTED");
        }

        @Test
        void forwardModeRefusesOnceTheHopsAreUsedUp() {
            RoutingContext forwardedOnce = RoutingContext.ofKey("1245").forwarded();
            Verdict verdict = guard(RZ01, protection(ProtectionMode.FORWARD))
                    .check(new InboundRequest(forwardedOnce, null, UNIT, "GET"));
            assertThat(verdict.outcome()).isEqualTo(Outcome.MISDIRECTED);
            assertThat(verdict.outcome().status()).isEqualTo(421);
            assertThat(verdict.detail()).contains("not forwarded again after 1 hop(s)");
            assertThat(verdict.headers()).containsEntry("X-Unit-Cell", "rz03");
        }

        @Test
        void forwardModeAllowsAsManyHopsAsConfigured() {
            UnitRouterProperties.Protection protection = protection(ProtectionMode.FORWARD);
            protection.setMaxHops(2);
            RoutingContext forwardedOnce = RoutingContext.ofKey("1245").forwarded();
            assertThat(guard(RZ01, protection).check(new InboundRequest(forwardedOnce, null, UNIT, "GET"))
                    .outcome()).isEqualTo(Outcome.FORWARDED);
            assertThat(guard(RZ01, protection).check(new InboundRequest(forwardedOnce.forwarded(), null, UNIT,
                    "GET")).outcome()).isEqualTo(Outcome.MISDIRECTED);
        }

        @Test
        void observeModeServesAnotherCellsKeyHere() {
            Verdict verdict = guard(RZ01, protection(ProtectionMode.OBSERVE)).check(keyed("1245", UNIT, "POST"));
            assertThat(verdict.outcome()).isEqualTo(Outcome.OBSERVED);
            assertThat(verdict.refused()).isFalse();
            assertThat(verdict.outcome().servedHere()).isTrue();
            assertThat(verdict.decision().cell()).isEqualTo("rz03");
        }

        @Test
        void writeToAFrozenShardIsRefusedWith503AndRetryAfter() {
            UnitRouter router = TestRules.router(TestRules.threeCitiesWith("frozen: []", "frozen: [\"0-9\"]"),
                    "rz01");
            UnitRouterProperties.Protection protection = new UnitRouterProperties.Protection();
            protection.setRetryAfter(Duration.ofSeconds(5));
            Verdict verdict = guard(router, protection).check(keyed("1205", UNIT, "PUT"));
            assertThat(verdict.outcome()).isEqualTo(Outcome.FROZEN);
            assertThat(verdict.outcome().status()).isEqualTo(503);
            assertThat(verdict.retryAfter()).isEqualTo(Duration.ofSeconds(5));
            assertThat(verdict.headers()).containsExactly(Map.entry("Retry-After", "5"));
            assertThat(verdict.detail()).contains("shard 5 is frozen");
            ProblemDetail problem = verdict.problem();
            assertThat(problem.getTitle()).isEqualTo(Refusal.FROZEN.title());
            assertThat(problem.getProperties()).containsEntry("cell", "rz01").containsEntry("shard", 5);
        }

        @Test
        void retryAfterIsAtLeastOneSecond() {
            UnitRouter router = TestRules.router(TestRules.threeCitiesWith("frozen: []", "frozen: [\"0-9\"]"),
                    "rz01");
            UnitRouterProperties.Protection protection = new UnitRouterProperties.Protection();
            protection.setRetryAfter(Duration.ofMillis(200));
            assertThat(guard(router, protection).check(keyed("1205", UNIT, "DELETE")).headers())
                    .containsEntry("Retry-After", "1");
        }

        @Test
        void readOfAFrozenShardIsServed() {
            UnitRouter router = TestRules.router(TestRules.threeCitiesWith("frozen: []", "frozen: [\"0-9\"]"),
                    "rz01");
            Verdict verdict = guard(router).check(keyed("1205", UNIT, "GET"));
            assertThat(verdict.outcome()).isEqualTo(Outcome.LOCAL);
            assertThat(verdict.decision().frozen()).isTrue();
        }

        @Test
        void declaredReadPostOnAFrozenShardIsServed() {
            UnitRouter router = TestRules.router(TestRules.threeCitiesWith("frozen: []", "frozen: [\"0-9\"]"),
                    "rz01");
            EndpointScope readOnly = new EndpointScope(Scope.UNIT, AccessMode.READ, true);
            assertThat(guard(router).check(keyed("1205", readOnly, "POST")).outcome()).isEqualTo(Outcome.LOCAL);
        }

        @Test
        void missingKeyOnAUnitScopedEndpointIs400NamingTheKeySources() {
            Verdict verdict = guard(RZ01).check(unkeyed(UNIT, "GET"));
            assertThat(verdict.outcome()).isEqualTo(Outcome.MISSING_KEY);
            assertThat(verdict.outcome().status()).isEqualTo(400);
            assertThat(verdict.decision()).isNull();
            assertThat(verdict.detail()).contains("needs a routing key").contains("[header:X-User-Id]");
            assertThat(verdict.problem().getTitle()).isEqualTo(Refusal.MISSING_KEY.title());
            assertThat(verdict.headers()).isEmpty();
        }

        @Test
        void contextWithoutAKeyCountsAsMissing() {
            RoutingContext cellOnly = new RoutingContext(null, -1, 42, "rz01", 0);
            assertThat(guard(RZ01).check(new InboundRequest(cellOnly, null, UNIT, "GET")).outcome())
                    .isEqualTo(Outcome.MISSING_KEY);
        }

        @Test
        void malformedKeyIs400() {
            MalformedKeyException problem = new MalformedKeyException("12 05", "contains a space");
            Verdict verdict = guard(RZ01).check(new InboundRequest(null, problem, UNIT, "GET"));
            assertThat(verdict.outcome()).isEqualTo(Outcome.MALFORMED);
            assertThat(verdict.outcome().status()).isEqualTo(400);
            assertThat(verdict.detail()).isEqualTo(problem.getMessage());
            assertThat(verdict.problem().getTitle()).isEqualTo(Refusal.MALFORMED_KEY.title());
        }

        @Test
        void keyThatDoesNotFitTheShardFunctionIs400() {
            Verdict verdict = guard(RZ01).check(keyed("alice", UNIT, "GET"));
            assertThat(verdict.outcome()).isEqualTo(Outcome.MALFORMED);
            assertThat(verdict.outcome().status()).isEqualTo(400);
            assertThat(verdict.detail()).contains("'alice'");
        }
    }

    @Nested
    class Headers {

        final RoutingKeyResolver resolver = new RoutingKeyResolver(RoutingHeaderCodec.signed(SECRET),
                KeySources.parse("header:X-User-Id"), "[header:X-User-Id]");

        Verdict check(Map<String, String> headers) {
            RoutingKeyResolver.Resolution resolution = resolver.resolve(headers::get, new MapRequest(headers));
            return guard(RZ01).check(new InboundRequest(resolution.context(), resolution.problem(), UNIT, "GET"));
        }

        @Test
        void validSignedHeadersAreJudgedByTheirKey() {
            Map<String, String> headers = RoutingHeaderCodec.signed(SECRET).encode(RoutingContext.ofKey("1205"));
            assertThat(check(headers).outcome()).isEqualTo(Outcome.LOCAL);
        }

        @Test
        void unsignedHeadersAre401() {
            Map<String, String> headers = RoutingHeaderCodec.unsigned().encode(RoutingContext.ofKey("1205"));
            Verdict verdict = check(headers);
            assertThat(verdict.outcome()).isEqualTo(Outcome.UNSIGNED);
            assertThat(verdict.outcome().status()).isEqualTo(401);
            assertThat(verdict.problem().getTitle()).isEqualTo(Refusal.UNSIGNED.title());
            assertThat(verdict.decision()).isNull();
        }

        @Test
        void headersSignedWithAnotherSecretAre403() {
            Map<String, String> headers = RoutingHeaderCodec.signed("another-secret-0123456789abcdef0123456")
                    .encode(RoutingContext.ofKey("1205"));
            Verdict verdict = check(headers);
            assertThat(verdict.outcome()).isEqualTo(Outcome.BAD_SIGNATURE);
            assertThat(verdict.outcome().status()).isEqualTo(403);
            assertThat(verdict.problem().getTitle()).isEqualTo(Refusal.BAD_SIGNATURE.title());
        }

        @Test
        void alteredHeadersAre403() {
            Map<String, String> headers = new HashMap<>(RoutingHeaderCodec.signed(SECRET)
                    .encode(RoutingContext.ofKey("1245")));
            headers.put("X-Unit-Key", "1205");
            assertThat(check(headers).outcome()).isEqualTo(Outcome.BAD_SIGNATURE);
        }

        @Test
        void malformedHeaderIs400() {
            Verdict verdict = check(Map.of("X-Unit-Key", "1205", "X-Unit-Shard", "five"));
            assertThat(verdict.outcome()).isEqualTo(Outcome.MALFORMED_CONTEXT);
            assertThat(verdict.outcome().status()).isEqualTo(400);
            assertThat(verdict.detail()).contains("X-Unit-Shard");
        }

        @Test
        void headerProblemsAreRefusedEvenOnNormalEndpoints() {
            ContextVerificationException unsigned = new ContextVerificationException(Reason.UNSIGNED, "unsigned");
            assertThat(guard(RZ01).check(new InboundRequest(null, unsigned, EndpointScope.NORMAL, "GET")).outcome())
                    .isEqualTo(Outcome.UNSIGNED);
        }
    }

    @Nested
    class DefaultScopes {

        @Test
        void keyedDefaultGuardsAnUnannotatedEndpointWhenTheRequestHasAKey() {
            Verdict verdict = guard(RZ01).check(keyed("1245", EndpointScope.UNDECLARED, "GET"));
            assertThat(verdict.outcome()).isEqualTo(Outcome.MISDIRECTED);
            assertThat(verdict.decision().cell()).isEqualTo("rz03");
            assertThat(guard(RZ01).check(keyed("1205", EndpointScope.UNDECLARED, "GET")).outcome())
                    .isEqualTo(Outcome.LOCAL);
        }

        @Test
        void keyedDefaultServesAnUnannotatedEndpointWithoutAKeyAnywhere() {
            Verdict verdict = guard(RZ01).check(unkeyed(EndpointScope.UNDECLARED, "POST"));
            assertThat(verdict.outcome()).isEqualTo(Outcome.UNROUTED);
            assertThat(verdict.refused()).isFalse();
            assertThat(verdict.outcome().servedHere()).isTrue();
            assertThat(verdict.decision()).isNull();
        }

        @Test
        void keyedDefaultRefusesAnUnannotatedEndpointWithAMalformedKey() {
            MalformedKeyException problem = new MalformedKeyException("12 05", "contains a space");
            assertThat(guard(RZ01).check(new InboundRequest(null, problem, EndpointScope.UNDECLARED, "GET"))
                    .outcome()).isEqualTo(Outcome.MALFORMED);
        }

        @Test
        void normalDefaultServesAnUnannotatedEndpointWithAnotherCellsKey() {
            UnitRouterProperties.Protection protection = new UnitRouterProperties.Protection();
            protection.setDefaultScope(DefaultScope.NORMAL);
            assertThat(guard(RZ01, protection).check(keyed("1245", EndpointScope.UNDECLARED, "GET")).outcome())
                    .isEqualTo(Outcome.UNROUTED);
        }

        @Test
        void normalScopedEndpointIsServedWhateverTheKey() {
            assertThat(guard(RZ01).check(keyed("1245", EndpointScope.NORMAL, "POST")).outcome())
                    .isEqualTo(Outcome.UNROUTED);
        }
    }

    @Nested
    class GlobalScope {

        @Test
        void activeGZoneServesGlobalReadsAndWrites() {
            assertThat(guard(GZ01).check(unkeyed(GLOBAL, "GET")).outcome()).isEqualTo(Outcome.LOCAL);
            Verdict write = guard(GZ01).check(unkeyed(GLOBAL, "POST"));
            assertThat(write.outcome()).isEqualTo(Outcome.LOCAL);
            assertThat(write.decision().scope()).isEqualTo(Scope.GLOBAL);
            assertThat(write.decision().access()).isEqualTo(Access.WRITE);
        }

        @Test
        void rZoneSendsGlobalRequestsToTheActiveGZone() {
            Verdict verdict = guard(RZ01).check(keyed("1205", GLOBAL, "GET"));
            assertThat(verdict.outcome()).isEqualTo(Outcome.MISDIRECTED);
            assertThat(verdict.headers()).containsEntry("X-Unit-Cell", "gz01");
            assertThat(verdict.detail()).contains("global-scoped request belongs to GZONE cell gz01");
            assertThat(verdict.problem().getProperties()).containsEntry("cell", "gz01").doesNotContainKey("shard");
        }

        @Test
        void standbyGZoneSendsGlobalRequestsToTheActiveOne() {
            assertThat(guard(GZ02).check(unkeyed(GLOBAL, "GET")).decision().cell()).isEqualTo("gz01");
            assertThat(guard(GZ02).check(unkeyed(GLOBAL, "GET")).outcome()).isEqualTo(Outcome.MISDIRECTED);
        }
    }

    @Nested
    class CityScope {

        @Test
        void citysCZoneServesCityReads() {
            Verdict verdict = guard(CZHZ).check(unkeyed(CITY, "GET"));
            assertThat(verdict.outcome()).isEqualTo(Outcome.LOCAL);
            assertThat(verdict.decision().cell()).isEqualTo("czhz");
        }

        @Test
        void rZoneSendsCityReadsToItsCitysCZone() {
            Verdict verdict = guard(RZ01).check(unkeyed(CITY, "GET"));
            assertThat(verdict.outcome()).isEqualTo(Outcome.MISDIRECTED);
            assertThat(verdict.headers()).containsEntry("X-Unit-Cell", "czhz");
            assertThat(verdict.detail()).contains("city-scoped request belongs to CZONE cell czhz");
        }

        @Test
        void activeGZoneMayServeACityRead() {
            Verdict verdict = guard(GZ01).check(unkeyed(CITY, "GET"));
            assertThat(verdict.outcome()).isEqualTo(Outcome.LOCAL);
            assertThat(verdict.decision().cell()).isEqualTo("gz01");
            assertThat(verdict.detail()).contains("active GZone");
        }

        @Test
        void standbyGZoneDoesNotServeCityReads() {
            Verdict verdict = guard(GZ02).check(unkeyed(CITY, "GET"));
            assertThat(verdict.outcome()).isEqualTo(Outcome.MISDIRECTED);
            assertThat(verdict.decision().cell()).isEqualTo("gz01");
        }

        @Test
        void cityWithoutACZoneReadsFromTheActiveGZone() {
            Verdict verdict = guard(RZ03).check(unkeyed(CITY, "GET"));
            assertThat(verdict.outcome()).isEqualTo(Outcome.MISDIRECTED);
            assertThat(verdict.headers()).containsEntry("X-Unit-Cell", "gz01");
        }

        @Test
        void cityWritesGoToTheActiveGZone() {
            Verdict fromCZone = guard(CZHZ).check(unkeyed(CITY, "POST"));
            assertThat(fromCZone.outcome()).isEqualTo(Outcome.MISDIRECTED);
            assertThat(fromCZone.headers()).containsEntry("X-Unit-Cell", "gz01");
            Verdict inGZone = guard(GZ01).check(unkeyed(CITY, "POST"));
            assertThat(inGZone.outcome()).isEqualTo(Outcome.LOCAL);
            assertThat(inGZone.decision().cell()).isEqualTo("gz01");
        }

        @Test
        void declaredWriteIsAWriteWhateverTheMethod() {
            EndpointScope write = new EndpointScope(Scope.CITY, AccessMode.WRITE, true);
            assertThat(guard(CZHZ).check(unkeyed(write, "GET")).decision().cell()).isEqualTo("gz01");
        }
    }

    @Nested
    class Listeners {

        @Test
        void everyListenerHearsEachVerdictOnce() {
            List<Verdict> second = new CopyOnWriteArrayList<>();
            InboundGuard guard = new InboundGuard(RZ01, new UnitRouterProperties.Protection(), "[header:X-User-Id]",
                    List.of(heard::add, second::add));
            Verdict local = guard.check(keyed("1205", UNIT, "GET"));
            Verdict misdirected = guard.check(keyed("1245", UNIT, "GET"));
            Verdict missing = guard.check(unkeyed(UNIT, "GET"));
            assertThat(heard).containsExactly(local, misdirected, missing);
            assertThat(second).containsExactly(local, misdirected, missing);
        }

        @Test
        void listenersHearObservedVerdictsToo() {
            Verdict observed = guard(RZ01, protection(ProtectionMode.OBSERVE)).check(keyed("1245", UNIT, "GET"));
            assertThat(heard).containsExactly(observed);
            assertThat(observed.outcome()).isEqualTo(Outcome.OBSERVED);
        }
    }

    /** A request carrying only headers. */
    record MapRequest(Map<String, String> headers) implements RequestView {
        @Override
        public String header(String name) {
            return headers.get(name);
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
            return "/accounts";
        }
    }
}
