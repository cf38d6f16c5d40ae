package io.unitrouter.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.store.InMemoryRuleStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a router following a store logs about rule changes: one line per event. A rejection used to be logged
 * by the store and again by the router, and every epoch was announced as "in force" twice, once by the store
 * (even when the router then refused it) and once by the router.
 */
class RuleLoggingTest {

    private final Logger logger = Logger.getLogger("io.unitrouter");
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level previousLevel;

    @BeforeEach
    void capture() {
        previousLevel = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.addHandler(capture);
    }

    @AfterEach
    void release() {
        logger.removeHandler(capture);
        logger.setLevel(previousLevel);
    }

    @Test
    void aRejectedDocumentIsLoggedOnceNotByBothStoreAndRouter() {
        InMemoryRuleStore store = new InMemoryRuleStore(TestRules.threeCities());
        try (UnitRouter router = UnitRouter.builder().ruleStore(store).localCell("rz01").build()) {
            records.clear();

            assertThat(store.publishText("epoch: 43\nthis is not a rule document")).isFalse();

            assertThat(router.lastRejection()).isPresent();
            assertThat(messages(Level.WARNING)).hasSize(1);
        }
    }

    @Test
    void aNewEpochIsAnnouncedOnceByTheRouterThatAppliedIt() {
        InMemoryRuleStore store = new InMemoryRuleStore(TestRules.threeCities());
        try (UnitRouter router = UnitRouter.builder().ruleStore(store).localCell("rz01").build()) {
            records.clear();

            assertThat(store.publishText(TestRules.threeCitiesTextWith("epoch: 42", "epoch: 43"))).isTrue();

            assertThat(router.table().epoch()).isEqualTo(43);
            assertThat(messages(Level.INFO)).singleElement().asString()
                    .startsWith("unit-router: epoch 43 in force (was 42)");
        }
    }

    private List<String> messages(Level level) {
        return records.stream().filter(r -> r.getLevel().equals(level)).map(LogRecord::getMessage).toList();
    }
}
