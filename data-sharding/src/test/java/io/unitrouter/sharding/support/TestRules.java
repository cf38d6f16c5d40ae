package io.unitrouter.sharding.support;

import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import io.unitrouter.core.store.InMemoryRuleStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * The reference rules (three cities, five data centers, epoch 42, 100 shards by {@code mod}, rz01 owns
 * 0-19, rz02 20-39, rz03 40-59, rz04 60-79, rz05 80-99) in a rule store that tests can change.
 */
public final class TestRules {

    private final InMemoryRuleStore store;

    private TestRules(InMemoryRuleStore store) {
        this.store = store;
    }

    /** A store holding the reference rules. */
    public static TestRules threeCities() {
        return new TestRules(new InMemoryRuleStore(document()));
    }

    /** The reference rule document. */
    public static RuleDocument document() {
        try (InputStream in = TestRules.class.getResourceAsStream("/rules/three-cities.yaml")) {
            return RuleDocuments.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "three-cities.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The store. */
    public InMemoryRuleStore store() {
        return store;
    }

    /** A router of a cell that follows the store. */
    public UnitRouter router(String cell) {
        return UnitRouter.builder().ruleStore(store).localCell(cell).build();
    }

    /**
     * Publishes the next epoch, derived from the document in force.
     *
     * @param change edits the document
     * @return the new epoch
     */
    public long publish(UnaryOperator<RuleDocument.Builder> change) {
        RuleDocument current = store.load();
        RuleDocument next = change.apply(current.toBuilder().epoch(current.epoch() + 1)).build();
        if (!store.compareAndSet(current.epoch(), next)) {
            throw new IllegalStateException("epoch " + current.epoch() + " is no longer in force");
        }
        return next.epoch();
    }

    /**
     * Puts the reference content back in force under the next epoch (epochs never go back), unless it is
     * in force already.
     *
     * @return the epoch in force
     */
    public long restore() {
        RuleDocument current = store.load();
        RuleDocument reference = document();
        if (RoutingTable.of(current).checksum().equals(RoutingTable.of(reference).checksum())) {
            return current.epoch();
        }
        return publish(b -> reference.toBuilder().epoch(current.epoch() + 1));
    }

    /**
     * Publishes the content in force under a later epoch, if the store is behind it.
     *
     * @param epoch the epoch to reach
     */
    public void advanceTo(long epoch) {
        RuleDocument current = store.load();
        if (current.epoch() < epoch && !store.compareAndSet(current.epoch(), current.toBuilder().epoch(epoch).build())) {
            throw new IllegalStateException("epoch " + current.epoch() + " is no longer in force");
        }
    }

    /** The rules in force. */
    public RoutingTable table() {
        return RoutingTable.of(store.load());
    }

    /** Publishes the next epoch with one shard range moved to another cell. */
    public long move(String shards, String cell) {
        return publish(b -> {
            String[] owners = store.load().owners();
            for (io.unitrouter.core.ShardRange range : io.unitrouter.core.ShardRange.parseList(shards)) {
                for (int s = range.from(); s <= range.to(); s++) {
                    owners[s] = cell;
                }
            }
            return b.owners(owners);
        });
    }
}
