package io.unitrouter.boot.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrouter.core.Access;
import io.unitrouter.core.RouteDecision;
import io.unitrouter.core.Scope;
import io.unitrouter.core.context.RoutingContext;
import io.unitrouter.core.context.RoutingHeaderCodec;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.spring.TestRules;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/** The routing headers of outgoing calls, from an instance in rz01 (city hz) on the reference rules. */
class OutboundRoutingTest {

    static final String SECRET = "0123456789abcdef0123456789abcdef-outbound";
    static final RoutingHeaderCodec SIGNED = RoutingHeaderCodec.signed(SECRET);
    static final UnitRouter RZ01 = TestRules.router("rz01");

    final List<RouteDecision> heard = new CopyOnWriteArrayList<>();
    final OutboundRouting routing = new OutboundRouting(RZ01, SIGNED, List.of(heard::add));
    static final String PATH = "/ledger/entries";
    final HttpHeaders headers = new HttpHeaders();

    RouteDecision apply(RoutingContext current, String method) {
        return apply(routing, current, method);
    }

    String method;

    RouteDecision apply(OutboundRouting routing, RoutingContext current, String method) {
        this.method = method;
        return routing.apply(current, method, PATH, headers::getFirst, headers::remove, headers::set);
    }

    /** The context the call carries, as read without checking its signature. */
    RoutingContext sent() {
        return RoutingHeaderCodec.unsigned().decode(headers::getFirst, method, PATH).orElseThrow();
    }

    /** The context the call carries, verified as the receiving cell would. */
    Optional<RoutingContext> verified() {
        return SIGNED.decode(headers::getFirst, method, PATH);
    }

    @Test
    void keyedCallCarriesSignedHeadersForTheKeysOwner() {
        RouteDecision decision = apply(RoutingContext.ofKey("1245"), "POST");
        assertThat(decision.cell()).isEqualTo("rz03");
        assertThat(decision.access()).isEqualTo(Access.WRITE);
        assertThat(sent().key()).isEqualTo("1245");
        assertThat(sent().shard()).isEqualTo(45);
        assertThat(sent().epoch()).isEqualTo(42);
        assertThat(sent().cell()).isEqualTo("rz03");
        assertThat(sent().hops()).isEqualTo(0);
        assertThat(headers.getFirst("X-Unit-Context")).contains(" sig=");
        assertThat(verified()).hasValue(new RoutingContext("1245", 45, 42, "rz03", 0));
    }

    @Test
    void readsAndWritesFollowTheHttpMethod() {
        assertThat(apply(RoutingContext.ofKey("1205"), "GET").access()).isEqualTo(Access.READ);
        assertThat(apply(RoutingContext.ofKey("1205"), "HEAD").access()).isEqualTo(Access.READ);
        assertThat(apply(RoutingContext.ofKey("1205"), "DELETE").access()).isEqualTo(Access.WRITE);
    }

    @Test
    void keyIsRoutedAfreshAgainstTheRulesInForce() {
        RoutingContext stale = new RoutingContext("1245", 45, 41, "rz01", 1);
        apply(stale, "GET");
        assertThat(sent().cell()).isEqualTo("rz03");
        assertThat(sent().epoch()).isEqualTo(42);
        assertThat(sent().hops()).isEqualTo(0);
    }

    @Test
    void unsignedCodecWritesNoSignature() {
        OutboundRouting unsigned = new OutboundRouting(RZ01, RoutingHeaderCodec.unsigned(), List.of());
        apply(unsigned, RoutingContext.ofKey("1245"), "GET");
        assertThat(sent().cell()).isEqualTo("rz03");
        assertThat(headers.getFirst("X-Unit-Context")).doesNotContain("sig=");
    }

    @Test
    void globalScopeHeaderTargetsTheActiveGZone() {
        headers.set("X-Unit-Scope", "global");
        RouteDecision decision = apply(null, "POST");
        assertThat(decision.cell()).isEqualTo("gz01");
        assertThat(decision.scope()).isEqualTo(Scope.GLOBAL);
        assertThat(sent().cell()).isEqualTo("gz01");
        assertThat(sent().shard()).isEqualTo(-1);
        assertThat(sent().hasKey()).isFalse();
        assertThat(headers.containsHeader("X-Unit-Scope")).as("the scope header is not sent").isFalse();
        assertThat(verified()).map(RoutingContext::cell).hasValue("gz01");
    }

    @Test
    void globalScopeKeepsTheKeyOfTheCurrentContext() {
        headers.set("X-Unit-Scope", "global");
        apply(RoutingContext.ofKey("1245"), "GET");
        assertThat(sent().cell()).isEqualTo("gz01");
        assertThat(sent().key()).isEqualTo("1245");
        assertThat(sent().shard()).isEqualTo(-1);
    }

