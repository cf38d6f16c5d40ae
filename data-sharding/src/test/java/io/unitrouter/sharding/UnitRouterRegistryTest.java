package io.unitrouter.sharding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.sharding.support.TestRules;
import org.junit.jupiter.api.Test;

class UnitRouterRegistryTest {

    @Test
    void registeredRouterIsFoundUntilItsRegistrationCloses() {
        try (UnitRouter router = UnitRouter.builder().rules(TestRules.document()).localCell("rz01").build()) {
            UnitRouterRegistry.Registration registration = UnitRouterRegistry.register("registry-test", router);
            assertThat(UnitRouterRegistry.lookup("registry-test")).isSameAs(router);

            registration.close();
            registration.close();

            assertThat(UnitRouterRegistry.find("registry-test")).isEmpty();
        }
    }

    @Test
    void missingRouterIsReportedWithWhatToDo() {
        assertThatThrownBy(() -> UnitRouterRegistry.lookup("nobody")).isInstanceOf(UnitRouterException.class)
                .hasMessageStartingWith("no UnitRouter is registered under 'nobody'; call"
                        + " UnitRouterRegistry.register(\"nobody\", router) before opening the ShardingSphere DataSource");
    }

    @Test
    void secondRouterUnderATakenNameIsRefused() {
        try (UnitRouter first = UnitRouter.builder().rules(TestRules.document()).localCell("rz01").build();
                UnitRouter second = UnitRouter.builder().rules(TestRules.document()).localCell("rz02").build();
                UnitRouterRegistry.Registration registration = UnitRouterRegistry.register("taken", first)) {
            assertThatThrownBy(() -> UnitRouterRegistry.register("taken", second))
                    .hasMessageStartingWith("another UnitRouter is already registered under 'taken'");
            assertThat(UnitRouterRegistry.register("taken", first).name()).isEqualTo("taken");
            assertThat(registration.name()).isEqualTo("taken");
        }
    }
}
