package io.unitrouter.sample.bank.demo;

import com.zaxxer.hikari.HikariDataSource;
import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.sample.bank.support.BankSchema;
import io.unitrouter.sharding.Fences;
import io.unitrouter.sharding.ShardLayout;
import java.net.ServerSocket;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.h2.tools.Server;

/**
 * The database tier: one database per shard group (each with its fence table) and one global database. It
 * outlives the cells, as a replicated database would outlive a data center: a cell that dies loses nothing
 * it committed, and its shards' new owner reads the same rows. The fences keep a stale owner out.
 *
 * <p>With H2 the tier is a TCP server inside the driver, bound to 127.0.0.1, keeping its files in the run's
 * directory. With MariaDB it is databases named {@code ur_bank_<random>_*} on 127.0.0.1:3306, dropped at the end.
 */
final class DatabaseTier implements AutoCloseable {

    private final String kind;
    private final List<String> shardUrls;
    private final String globalUrl;
    private final String user;
    private final List<String> created;
    private final Server server;
    private final List<HikariDataSource> admin = new ArrayList<>();
    private final HikariDataSource globalAdmin;

    private DatabaseTier(String kind, List<String> shardUrls, String globalUrl, String user, List<String> created,
            Server server) {
        this.kind = kind;
        this.shardUrls = shardUrls;
        this.globalUrl = globalUrl;
        this.user = user;
        this.created = created;
        this.server = server;
        for (int g = 0; g < shardUrls.size(); g++) {
            admin.add(pool("bank-demo-g" + g, shardUrls.get(g)));
        }
        this.globalAdmin = pool("bank-demo-global", globalUrl);
    }

    /** An H2 server on a free loopback port, with its files under {@code dir}. */
    static DatabaseTier h2(Path dir) {
        System.setProperty("h2.bindAddress", "127.0.0.1");
        try {
            int port = freeShortPort();
            Server server = Server.createTcpServer("-tcpPort", Integer.toString(port), "-baseDir", dir.toString(),
                    "-ifNotExists").start();
            // ShardingSphere's H2 URL pattern wants a port of at most four digits and a directory before the name.
            String base = "jdbc:h2:tcp://127.0.0.1:" + port + "/bank/";
            String settings = ";MODE=MySQL;LOCK_TIMEOUT=10000";
            List<String> shards = new ArrayList<>();
            for (int g = 0; g < BankSchema.SHARD_GROUPS; g++) {
                shards.add(base + "bank_g" + g + settings);
            }
            return new DatabaseTier("H2 " + server.getURL(), shards, base + "bank_global" + settings, "sa", List.of(),
                    server);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start the H2 server: " + e.getMessage(), e);
        }
    }

    /** Fresh databases on the MariaDB server at 127.0.0.1:3306 (user root, no password). */
    static DatabaseTier mariadb() {
        String prefix = "ur_bank_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        String server = "jdbc:mariadb://127.0.0.1:3306/";
        List<String> names = new ArrayList<>();
        for (int g = 0; g < BankSchema.SHARD_GROUPS; g++) {
            names.add(prefix + "_g" + g);
        }
        names.add(prefix + "_global");
        try (Connection c = java.sql.DriverManager.getConnection(server, "root", "");
                Statement s = c.createStatement()) {
            for (String name : names) {
                s.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach MariaDB at 127.0.0.1:3306 as root (" + e.getMessage()
                    + "); start it with: start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd", e);
        }
        List<String> shards = names.subList(0, BankSchema.SHARD_GROUPS).stream().map(n -> server + n).toList();
        return new DatabaseTier("MariaDB 127.0.0.1:3306 (" + prefix + "_*)", shards, server + prefix + "_global",
                "root", names, null);
    }

    /** A free loopback port of at most four digits. */
    private static int freeShortPort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 2000 + ThreadLocalRandom.current().nextInt(8000);
            try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                // Taken; try another.
            }
        }
        throw new IllegalStateException("no free port in 2000..9999 on 127.0.0.1 for the H2 server");
    }

    private HikariDataSource pool(String name, String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName(name);
        pool.setJdbcUrl(url);
        pool.setUsername(user);
        pool.setPassword("");
        pool.setMaximumPoolSize(3);
        pool.setMinimumIdle(1);
        return pool;
    }

    /** What the tier is, for the report. */
    String describe() {
        return kind;
    }

    List<String> shardUrls() {
        return shardUrls;
    }

    String globalUrl() {
        return globalUrl;
    }

    String user() {
        return user;
    }

    /** The driver's own connections to a shard group's database, past every guard: for seeding and auditing. */
    DataSource group(int group) {
        return admin.get(group);
    }

    DataSource global() {
        return globalAdmin;
    }

    /** The fences of every shard group, for the coordinator. */
    Fences fences() {
        Map<String, DataSource> databases = new LinkedHashMap<>();
        for (int g = 0; g < admin.size(); g++) {
            databases.put("ds_" + g, admin.get(g));
        }
        return Fences.of(databases, ShardLayout.of(BankSchema.SHARD_GROUPS, 1), 100);
    }

    /**
     * Creates the tables, sets every fence to the owners of {@code table}, and opens one account per user and
     * the rates.
     *
     * @param users user ids {@code firstUser .. firstUser + users - 1}
     * @param balance every account's opening balance
     */
    void seed(RoutingTable table, long firstUser, int users, long balance) {
        try {
            for (int g = 0; g < admin.size(); g++) {
                execute(admin.get(g), BankSchema.shardDatabase());
            }
            execute(globalAdmin, BankSchema.globalDatabase());
            Fences fences = fences();
            fences.createTables();
            fences.initialize(table);
            for (int g = 0; g < admin.size(); g++) {
                try (Connection c = admin.get(g).getConnection(); PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO t_account (user_id, balance, writer_cell, writer_epoch) VALUES (?, ?, 'seed', 0)")) {
                    for (long user = firstUser; user < firstUser + users; user++) {
                        if (groupOf(user) == g) {
                            insert.setLong(1, user);
                            insert.setLong(2, balance);
                            insert.addBatch();
                        }
                    }
                    insert.executeBatch();
                }
            }
            try (Connection c = globalAdmin.getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO t_rate (currency, rate_micros, writer_cell, writer_epoch) VALUES"
                        + " ('EUR', 1080000, 'seed', 0), ('GBP', 1270000, 'seed', 0), ('JPY', 6700, 'seed', 0)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set up the bank's databases: " + e.getMessage(), e);
        }
    }

    /** The shard group (and database) of a user under the bank's 100 shards in groups of 20. */
    static int groupOf(long user) {
        return (int) (user % 100) / (100 / BankSchema.SHARD_GROUPS);
    }

    private static void execute(DataSource ds, List<String> statements) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** Closes the driver's pools, then stops the H2 server or drops the MariaDB databases. */
    @Override
    public void close() {
        admin.forEach(HikariDataSource::close);
        globalAdmin.close();
        if (server != null) {
            server.stop();
        }
        if (!created.isEmpty()) {
            try (Connection c = java.sql.DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "");
                    Statement s = c.createStatement()) {
                for (String name : created) {
                    s.execute("DROP DATABASE IF EXISTS " + name);
                }
            } catch (SQLException e) {
                System.err.println("could not drop the demo's MariaDB databases " + created + ": " + e.getMessage());
            }
        }
    }
}
