package io.unitrouter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.spi.AppliedEpoch;
import io.unitrouter.core.store.InMemoryRuleStore;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A router on a rule store reports its applied epoch again every heartbeat, until it is closed. */
class HeartbeatTest {

    private static AppliedEpoch report(InMemoryRuleStore store) {
        return store.appliedEpochs().get("rz01@test");
    }

    @Test
    void aRunningRouterRenewsItsReportWithoutChangingWhenItApplied() {
        InMemoryRuleStore store = new InMemoryRuleStore(TestRules.threeCities());
        try (UnitRouter router = UnitRouter.builder().ruleStore(store).localCell("rz01").instanceId("rz01@test")
                .heartbeat(Duration.ofMillis(100)).build()) {
            AppliedEpoch first = report(store);

            await().atMost(Duration.ofSeconds(10)).until(() -> report(store).heartbeat().isAfter(first.heartbeat()));

            assertThat(report(store).at()).isEqualTo(first.at());
            assertThat(report(store).epoch()).isEqualTo(router.table().epoch());
        }
    }

    @Test
    void aClosedRouterStopsBeating() {
        InMemoryRuleStore store = new InMemoryRuleStore(TestRules.threeCities());
        UnitRouter router = UnitRouter.builder().ruleStore(store).localCell("rz01").instanceId("rz01@test")
                .heartbeat(Duration.ofMillis(100)).build();
        router.close();
        Instant last = report(store).heartbeat();

        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> report(store).heartbeat().equals(last));
    }

    @Test
    void aZeroHeartbeatReportsOnlyWhenApplying() {
        InMemoryRuleStore store = new InMemoryRuleStore(TestRules.threeCities());
        try (UnitRouter router = UnitRouter.builder().ruleStore(store).localCell("rz01").instanceId("rz01@test")
                .heartbeat(Duration.ZERO).build()) {
            Instant last = report(store).heartbeat();

            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                    .until(() -> report(store).heartbeat().equals(last));
            assertThat(router.table().epoch()).isEqualTo(42);
        }
    }

    @Test
    void aHeartbeatOutsideItsRangeIsRefused() {
        assertThatThrownBy(() -> UnitRouter.builder().heartbeat(Duration.ofMillis(10)))
                .hasMessage("heartbeat must be 100ms..1h or zero, was PT0.01S");
    }
}
