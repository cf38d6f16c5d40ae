package io.unitrouter.sample.bank.cell;

import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.rules.RuleDocuments;
import io.unitrouter.sample.bank.support.BankSchema;
import io.unitrouter.sharding.Fences;
import io.unitrouter.sharding.ShardLayout;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The bank's five shard-group databases and its global database, in memory, with the schema, the fences of
 * the bank's rules and one account per shard: user {@code 10000 + shard} with a balance of 1000.
 */
final class BankDatabases {

    static final long BALANCE = 1000;

    private final String prefix;
    private final List<String> shardUrls = new ArrayList<>();
    private final String globalUrl;

    BankDatabases(String prefix) {
        this(prefix, BankSchema.rules());
    }

    /** The databases with the fences of {@code rules} instead of the bank's own. */
    BankDatabases(String prefix, String rules) {
        this.prefix = prefix;
        for (int g = 0; g < BankSchema.SHARD_GROUPS; g++) {
            shardUrls.add(url(prefix + "_g" + g));
        }
        this.globalUrl = url(prefix + "_global");
        Map<String, DataSource> shards = new LinkedHashMap<>();
        for (int g = 0; g < shardUrls.size(); g++) {
            DataSource ds = dataSource(shardUrls.get(g));
            run(ds, BankSchema.shardDatabase());
            shards.put("ds_" + g, ds);
        }
        Fences fences = Fences.of(shards, ShardLayout.of(BankSchema.SHARD_GROUPS, 1), 100);
        fences.createTables();
        fences.initialize(RoutingTable.of(RuleDocuments.parse(rules, "bank-rules.yaml")));
        for (int shard = 0; shard < 100; shard++) {
            shard(shard).update("INSERT INTO t_account (user_id, balance, writer_cell, writer_epoch) VALUES (?, ?,"
                    + " 'seed', 0)", 10000 + shard, BALANCE);
        }
        run(dataSource(globalUrl), BankSchema.globalDatabase());
    }

    private static String url(String name) {
        // A transfer that waits for a lock a test holds must not give up before the test lets go, however
        // slow the machine: H2's default lock timeout is 10 s.
        return "jdbc:h2:mem:" + name + ";MODE=MySQL;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=60000";
    }

    private static DataSource dataSource(String url) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("sa");
        return ds;
    }

    private static void run(DataSource ds, List<String> statements) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    List<String> shardUrls() {
        return shardUrls;
    }

    String globalUrl() {
        return globalUrl;
    }

    /** Direct access to the database of a shard's group, past every guard, for checks. */
    JdbcTemplate shard(int shard) {
        return new JdbcTemplate(dataSource(shardUrls.get(shard / 20)));
    }

    JdbcTemplate global() {
        return new JdbcTemplate(dataSource(globalUrl));
    }

    long balance(long user) {
        return shard((int) (user % 100)).queryForObject("SELECT balance FROM t_account WHERE user_id = ?", Long.class,
                user);
    }

    /** The entries of a transfer on an account, as {@code kind:writer_cell}. */
    List<String> entries(long transferId, long user) {
        return shard((int) (user % 100)).queryForList("SELECT CONCAT(entry_kind, ':', writer_cell) FROM t_entry"
                + " WHERE transfer_id = ? ORDER BY entry_kind", String.class, transferId);
    }

    String prefix() {
        return prefix;
    }
}
