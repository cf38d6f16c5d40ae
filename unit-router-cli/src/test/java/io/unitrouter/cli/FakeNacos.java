package io.unitrouter.cli;

import com.alibaba.nacos.api.config.ConfigService;
import io.unitrouter.nacos.InMemoryConfigService;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory Nacos server behind the CLI's rule sources. Each command gets a client of its own that talks to the
 * one server; the clients' properties and shut-downs are recorded, and the environment is a map the test fills.
 */
final class FakeNacos {

    static final String SERVER = "10.0.0.1:8848";
    static final String DATA_ID = "rules.yaml";
    static final String GROUP = "UNIT_ROUTER";

    final InMemoryConfigService server = new InMemoryConfigService();
    final Map<String, String> environment = new HashMap<>();
    final List<Properties> clients = new CopyOnWriteArrayList<>();
    final AtomicInteger shutDowns = new AtomicInteger();

    /** {@code args} followed by the options that name {@link #DATA_ID} on {@link #SERVER}. */
    static Object[] withNacos(Object... args) {
        Object[] options = {"--nacos-server-addr", SERVER, "--nacos-data-id", DATA_ID};
        Object[] all = new Object[args.length + options.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(options, 0, all, args.length, options.length);
        return all;
    }

    /** Runs the CLI with {@code args}, the rule sources reaching this server. */
    Cli.Result run(Object... args) {
        return Cli.run(new UnitRouterCli(new RuleSources(this::client, environment::get)), args);
    }

    /** Publishes {@code text} as the rule document. */
    void publish(String text) {
        try {
            server.publishConfig(DATA_ID, GROUP, text, "yaml");
        } catch (com.alibaba.nacos.api.exception.NacosException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rule document on the server, {@code null} if there is none. */
    String document() {
        return server.content(DATA_ID, GROUP);
    }

    /** A client on the shared server that records its properties, and its shut-down instead of stopping the server. */
    private ConfigService client(Properties properties) {
        clients.add(properties);
        return (ConfigService) Proxy.newProxyInstance(ConfigService.class.getClassLoader(),
                new Class<?>[] {ConfigService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("shutDown")) {
                        shutDowns.incrementAndGet();
                        return null;
                    }
                    try {
                        return method.invoke(server, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
