package io.unitrouter.sharding.support;

import com.zaxxer.hikari.HikariDataSource;
import io.unitrouter.sharding.FenceTriggers;
import io.unitrouter.sharding.Fences;
import io.unitrouter.sharding.ShardLayout;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * Two physical databases of one kind, with five physical tables of {@code t_account} and {@code t_order}
 * each and a fence table: the reference layout of the data-layer tests. With the 100 shards of
 * {@code three-cities.yaml}, group {@code g} holds shards {@code 10g..10g+9} and lives in database
 * {@code g / 5}, table {@code g % 5}: rz01 (shards 0-19) owns {@code ds_0} tables 0 and 1, rz02 (20-39)
 * tables 2 and 3.
 *
 * <p>Reads and writes made here go straight to the physical databases, never through ShardingSphere, with the
 * fence triggers' maintenance claim ({@link FenceTriggers#MAINTENANCE_CLAIM}), so that they pass the triggers
 * of the tests that create them.
 */
public final class ShardingFixture implements AutoCloseable {

    /** 2 databases x 5 tables. */
    public static final ShardLayout LAYOUT = ShardLayout.of(2, 5);

    private final TestDatabase database;
    private final List<String> names = new ArrayList<>();
    private final List<HikariDataSource> admin = new ArrayList<>();

    private ShardingFixture(TestDatabase database) {
        this.database = database;
    }

