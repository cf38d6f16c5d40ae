package io.unitrouter.nacos;

import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import io.unitrouter.core.spi.RuleStore;
import io.unitrouter.core.spi.RuleStoreContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The Nacos store against the contract, each backing store an {@link InMemoryConfigService} of its own. */
class NacosRuleStoreContractTest extends RuleStoreContract {

    private static final String DATA_ID = "rules.yaml";
    private static final String GROUP = NacosRuleStore.DEFAULT_GROUP;

    @TempDir
    Path snapshots;

    private final Map<RuleStore, InMemoryConfigService> servers = new ConcurrentHashMap<>();
    private final List<InMemoryConfigService> started = new CopyOnWriteArrayList<>();

    @AfterEach
    public void stopServers() {
        started.forEach(InMemoryConfigService::shutDown);
    }

    /** Every instance gets its own snapshot directory, as separate processes would. */
    private RuleStore open(InMemoryConfigService server) throws Exception {
        Path snapshotDirectory = Files.createTempDirectory(snapshots, "instance");
        RuleStore store = NacosRuleStore.builder(server, DATA_ID).group(GROUP).serverAddr("contract:8848")
                .snapshotDirectory(snapshotDirectory).timeout(Duration.ofSeconds(1)).build();
        servers.put(store, server);
        return store;
    }

    private InMemoryConfigService newServer() {
        InMemoryConfigService server = new InMemoryConfigService();
        started.add(server);
        return server;
    }

    @Override
    protected RuleStore openStore(RuleDocument initial) throws Exception {
        InMemoryConfigService server = newServer();
        server.publishConfig(DATA_ID, GROUP, RuleDocuments.toYaml(initial), "yaml");
        return open(server);
    }

    @Override
    protected RuleStore openEmptyStore() throws Exception {
        return open(newServer());
    }

    @Override
    protected RuleStore openPeer(RuleStore store) throws Exception {
        return open(servers.get(store));
    }

    /** As a publish in the Nacos console would: the server pushes it to every listener. */
    @Override
    protected void writeBehind(RuleStore store, String text) throws Exception {
        servers.get(store).publishConfig(DATA_ID, GROUP, text, "yaml");
    }
}
