package io.unitrouter.core.store;

import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.spi.RuleStore;
import io.unitrouter.core.spi.RuleStoreContract;

class InMemoryRuleStoreContractTest extends RuleStoreContract {

    @Override
    protected RuleStore openStore(RuleDocument initial) {
        return new InMemoryRuleStore(initial);
    }

    @Override
    protected RuleStore openEmptyStore() {
        return new InMemoryRuleStore();
    }

    /** Memory is not shared between instances: the one store is its own peer. */
    @Override
    protected RuleStore openPeer(RuleStore store) {
        return store;
    }

    @Override
    protected void writeBehind(RuleStore store, String text) {
        ((InMemoryRuleStore) store).publishText(text);
    }

    /** {@link InMemoryRuleStore#publishText} notifies on the calling thread. */
    @Override
    protected boolean deliversEveryWrite() {
        return true;
    }
}