    /**
     * Creates the databases and their tables.
     *
     * @param database the kind
     * @return the fixture; close it to drop the databases
     */
    public static ShardingFixture create(TestDatabase database) {
        database.requireReachable();
        ShardingFixture fixture = new ShardingFixture(database);
        String prefix = "ur_ds_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        try {
            for (int d = 0; d < LAYOUT.databases(); d++) {
                String name = prefix + "_" + d;
                database.create(name);
                fixture.names.add(name);
                HikariDataSource pool = database.pool(name, 8);
                // The fixture writes past the fence triggers of the tests that create them, as a DBA would.
                pool.setConnectionInitSql(database.claimSql(FenceTriggers.MAINTENANCE_CLAIM));
                fixture.admin.add(pool);
                try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                    for (int k = 0; k < LAYOUT.tablesPerDatabase(); k++) {
                        s.execute("CREATE TABLE t_account_" + k + " (user_id BIGINT NOT NULL PRIMARY KEY,"
                                + " balance BIGINT NOT NULL, writer VARCHAR(16))");
                        s.execute("CREATE TABLE t_order_" + k + " (order_id BIGINT NOT NULL PRIMARY KEY,"
                                + " user_id BIGINT NOT NULL, amount BIGINT NOT NULL)");
                    }
                    s.execute(Fences.CREATE_TABLE_SQL);
                }
            }
        } catch (SQLException e) {
            fixture.close();
            throw new IllegalStateException("cannot create the test databases on " + database + ": " + e, e);
        }
        return fixture;
    }

    /** The kind of database. */
    public TestDatabase database() {
        return database;
    }

    /** The name of a physical database on its server, e.g. {@code ur_ds_1a2b3c4d_1}. */
    public String physicalName(int databaseIndex) {
        return names.get(databaseIndex);
    }

    /**
     * Every row of a physical table, each as its columns joined by {@code |}, ordered by the first column.
     *
     * @param databaseIndex the database
     * @param table the physical table
     * @return the rows
     */
    public List<String> rows(int databaseIndex, String table) {
        return query(databaseIndex, "SELECT * FROM " + table + " ORDER BY 1");
    }

    /**
     * The rows of a query run directly on one database, each as its columns joined by {@code |}.
     *
     * @param databaseIndex the database
     * @param sql the query
     * @return the rows, in the query's order
     */
    public List<String> query(int databaseIndex, String sql) {
        List<String> rows = new ArrayList<>();
        try (Connection c = admin.get(databaseIndex).getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e, e);
        }
        return rows;
    }

    /**
     * New pools on the physical databases, named {@code ds_0} and {@code ds_1}, for one sharded data source
     * (which closes them).
     */
    public Map<String, DataSource> newDataSources() {
        Map<String, DataSource> result = new LinkedHashMap<>();
        for (int d = 0; d < names.size(); d++) {
            result.put("ds_" + d, database.pool(names.get(d), 8));
        }
        return result;
    }

    /**
     * Like {@link #newDataSources()}, with drivers that run every statement of a multi-statement text
     * ({@link TestDatabase#multiStatementPool}).
     */
    public Map<String, DataSource> newMultiStatementDataSources() {
        Map<String, DataSource> result = new LinkedHashMap<>();
        for (int d = 0; d < names.size(); d++) {
            result.put("ds_" + d, database.multiStatementPool(names.get(d), 8));
        }
        return result;
    }

    /** The fixture's own pools, by data source name, for fences and direct checks. */
    public Map<String, DataSource> adminDataSources() {
        Map<String, DataSource> result = new LinkedHashMap<>();
        for (int d = 0; d < admin.size(); d++) {
            result.put("ds_" + d, admin.get(d));
        }
        return result;
    }

    /**
     * A new connection to one database that did not go through the fixture's pools: its session holds no fence
     * claim.
     */
    public Connection rawConnection(int databaseIndex) throws SQLException {
        return java.sql.DriverManager.getConnection(database.url(names.get(databaseIndex)), database.user(),
                database.password());
    }

    /** The fences of the databases, for the 100 shards of the reference rules. */
    public Fences fences() {
        return Fences.of(adminDataSources(), LAYOUT, 100);
    }

    /** Empties every table, the fence table included. */
    public void reset() {
        for (HikariDataSource pool : admin) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                for (int k = 0; k < LAYOUT.tablesPerDatabase(); k++) {
                    s.execute("DELETE FROM t_account_" + k);
                    s.execute("DELETE FROM t_order_" + k);
                }
                s.execute("DELETE FROM unit_fence");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Inserts an account row directly into the table its key belongs to under {@code mod 100}. */
    public void insertAccount(long userId, long balance, String writer) {
        int group = (int) (userId % 100) / 10;
        sql(LAYOUT.databaseOf(group), "INSERT INTO t_account_" + LAYOUT.tableOf(group)
                + " (user_id, balance, writer) VALUES (" + userId + ", " + balance + ", '" + writer + "')");
    }

    /** Where an account row is stored: {@code ds_<d>.t_account_<k>} for every table holding it. */
    public List<String> locate(long userId) {
        return locate("t_account", "user_id", userId);
    }

    /** Where an order row is stored. */
    public List<String> locateOrder(long orderId) {
        return locate("t_order", "order_id", orderId);
    }

    private List<String> locate(String table, String column, long id) {
        List<String> found = new ArrayList<>();
        for (int d = 0; d < admin.size(); d++) {
            for (int k = 0; k < LAYOUT.tablesPerDatabase(); k++) {
                if (count(d, "SELECT COUNT(*) FROM " + table + "_" + k + " WHERE " + column + " = " + id) > 0) {
                    found.add("ds_" + d + "." + table + "_" + k);
                }
            }
        }
        return found;
    }

    /** The balance of an account, wherever it is stored; empty when there is no such row. */
    public Optional<Long> balance(long userId) {
        for (int d = 0; d < admin.size(); d++) {
            for (int k = 0; k < LAYOUT.tablesPerDatabase(); k++) {
                try (Connection c = admin.get(d).getConnection(); PreparedStatement s = c.prepareStatement(
                        "SELECT balance FROM t_account_" + k + " WHERE user_id = ?")) {
                    s.setLong(1, userId);
                    try (ResultSet rs = s.executeQuery()) {
                        if (rs.next()) {
                            return Optional.of(rs.getLong(1));
                        }
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return Optional.empty();
    }

    /** How many account rows a writer has, across every physical table. */
    public long rowsWrittenBy(String writer) {
        long total = 0;
        for (int d = 0; d < admin.size(); d++) {
            for (int k = 0; k < LAYOUT.tablesPerDatabase(); k++) {
                total += count(d, "SELECT COUNT(*) FROM t_account_" + k + " WHERE writer = '" + writer + "'");
            }
        }
        return total;
    }

    /** How many account rows there are, across every physical table. */
    public long accountRows() {
        long total = 0;
        for (int d = 0; d < admin.size(); d++) {
            for (int k = 0; k < LAYOUT.tablesPerDatabase(); k++) {
                total += count(d, "SELECT COUNT(*) FROM t_account_" + k);
            }
        }
        return total;
    }

    /** How many sessions of a database wait for a row lock now. */
    public long lockWaits(int databaseIndex) {
        return count(databaseIndex, database.lockWaitQuery());
    }

    /** Runs a statement directly on one database. */
    public void sql(int databaseIndex, String sql) {
        try (Connection c = admin.get(databaseIndex).getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e, e);
        }
    }

    private long count(int databaseIndex, String sql) {
        try (Connection c = admin.get(databaseIndex).getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e, e);
        }
    }

    /** Closes the pools and drops the databases. */
    @Override
    public void close() {
        admin.forEach(HikariDataSource::close);
        for (String name : names) {
            try {
                database.drop(name);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot drop test database " + name + ": " + e, e);
            }
        }
    }
}
