package io.unitrouter.benchmarks.data;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.unitrouter.sharding.FenceTriggers;
import io.unitrouter.sharding.Fences;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The databases the data-layer benchmark runs against: in-memory H2, and MariaDB on {@code 127.0.0.1:3306}
 * (override with {@code -Dunitrouter.bench.mariadb.url=jdbc:mariadb://host:3306/test},
 * {@code -Dunitrouter.bench.mariadb.user}, {@code -Dunitrouter.bench.mariadb.password}).
 *
 * <p>Every physical database holds {@code t_account_0 .. t_account_(K-1)} and {@code unit_fence}; the
 * benchmark creates them afresh at the start of a run and drops them at its end.
 */
enum BenchmarkDatabase {

    /** In-memory H2, in the forked benchmark JVM. */
    H2 {
        @Override
        String url(String database) {
            return "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1";
        }

        @Override
        String user() {
            return "sa";
        }

        @Override
        String password() {
            return "";
        }

        @Override
        void recreate(String database) {
        }

        @Override
        void drop(String database) {
            // In memory: it goes with the forked JVM.
        }
    },

    /** MariaDB (InnoDB, its default settings: every auto-commit write is flushed to disk). */
    MARIADB {
        @Override
        String url(String database) {
            String admin = adminUrl();
            return admin.substring(0, admin.lastIndexOf('/') + 1) + database;
        }

        @Override
        String user() {
            return System.getProperty("unitrouter.bench.mariadb.user", "root");
        }

        @Override
        String password() {
            return System.getProperty("unitrouter.bench.mariadb.password", "");
        }

        @Override
        void recreate(String database) throws SQLException {
            try (Connection c = DriverManager.getConnection(adminUrl(), user(), password());
                    Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database);
                s.execute("CREATE DATABASE " + database);
            } catch (SQLException e) {
                throw new SQLException("cannot reach MariaDB at " + adminUrl() + " as " + user() + ": " + e.getMessage()
                        + "; start it (e.g. start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd)"
                        + " or leave it out with -p database=h2", e);
            }
        }

        @Override
        void drop(String database) throws SQLException {
            try (Connection c = DriverManager.getConnection(adminUrl(), user(), password());
                    Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database);
            }
        }

        private String adminUrl() {
            return System.getProperty("unitrouter.bench.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/test");
        }
    };

    abstract String url(String database);

    abstract String user();

    abstract String password();

    /** Drops the database if it exists and creates it empty. */
    abstract void recreate(String database) throws SQLException;

    /** Drops the database. */
    abstract void drop(String database) throws SQLException;

    /**
     * Creates one physical database with its tables and returns a pool on it.
     *
     * @param database the database name
     * @param tables {@code K}, the physical account tables
     * @return a pool of at most four connections
     * @throws SQLException if the database cannot be created
     */
    HikariDataSource create(String database, int tables) throws SQLException {
        return create(database, tables, null);
    }

    /**
     * Creates one physical database with its tables and returns a pool on it whose connections first run a
     * statement.
     *
     * @param database the database name
     * @param tables {@code K}, the physical account tables
     * @param initSql what every new connection runs first (e.g. {@link #maintenanceClaimSql()}), or {@code null}
     * @return a pool of at most four connections
     * @throws SQLException if the database cannot be created
     */
    HikariDataSource create(String database, int tables, String initSql) throws SQLException {
        recreate(database);
        HikariDataSource pool = pool(database, initSql);
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            for (int k = 0; k < tables; k++) {
                s.execute("CREATE TABLE t_account_" + k + " (user_id BIGINT NOT NULL PRIMARY KEY,"
                        + " balance BIGINT NOT NULL, writer VARCHAR(16))");
            }
            s.execute(Fences.CREATE_TABLE_SQL);
        }
        return pool;
    }

    /**
     * The statement giving a session the fence triggers' maintenance claim, so that it may write past them (the
     * benchmark's own set-up writes).
     */
    String maintenanceClaimSql() {
        return "SET " + FenceTriggers.MYSQL_VARIABLE + " = '" + FenceTriggers.MAINTENANCE_CLAIM + "'";
    }

    /** A new pool on a database; the data source built over it closes it. */
    HikariDataSource pool(String database) {
        return pool(database, null);
    }

    private HikariDataSource pool(String database, String initSql) {
        HikariConfig config = new HikariConfig();
        config.setConnectionInitSql(initSql);
        config.setJdbcUrl(url(database));
        config.setUsername(user());
        config.setPassword(password());
        config.setMaximumPoolSize(4);
        config.setPoolName("bench-" + database);
        return new HikariDataSource(config);
    }
}
