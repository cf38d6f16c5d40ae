package io.unitrouter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.unitrouter.core.routing.UnitRouter;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Routing with 100,000 key overrides: every overridden key gets its own decision, every other key its shard's,
 * and a lookup allocates nothing (the budget is 0 B per route in every shape).
 */
class OverrideLookupTest {

    private static final List<String> KEYS = IntStream.range(0, 100_000)
            .mapToObj(i -> Long.toString(2_088_000_000_000L + 7L * i)).toList();

    @Test
    void everyOverriddenKeyHasOneDecisionPerAccessAndOtherKeysKeepTheirShards() {
        try (UnitRouter router = router()) {
            for (String key : KEYS) {
                RouteDecision write = router.route(key, Access.WRITE);
                assertThat(write.target().id()).isEqualTo("rz05");
                assertThat(write.overridden()).isTrue();
                assertThat(router.route(key, Access.WRITE)).isSameAs(write);
                assertThat(router.route(key, Access.READ).access()).isEqualTo(Access.READ);
            }
            String other = Long.toString(2_088_000_000_001L);
            assertThat(router.route(other, Access.WRITE).overridden()).isFalse();
            assertThat(router.route(other, Access.WRITE).target()).isEqualTo(router.table().ownerOf(other));
        }
    }

    /**
     * Overridden keys are looked up before the shard function runs: a key that only resembles one (a leading
     * zero, a sign, a space) must still meet the shard function and be refused when malformed.
     */
    @Test
    void keysThatOnlyResembleAnOverriddenKeyAreStillCheckedByTheShardFunction() {
        String overridden = KEYS.get(0);
        try (UnitRouter router = router()) {
            assertThat(router.route(overridden, Access.WRITE).overridden()).isTrue();
            assertThat(router.route("0" + overridden, Access.WRITE).overridden()).isFalse();
            for (String forged : List.of("-" + overridden, " " + overridden, overridden + " ", overridden + "x")) {
                assertThatThrownBy(() -> router.route(forged, Access.WRITE))
                        .as("key '%s'", forged).isInstanceOf(MalformedKeyException.class);
            }
        }
    }

    @Test
    void routingOverriddenAndOtherKeysAllocatesNothing() {
        assumeThat(ManagementFactory.getThreadMXBean()).isInstanceOf(com.sun.management.ThreadMXBean.class);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeThat(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()).isTrue();
        String[] keys = new String[1024];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = i % 2 == 0 ? KEYS.get(i * 97) : Long.toString(2_089_000_000_000L + 7919L * i);
        }
        try (UnitRouter router = router()) {
            // First use makes each shard's decision; after that a route only looks up.
            for (String key : keys) {
                router.route(key, Access.WRITE);
            }

            long before = threads.getCurrentThreadAllocatedBytes();
            int overridden = 0;
            for (int round = 0; round < 200; round++) {
                for (String key : keys) {
                    overridden += router.route(key, Access.WRITE).overridden() ? 1 : 0;
                }
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;

            assertThat(overridden).isEqualTo(200 * keys.length / 2);
            // 204,800 routes: even one small object per route would be megabytes.
            assertThat(allocated).as("bytes allocated by 204,800 routes").isLessThan(64 * 1024);
        }
    }

    private static UnitRouter router() {
        return UnitRouter.builder().rules(TestRules.threeCities().toBuilder().overrideKeys(KEYS, "rz05").build())
                .localCell("rz01").build();
    }
}
