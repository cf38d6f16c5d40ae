package io.unitrouter.sample.bank.demo;

import io.unitrouter.core.Cell;
import io.unitrouter.core.CellKind;
import io.unitrouter.core.routing.RoutingTable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * Every process of the bank on loopback: one per cell of the rules (five RZones, two GZones, three CZones), the
 * gateway, and the operator console when it has been built. All share one properties file with the topology:
 * the rule file, the signing secret, the databases, every cell's address for the gateway and for the cells'
 * own calls to each other.
 */
final class Topology implements AutoCloseable {

    private final Map<String, ManagedProcess> cells = new LinkedHashMap<>();
    private final ManagedProcess gateway;
    private final ManagedProcess console;
    private final RoutingTable table;

    Topology(DemoOptions options, RoutingTable table, Path rules, DatabaseTier databases) throws IOException {
        this.table = table;
        Path logs = Files.createDirectories(options.workDir().resolve("logs"));
        Path cellJar = Executables.extracted(Executables.require(options.home(), Executables.CELL));
        Path gatewayJar = Executables.extracted(Executables.require(options.home(), Executables.GATEWAY));
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (Cell cell : table.topology().cells()) {
            ports.put(cell.id(), freePort());
        }
        Path shared = writeSharedProperties(options.workDir().resolve("topology.properties"), table, rules, databases,
                ports);
        for (Cell cell : table.topology().cells()) {
            if (cell.kind() != CellKind.RZONE && !options.globalZones()) {
                continue;
            }
            List<String> args = List.of("--spring.config.additional-location=file:" + shared,
                    "--server.port=" + ports.get(cell.id()), "--unit-router.local-cell=" + cell.id(),
                    "--bank.zone=" + cell.kind().name().toLowerCase(java.util.Locale.ROOT));
            String heap = cell.kind() == CellKind.RZONE ? "256m" : "160m";
            // rz02 is never lost in the scenario, so it exits politely at the end and can write the archive.
            ManagedProcess.Cds cds = cell.id().equals("rz02") ? ManagedProcess.Cds.TRAIN : ManagedProcess.Cds.USE;
            cells.put(cell.id(), new ManagedProcess(cell.id(), cell.id(), ports.get(cell.id()), cellJar, heap, args,
                    logs.resolve(cell.id() + ".log"), "/bank/ready", cds));
        }
        int gatewayPort = freePort();
        this.gateway = new ManagedProcess("gateway", "", gatewayPort, gatewayJar, "192m",
                List.of("--spring.config.additional-location=file:" + shared, "--server.port=" + gatewayPort),
                logs.resolve("gateway.log"), "/", ManagedProcess.Cds.TRAIN);
        this.console = Executables.console(options.home()).filter(jar -> options.globalZones()).map(jar -> {
            int port = freePort();
            // The console is no bank process and does not read bank.parent-pid: it gets its own switch to end
            // with the driver, so that a driver killed with kill -9 leaves no console behind.
            return new ManagedProcess("console", "", port, jar, "192m", List.of("--rules=" + rules, "--port=" + port,
                    "--server.address=127.0.0.1",
                    "--unit-router.console.exit-with-process=" + ProcessHandle.current().pid()),
                    logs.resolve("console.log"), "/", ManagedProcess.Cds.NONE);
        }).orElse(null);
    }

    private static Path writeSharedProperties(Path file, RoutingTable table, Path rules, DatabaseTier databases,
            Map<String, Integer> ports) throws IOException {
        Properties p = new Properties();
        p.setProperty("unit-router.rules.location", "file:" + rules);
        byte[] secret = new byte[32];
        ThreadLocalRandom.current().nextBytes(secret);
        p.setProperty("unit-router.security.secret", Base64.getEncoder().encodeToString(secret));
        p.setProperty("bank.database-user", databases.user());
        for (int g = 0; g < databases.shardUrls().size(); g++) {
            p.setProperty("bank.shard-databases[" + g + "]", databases.shardUrls().get(g));
        }
        p.setProperty("bank.global-database", databases.globalUrl());
        int i = 0;
        for (Cell cell : table.topology().cells()) {
            String url = "http://127.0.0.1:" + ports.get(cell.id());
            p.setProperty("unit-router.gateway.cells." + cell.id() + ".uri", url);
            if (cell.kind() == CellKind.RZONE) {
                p.setProperty("spring.cloud.discovery.client.simple.instances.bank[" + i + "].uri", url);
                p.setProperty("spring.cloud.discovery.client.simple.instances.bank[" + i + "].metadata[unit-router.cell]",
                        cell.id());
                i++;
            }
        }
        try (var out = Files.newBufferedWriter(file)) {
            p.store(out, "the bank's topology, written by the demo driver");
        }
        return file;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    /** Every process of the bank: the cells and the gateway (not the console). */
    List<ManagedProcess> bank() {
        List<ManagedProcess> all = new ArrayList<>(cells.values());
        all.add(gateway);
        return all;
    }

    ManagedProcess gateway() {
        return gateway;
    }

    java.util.Optional<ManagedProcess> console() {
        return java.util.Optional.ofNullable(console);
    }

    ManagedProcess cell(String id) {
        return cells.get(id);
    }

    /** Whether a cell runs as a process in this topology. */
    boolean runs(String cell) {
        return cells.containsKey(cell);
    }

    /** The processes of the cells that match, e.g. every cell of a data center. */
    List<ManagedProcess> cells(Predicate<Cell> which) {
        return table.topology().cells().stream().filter(which).filter(c -> runs(c.id())).map(c -> cells.get(c.id()))
                .toList();
    }

    /** The cells of a data center. */
    List<ManagedProcess> dataCenter(String dataCenter) {
        return cells(c -> c.dataCenter().equals(dataCenter));
    }

    /** The cells of a city. */
    List<ManagedProcess> city(String city) {
        return cells(c -> c.city().equals(city));
    }

    /**
     * Starts processes and waits until every one answers.
     *
     * @return how long it took
     * @throws IllegalStateException naming the processes that did not come up in time, and their logs
     */
    static Duration startAll(List<ManagedProcess> processes, Duration timeout) {
        long start = System.nanoTime();
        processes.forEach(ManagedProcess::start);
        Waits.until("processes to answer: " + processes.stream().map(ManagedProcess::name).toList(), timeout,
                Duration.ofMillis(250), () -> {
                    for (ManagedProcess p : processes) {
                        if (!p.alive()) {
                            throw new IllegalStateException(p.name() + " exited during start-up; see " + p.log());
                        }
                    }
                    return processes.stream().allMatch(ManagedProcess::ready);
                });
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Stops every process that is still running, the console included. */
    @Override
    public void close() {
        List<ManagedProcess> all = bank();
        console().ifPresent(all::add);
        all.parallelStream().forEach(ManagedProcess::stop);
    }
}
