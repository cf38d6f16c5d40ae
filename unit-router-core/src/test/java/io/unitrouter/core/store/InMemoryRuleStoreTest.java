package io.unitrouter.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrouter.core.Access;
import io.unitrouter.core.TestRules;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import io.unitrouter.core.spi.RuleStoreException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryRuleStoreTest {

    private final RuleDocument epoch42 = TestRules.threeCities();

    @Test
    void emptyStoreFailsLoadWithAClearMessage() {
        assertThatThrownBy(() -> new InMemoryRuleStore().load()).isInstanceOf(RuleStoreException.class)
                .hasMessage("memory: holds no valid rule document");
    }

    @Test
    void routerFollowsPublishedDocuments() {
        InMemoryRuleStore store = new InMemoryRuleStore(epoch42);
        UnitRouter router = UnitRouter.builder().ruleStore(store).localCell("rz01").build();

        store.compareAndSet(42, epoch42.toBuilder().epoch(43).frozen(7).build());

        assertThat(router.table().epoch()).isEqualTo(43);
        assertThat(router.route("7", Access.WRITE).writeBlocked()).isTrue();
        assertThat(store.appliedEpochs().values()).singleElement()
                .satisfies(applied -> assertThat(applied.epoch()).isEqualTo(43));
    }

    @Test
    void invalidTextIsRejectedAndTheRouterKeepsItsRules() {
        InMemoryRuleStore store = new InMemoryRuleStore(epoch42);
        UnitRouter router = UnitRouter.builder().ruleStore(store).build();

        assertThat(store.publishText("epoch: 43\nshards: 0\n")).isFalse();

        assertThat(router.table().epoch()).isEqualTo(42);
        assertThat(router.lastRejection()).hasValueSatisfying(r -> assertThat(r.errors())
                .contains("shards must be 1..100000, was 0"));
    }

    @Test
    void routerRefusesRulesThatDropItsLocalCell() {
        InMemoryRuleStore store = new InMemoryRuleStore(epoch42);
        UnitRouter router = UnitRouter.builder().ruleStore(store).localCell("czhz").build();
        String withoutCzhz = """
                epoch: 43
                cities: [{id: hz, data-centers: [hz1]}]
                cells: [{id: rz01, kind: RZONE, data-center: hz1}]
                routing: [{shards: "0-99", cell: rz01}]
                """;

        assertThat(store.publishText(withoutCzhz)).isTrue();

        assertThat(router.table().epoch()).isEqualTo(42);
        assertThat(router.lastRejection()).hasValueSatisfying(r -> assertThat(r.errors()).singleElement()
                .asString().startsWith("local cell 'czhz' is not defined in epoch 43"));
    }

    /** Regression: close() did nothing, and listeners kept hearing documents published after it. */
    @Test
    void listenersOfAClosedStoreHearNoPublishedDocuments() {
        InMemoryRuleStore store = new InMemoryRuleStore(epoch42);
        List<Long> heard = new ArrayList<>();
        store.watch(document -> heard.add(document.epoch()));

        store.close();

        assertThatThrownBy(() -> store.publishText(RuleDocuments.toYaml(epoch42.toBuilder().epoch(43).build())))
                .isInstanceOf(RuleStoreException.class).hasMessage("memory: cannot publish text: the store is closed");
        assertThatThrownBy(() -> store.compareAndSet(42, epoch42.toBuilder().epoch(43).build()))
                .isInstanceOf(RuleStoreException.class)
                .hasMessage("memory: cannot publish epoch 43: the store is closed");
        assertThat(heard).isEmpty();
        assertThat(store.load().epoch()).isEqualTo(42);
    }
}
