package io.unitrouter.console.browser;

import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.store.FileRuleStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One router per RZone of the reference topology, each on its own file store over the console's rule file, as
 * separate services would be: they apply every epoch the console's failover publishes and report it with a
 * heartbeat, so the barriers have live instances to wait for and the convergence page has rows.
 */
final class Instances implements AutoCloseable {

    private final List<FileRuleStore> stores = new ArrayList<>();
    private final List<UnitRouter> routers = new ArrayList<>();

    Instances(Path rules) {
        for (String cell : List.of("rz01", "rz02", "rz03", "rz04", "rz05")) {
            FileRuleStore store = FileRuleStore.builder(rules).pollInterval(Duration.ofMillis(100)).build();
            stores.add(store);
            routers.add(UnitRouter.builder().ruleStore(store).localCell(cell).instanceId(cell + "@browser-test")
                    .heartbeat(Duration.ofMillis(300)).build());
        }
    }

    @Override
    public void close() {
        routers.forEach(UnitRouter::close);
        stores.forEach(FileRuleStore::close);
    }
}
