package io.unitrouter.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.core.TestRules;
import io.unitrouter.core.store.InMemoryRuleStore;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InstanceIdTest {

    @Test
    void theHostNameIsTheOneThePlatformGives() throws Exception {
        String environment = System.getenv("HOSTNAME");
        String expected = environment != null && !environment.isBlank() ? environment
                : InetAddress.getLocalHost().getHostName();

        assertThat(DefaultUnitRouter.hostName()).isEqualTo(expected);
    }

    @Test
    void aRouterWithoutAnInstanceIdReportsUnderItsCellHostAndProcess() {
        InMemoryRuleStore store = new InMemoryRuleStore(TestRules.threeCities());

        try (UnitRouter router = UnitRouter.builder().ruleStore(store).localCell("rz01").heartbeat(Duration.ZERO)
                .build()) {
            assertThat(router.table().epoch()).isEqualTo(TestRules.threeCities().epoch());
            assertThat(store.appliedEpochs()).containsOnlyKeys(
                    "rz01@" + DefaultUnitRouter.hostName() + "#" + ProcessHandle.current().pid());
        }
    }
}
