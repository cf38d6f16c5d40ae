package io.unitrouter.cli;

import com.alibaba.nacos.api.config.ConfigService;
import com.alibaba.nacos.api.exception.NacosException;
import io.unitrouter.core.failover.spi.FailoverJournal;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import io.unitrouter.core.spi.RuleStore;
import io.unitrouter.nacos.NacosFailoverJournal;
import io.unitrouter.nacos.NacosRuleStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A data id in Nacos: the Nacos store on it and the journal {@code <data id>.failover} beside it. The CLI creates
 * the Nacos client and shuts it down on close.
 *
 * <p>Fails closed: the store keeps a local snapshot to start from when the server is away, which suits a service
 * but would let an operator act on an old copy. So the document is always read from the server first, and the
 * snapshot lives in a directory of this command's own, deleted on close.
 */
final class NacosRuleSource implements RuleSource {

    private static final System.Logger LOG = System.getLogger(NacosRuleSource.class.getName());

    private final NacosOptions options;
    private final ConfigService client;
    private NacosRuleStore store;
    private Path snapshotDirectory;

    private NacosRuleSource(NacosOptions options, ConfigService client) {
        this.options = options;
        this.client = client;
    }

    /** Creates the Nacos client from the options' properties; the real one is {@code NacosFactory}'s. */
    @FunctionalInterface
    interface Clients {
        ConfigService create(Properties properties) throws NacosException;
    }

    /**
     * Creates the client.
     *
     * @throws CliException if the credentials are incomplete or unreadable, or the client cannot be created
     */
    static NacosRuleSource open(NacosOptions options, Clients clients, UnaryOperator<String> environment) {
        Properties properties = options.clientProperties(environment);
        try {
            return new NacosRuleSource(options, clients.create(properties));
        } catch (NacosException e) {
            throw new CliException("cannot create a Nacos client for server " + options.serverAddr + ": "
                    + describe(e));
        } catch (RuntimeException e) {
            throw new CliException("cannot create a Nacos client for server " + options.serverAddr + ": " + e);
        }
    }

    @Override
    public String name() {
        return "nacos:" + options.dataId + " (group " + options.group + ", server " + options.serverAddr
                + (options.namespace.isEmpty() ? "" : ", namespace " + options.namespace) + ")";
    }

    @Override
    public RuleDocument read() {
        if ("DOWN".equalsIgnoreCase(client.getServerStatus())) {
            throw new CliException("cannot reach Nacos server " + options.serverAddr + ": the Nacos client reports it"
                    + " DOWN; check --nacos-server-addr and that the server's HTTP and gRPC ports (8848 and 9848 by"
                    + " default) are open");
        }
        String text;
        try {
            text = client.getConfig(options.dataId, options.group, options.timeout.toMillis());
        } catch (NacosException e) {
            throw new CliException("cannot read " + where() + ": " + describe(e));
        }
        if (text == null || text.isBlank()) {
            throw new CliException(where() + " does not exist or is empty; check --nacos-data-id, --nacos-group and"
                    + " --nacos-namespace (a namespace is given by its id, not its display name)");
        }
        return RuleDocuments.parse(text, name());
    }

    private String where() {
        return "data id " + options.dataId + " in group " + options.group + (options.namespace.isEmpty()
                ? " of the public namespace" : " of namespace " + options.namespace) + " on Nacos server "
                + options.serverAddr;
    }

    @Override
    public RuleStore store() {
        if (store == null) {
            read();
            try {
                snapshotDirectory = Files.createTempDirectory("unit-router-cli-nacos");
            } catch (IOException e) {
                throw new CliException("cannot create a temporary directory for the Nacos store: " + e);
            }
            store = NacosRuleStore.builder(client, options.dataId).group(options.group).timeout(options.timeout)
                    .snapshotDirectory(snapshotDirectory).serverAddr(options.serverAddr)
                    .namespace(options.namespace).build();
        }
        return store;
    }

    @Override
    public FailoverJournal journal() {
        store();
        return NacosFailoverJournal.beside(client, store);
    }

    @Override
    public String journalName() {
        return "data id " + options.dataId + ".failover in group " + options.group;
    }

    @Override
    public void close() {
        try {
            if (store != null) {
                store.close();
            }
        } finally {
            try {
                client.shutDown();
            } catch (NacosException e) {
                LOG.log(System.Logger.Level.WARNING, "the Nacos client did not shut down cleanly: " + describe(e));
            } finally {
                deleteSnapshots();
            }
        }
    }

    private void deleteSnapshots() {
        if (snapshotDirectory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(snapshotDirectory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // Only a leftover temporary file: not worth hiding how the command itself ended.
            LOG.log(System.Logger.Level.WARNING, "cannot delete the Nacos store's snapshot in " + snapshotDirectory
                    + ": " + e);
        }
    }

    private static String describe(NacosException e) {
        return "Nacos error " + e.getErrCode() + " (" + e.getErrMsg() + ")";
    }
}
