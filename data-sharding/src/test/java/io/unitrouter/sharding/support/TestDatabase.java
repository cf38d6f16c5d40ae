package io.unitrouter.sharding.support;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The databases the per-database suites (tag {@value #TAG}) run against: those the system property
 * {@value #PROPERTY} names, H2 when it names none. The build's default test run uses H2; the
 * {@code -Pdatabases} profile adds a run for MariaDB and one for PostgreSQL. An enabled database that cannot
 * be reached fails the tests with the command that starts it.
 */
public enum TestDatabase {

    /** In-memory H2 in MySQL mode. */
    H2("H2", null, null) {
        @Override
        String adminUrl() {
            return null;
        }

        @Override
        String url(String database) {
            return "jdbc:h2:mem:" + database + ";MODE=MySQL;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000";
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
        void create(String database) {
        }

        @Override
        void drop(String database) throws SQLException {
            try (Connection c = DriverManager.getConnection(url(database), user(), password());
                    Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
        }

        @Override
        public String lockWaitQuery() {
            return "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL";
        }

        @Override
        String startHint() {
            return "";
        }
    },

    /** MariaDB (or MySQL) on 127.0.0.1:3306. */
    MARIADB("MariaDB", "jdbc:mariadb://127.0.0.1:3306/test", "root") {
        @Override
        void drop(String database) throws SQLException {
            admin("DROP DATABASE IF EXISTS " + database);
        }

        @Override
        public String lockWaitQuery() {
            return "SELECT COUNT(*) FROM information_schema.INNODB_TRX t JOIN information_schema.PROCESSLIST p"
                    + " ON p.ID = t.trx_mysql_thread_id WHERE t.trx_state = 'LOCK WAIT' AND p.DB = DATABASE()";
        }

        @Override
        String startHint() {
            return "start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd";
        }
    },

    /** PostgreSQL on 127.0.0.1:5432. */
    POSTGRESQL("PostgreSQL", "jdbc:postgresql://127.0.0.1:5432/test", "postgres") {
        @Override
        void drop(String database) throws SQLException {
            admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }

        @Override
        public String lockWaitQuery() {
            return "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    + " AND datname = current_database()";
        }

        @Override
        String startHint() {
            return "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start";
        }
    };

    /** The system property naming the databases to run against, e.g. {@code h2,mariadb,postgresql}. */
    public static final String PROPERTY = "unitrouter.it.databases";
    /** The JUnit tag of the suites that run once per database. */
    public static final String TAG = "per-database";

    private final String displayName;
    private final String defaultAdminUrl;
    private final String defaultUser;

    /**
     * @param displayName the name in JUnit's display names and messages
     * @param defaultAdminUrl for a database server, the URL of a database to run admin statements on unless
     *         {@code unitrouter.it.<name>.url} says otherwise
     * @param defaultUser for a database server, the user unless {@code unitrouter.it.<name>.user} says
     *         otherwise; both are {@code null} for H2, which needs no server and overrides the methods that
     *         use them
     */
    TestDatabase(String displayName, String defaultAdminUrl, String defaultUser) {
        this.displayName = displayName;
        this.defaultAdminUrl = defaultAdminUrl;
        this.defaultUser = defaultUser;
    }

    /** The databases to run against: those named by {@value #PROPERTY}, or H2. */
    public static List<TestDatabase> enabled() {
        Set<TestDatabase> result = new LinkedHashSet<>();
        String names = System.getProperty(PROPERTY, "");
        for (String name : names.split(",")) {
            if (!name.isBlank()) {
                try {
                    result.add(valueOf(name.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(PROPERTY + " names an unknown database '" + name.trim()
                            + "'; known: h2, mariadb, postgresql", e);
                }
            }
        }
        if (result.isEmpty()) {
            result.add(H2);
        }
        return new ArrayList<>(result);
    }

    /*
     * The connection settings and CREATE DATABASE as the database servers (MariaDB, PostgreSQL) share them,
     * written once so the two cannot drift apart; each reads its system properties unitrouter.it.<name>.*.
     * H2, which needs no server, overrides them.
     */

    String adminUrl() {
        return System.getProperty(property("url"), defaultAdminUrl);
    }

    String url(String database) {
        String admin = adminUrl();
        return admin.substring(0, admin.lastIndexOf('/') + 1) + database;
    }

    String user() {
        return System.getProperty(property("user"), defaultUser);
    }

    String password() {
        return System.getProperty(property("password"), "");
    }

    void create(String database) throws SQLException {
        admin("CREATE DATABASE " + database);
    }

    private String property(String setting) {
        return "unitrouter.it." + name().toLowerCase(Locale.ROOT) + "." + setting;
    }

    abstract void drop(String database) throws SQLException;

    abstract String startHint();

    /**
     * The statement that sets a session's fence claim ({@link io.unitrouter.sharding.FenceTriggers}).
     *
     * @param claim the claim, a literal without quotes
     * @return e.g. {@code SET @unit_router_fence = 'maintenance'}
     */
    public String claimSql(String claim) {
        return this == POSTGRESQL ? "SELECT set_config('unit_router.fence', '" + claim + "', false)"
                : "SET @unit_router_fence = '" + claim + "'";
    }

    /** A query of a session's fence claim, {@code NULL} (or empty on PostgreSQL) when it holds none. */
    public String claimQuery() {
        return this == POSTGRESQL ? "SELECT current_setting('unit_router.fence', true)" : "SELECT @unit_router_fence";
    }

    /** A query counting sessions of the connection's database that wait for a row lock. */
    public abstract String lockWaitQuery();

    /** A pool on one database. */
    public HikariDataSource pool(String database, int size) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url(database));
        pool.setUsername(user());
        pool.setPassword(password());
        pool.setMaximumPoolSize(size);
        pool.setMinimumIdle(0);
        pool.setPoolName("test-" + database);
        return pool;
    }

    /**
     * A pool on one database whose driver runs every statement of a text that holds several, where the
     * driver has such a setting: MariaDB's {@code allowMultiQueries=true}. H2 and PostgreSQL's drivers do it
     * without one, so there it is the plain {@link #pool}.
     */
    public HikariDataSource multiStatementPool(String database, int size) {
        HikariDataSource pool = pool(database, size);
        if (this == MARIADB) {
            pool.addDataSourceProperty("allowMultiQueries", "true");
        }
        return pool;
    }

    /**
     * A pool on a port where no database listens, as a database that is down looks to a client.
     *
     * @return the pool; its first connection fails within a second
     */
    public HikariDataSource unreachablePool() {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(switch (this) {
            case H2 -> "jdbc:h2:tcp://127.0.0.1:1/mem:unreachable";
            case MARIADB -> "jdbc:mariadb://127.0.0.1:1/unreachable?connectTimeout=500";
            case POSTGRESQL -> "jdbc:postgresql://127.0.0.1:1/unreachable?connectTimeout=1";
        });
        pool.setUsername(user());
        pool.setPassword(password());
        pool.setConnectionTimeout(250);
        pool.setPoolName("unreachable-" + name().toLowerCase(Locale.ROOT));
        return pool;
    }

    /**
     * Checks the database answers.
     *
     * @throws AssertionError saying how to start it when it does not
     */
    public void requireReachable() {
        if (adminUrl() == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(adminUrl(), user(), password())) {
            c.isValid(5);
        } catch (SQLException e) {
            throw new AssertionError(displayName + " is not reachable at " + adminUrl() + " as " + user() + " ("
                    + e.getMessage() + "). The " + displayName + " tests are enabled by -D" + PROPERTY + "=" + System.getProperty(PROPERTY)
                    + " (the -Pdatabases profile); start the database with: " + startHint(), e);
        }
    }

    void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl(), user(), password());
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** For JUnit display names. */
    @Override
    public String toString() {
        return displayName;
    }
}
