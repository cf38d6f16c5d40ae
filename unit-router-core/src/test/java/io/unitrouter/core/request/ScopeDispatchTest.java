package io.unitrouter.core.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrouter.core.Access;
import io.unitrouter.core.MalformedKeyException;
import io.unitrouter.core.Scope;
import io.unitrouter.core.TestRules;
import io.unitrouter.core.routing.UnitRouter;
import org.junit.jupiter.api.Test;

class ScopeDispatchTest {

    private final UnitRouter router = UnitRouter.builder().rules(TestRules.threeCities()).build();

    @Test
    void eachScopeHasItsTarget() {
        assertThat(ScopeDispatch.decide(router, Scope.UNIT, "85", null, Access.WRITE).cell()).isEqualTo("rz05");
        assertThat(ScopeDispatch.decide(router, Scope.GLOBAL, null, null, Access.WRITE).cell()).isEqualTo("gz01");
        assertThat(ScopeDispatch.decide(router, Scope.CITY, null, "hz", Access.READ).cell()).isEqualTo("czhz");
        assertThat(ScopeDispatch.decide(router, null, "85", null, Access.READ)).isNull();
    }

    @Test
    void aGlobalOrCityRequestWithAKeyThatDoesNotFitTheShardFunctionWasForwardedSigned() {
        for (String key : new String[] {"abc", "-5"}) {
            assertThatThrownBy(() -> ScopeDispatch.decide(router, Scope.GLOBAL, key, null, Access.READ))
                    .isInstanceOf(MalformedKeyException.class);
            assertThatThrownBy(() -> ScopeDispatch.decide(router, Scope.CITY, key, "hz", Access.READ))
                    .isInstanceOf(MalformedKeyException.class);
        }
        assertThat(ScopeDispatch.decide(router, Scope.GLOBAL, "85", null, Access.READ).cell()).isEqualTo("gz01");
    }

    @Test
    void aUnitRequestNeedsAKeyAndACityRequestADeclaredCity() {
        assertThatThrownBy(() -> ScopeDispatch.decide(router, Scope.UNIT, null, null, Access.READ))
                .isInstanceOfSatisfying(RefusedRequestException.class,
                        e -> assertThat(e.refusal()).isEqualTo(Refusal.MISSING_KEY));
        assertThatThrownBy(() -> ScopeDispatch.decide(router, Scope.CITY, null, "atlantis", Access.READ))
                .isInstanceOfSatisfying(RefusedRequestException.class,
                        e -> assertThat(e.refusal()).isEqualTo(Refusal.UNKNOWN_CITY))
                .hasMessageContaining("city 'atlantis' is not declared");
        assertThatThrownBy(() -> ScopeDispatch.decide(router, Scope.CITY, null, null, Access.READ))
                .isInstanceOfSatisfying(RefusedRequestException.class,
                        e -> assertThat(e.refusal()).isEqualTo(Refusal.UNKNOWN_CITY));
    }
}