    @Test
    void scopeHeaderIsCaseInsensitiveAndTrimmed() {
        headers.set("X-Unit-Scope", " Global ");
        assertThat(apply(null, "GET").cell()).isEqualTo("gz01");
    }

    @Test
    void cityScopeHeaderTargetsTheCZoneOfThisInstancesCity() {
        headers.set("X-Unit-Scope", "city");
        RouteDecision decision = apply(null, "GET");
        assertThat(decision.cell()).isEqualTo("czhz");
        assertThat(decision.scope()).isEqualTo(Scope.CITY);
        assertThat(sent().cell()).isEqualTo("czhz");
    }

    @Test
    void cityScopedWritesTargetTheActiveGZone() {
        headers.set("X-Unit-Scope", "city");
        assertThat(apply(null, "PUT").cell()).isEqualTo("gz01");
    }

    @Test
    void cityScopeInACityWithoutACZoneTargetsTheActiveGZone() {
        headers.set("X-Unit-Scope", "city");
        OutboundRouting inSh = new OutboundRouting(TestRules.router("rz03"), SIGNED, List.of());
        assertThat(apply(inSh, null, "GET").cell()).isEqualTo("gz01");
    }

    @Test
    void cityScopeNeedsALocalCell() {
        headers.set("X-Unit-Scope", "city");
        OutboundRouting gateway = new OutboundRouting(TestRules.router(null), SIGNED, List.of());
        assertThatThrownBy(() -> apply(gateway, null, "GET")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unit-router.local-cell");
    }

    @Test
    void unitScopeHeaderRoutesTheKey() {
        headers.set("X-Unit-Scope", "unit");
        assertThat(apply(RoutingContext.ofKey("1225"), "GET").cell()).isEqualTo("rz02");
        assertThat(headers.containsHeader("X-Unit-Scope")).isFalse();
    }

    @Test
    void unknownScopeValueIsRefusedNamingIt() {
        headers.set("X-Unit-Scope", "planet");
        assertThatThrownBy(() -> apply(RoutingContext.ofKey("1205"), "GET"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'planet'")
                .hasMessageContaining("X-Unit-Scope");
        assertThat(heard).isEmpty();
    }

    @Test
    void callerSetRoutingHeadersAreReplaced() {
        headers.set("X-Unit-Key", "9999");
        headers.set("X-Unit-Shard", "99");
        headers.set("X-Unit-Epoch", "7");
        headers.set("x-unit-cell", "rz05");
        headers.set("X-Unit-Hops", "3");
        headers.set("X-Unit-Signature", "v1:forged");
        headers.set("X-Unit-Context", "v2 h=0 t=1 k=9999");
        headers.set("X-Request-Id", "abc");
        OutboundRouting unsigned = new OutboundRouting(RZ01, RoutingHeaderCodec.unsigned(), List.of());
        apply(unsigned, RoutingContext.ofKey("1225"), "GET");
        assertThat(headers.headerNames()).containsExactlyInAnyOrder("X-Unit-Context", "X-Request-Id");
        assertThat(headers.get("X-Unit-Context")).hasSize(1);
        assertThat(sent()).isEqualTo(new RoutingContext("1225", 25, 42, "rz02", 0));
        assertThat(headers.getFirst("X-Request-Id")).isEqualTo("abc");
    }

    @Test
    void callWithoutContextCarriesNoRoutingHeaders() {
        headers.set("X-Unit-Cell", "rz05");
        headers.set("X-Request-Id", "abc");
        assertThat(apply(null, "POST")).isNull();
        assertThat(headers.headerNames()).containsExactly("X-Request-Id");
        assertThat(heard).isEmpty();
    }

    @Test
    void contextWithoutAKeyCarriesNoRoutingHeaders() {
        assertThat(apply(new RoutingContext(null, -1, 42, "rz02", 0), "GET")).isNull();
        assertThat(headers.isEmpty()).isTrue();
    }

    @Test
    void listenersAreToldOncePerRoutedCall() {
        List<RouteDecision> second = new CopyOnWriteArrayList<>();
        OutboundRouting twoListeners = new OutboundRouting(RZ01, SIGNED, List.of(heard::add, second::add));
        RouteDecision first = apply(twoListeners, RoutingContext.ofKey("1245"), "GET");
        apply(twoListeners, null, "GET");
        headers.set("X-Unit-Scope", "global");
        RouteDecision global = apply(twoListeners, null, "POST");
        assertThat(heard).containsExactly(first, global);
        assertThat(second).containsExactly(first, global);
    }
}
