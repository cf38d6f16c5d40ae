package io.unitrouter.sharding;

import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.spi.RuleStore;
import io.unitrouter.sharding.internal.FenceContext;
import io.unitrouter.sharding.internal.FencedDataSource;
import io.unitrouter.sharding.internal.GuardedConnection;
import io.unitrouter.sharding.internal.PrivateMetadataMode;
import io.unitrouter.sharding.internal.ShardingRules;
import io.unitrouter.sharding.internal.SqlFailures;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.shardingsphere.driver.api.ShardingSphereDataSourceFactory;
import org.apache.shardingsphere.driver.jdbc.core.connection.ShardingSphereConnection;
import org.apache.shardingsphere.infra.database.core.type.DatabaseType;

/**
 * The application's {@link DataSource}: ShardingSphere-JDBC over {@code M} physical databases, with the
 * whole sharding configuration derived from the rule document and the layout, the write guard, an
 * optional read policy and an optional database fence. See {@code docs/data-sharding.md}.
 *
 * <pre>{@code
 * UnitShardingDataSource dataSource = UnitShardingDataSource.builder()
 *         .router(router)                          // a UnitRouter with a local cell
 *         .dataSources(physical)                   // ds_0..ds_9, in order
 *         .tablesPerDatabase(10)                   // 100 shards = 10 databases x 10 tables
 *         .table("t_account", "user_id")
 *         .table("t_order", "user_id")
 *         .fence(true)
 *         .build();
 * }</pre>
 *
 * <p>Writes this cell may not make fail with an {@link SQLException} whose cause is a
 * {@link ShardAccessRefusedException}; inside a transaction the refusal also makes {@code commit()} roll
 * back and fail (SQL state {@code UR005}), so nothing of the transaction is applied.
 *
 * <p>Thread-safe. {@link #close()} closes ShardingSphere, which closes the physical data sources, and the
 * router when the builder created it.
 */
public final class UnitShardingDataSource implements DataSource, AutoCloseable {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final DataSource shardingSphere;
    private final UnitRouter router;
    private final boolean ownsRouter;
    private final UnitRouterRegistry.Registration registration;
    private final ShardLayout layout;
    private final Fences fences;
    private final boolean writeGuard;
    private final ReadPolicy readPolicy;
    private final boolean fenced;
    private final FenceMode fenceMode;
    private final FenceTriggers fenceTriggers;
    private final List<String> tables;
    private final List<String> allowedRoutines;
    private final boolean allowDdl;
    private final DatabaseType databaseType;

    private UnitShardingDataSource(Builder b, DataSource shardingSphere, DatabaseType databaseType, UnitRouter router,
            UnitRouterRegistry.Registration registration, ShardLayout layout, Fences fences,
            FenceTriggers fenceTriggers) {
        this.shardingSphere = shardingSphere;
        this.router = router;
        this.ownsRouter = b.router == null;
        this.registration = registration;
        this.layout = layout;
        this.fences = fences;
        this.writeGuard = b.writeGuard;
        this.readPolicy = b.readPolicy;
        this.fenced = b.fence;
        this.fenceMode = b.fenceMode;
        this.fenceTriggers = fenceTriggers;
        this.tables = List.copyOf(b.tables.keySet());
        this.allowedRoutines = List.copyOf(b.allowedRoutines);
        this.allowDdl = b.allowDdl;
        this.databaseType = databaseType;
    }

    /** A builder; see {@link Builder} for the options and defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The router whose rules every statement is checked against. */
    public UnitRouter router() {
        return router;
    }

    /** The name the router is registered under in {@link UnitRouterRegistry}. */
    public String routerName() {
        return registration.name();
    }

    /** How shards map to databases and tables. */
    public ShardLayout layout() {
        return layout;
    }

    /** The fences of the physical databases, for creating, initializing and bumping them. */
    public Fences fences() {
        return fences;
    }

    /** Whether writes are guarded. */
    public boolean writeGuard() {
        return writeGuard;
    }

    /** The read policy. */
    public ReadPolicy readPolicy() {
        return readPolicy;
    }

    /** Whether guarded writes check the database fence. */
    public boolean fenced() {
        return fenced;
    }

    /** How guarded writes check the fence, when {@link #fenced()}. */
    public FenceMode fenceMode() {
        return fenceMode;
    }

    /**
     * The fence triggers of the physical databases' guarded tables, for creating and checking them
     * ({@link FenceMode#TRIGGER}); available whatever the mode.
     */
    public FenceTriggers fenceTriggers() {
        return fenceTriggers;
    }

    /** The logical tables, in declaration order. */
    public List<String> tables() {
        return tables;
    }

    /** The routines statements may call besides the built-in functions, as given to the builder. */
    public List<String> allowedRoutines() {
        return allowedRoutines;
    }

    /** Whether DDL of tables the guard does not shard is allowed. */
    public boolean allowDdl() {
        return allowDdl;
    }

    @Override
    public Connection getConnection() throws SQLException {
        try {
            return GuardedConnection.wrap(shardingSphere.getConnection(), router, databaseType);
        } catch (SQLException | RuntimeException e) {
            if (SqlFailures.surface(e, databaseType) instanceof SQLException surfaced) {
                throw surfaced;
            }
            throw e;
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        try {
            return GuardedConnection.wrap(shardingSphere.getConnection(username, password), router, databaseType);
        } catch (SQLException | RuntimeException e) {
            if (SqlFailures.surface(e, databaseType) instanceof SQLException surfaced) {
                throw surfaced;
            }
            throw e;
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return shardingSphere.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        shardingSphere.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        shardingSphere.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return shardingSphere.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return shardingSphere.getParentLogger();
    }

    /**
     * This data source, if it is an instance of {@code iface}; nothing behind it is handed out, since a
     * ShardingSphere or physical data source would write past the write guard.
     *
     * @throws SQLException with SQL state {@code UR006} for any other interface
     */
    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw StatementRefusedException.of(StatementRefusedException.Reason.UNWRAP, "unwrap(" + iface.getName() + ")",
                "the data source hands out only its guarded wrappers, because what is behind them writes past the"
                        + " write guard", null, router.localCell().map(c -> c.id()).orElse("(none)"),
                router.table().epoch()).toSQLException();
    }

    /** Whether this data source is an instance of {@code iface}; nothing behind it counts. */
    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    /**
     * Closes ShardingSphere (and with it the physical data sources), unregisters the router and closes it
     * if the builder created it. Idempotent.
     *
     * @throws UnitRouterException if ShardingSphere fails to close
     */
    @Override
    public void close() {
        try {
            if (shardingSphere instanceof AutoCloseable closeable) {
                closeable.close();
            }
        } catch (Exception e) {
            throw new UnitRouterException("cannot close ShardingSphere: " + e.getMessage(), e);
        } finally {
            registration.close();
            if (ownsRouter) {
                router.close();
            }
        }
    }

    @Override
    public String toString() {
        return "UnitShardingDataSource[" + layout + ", tables " + tables + ", router " + routerName() + ", guard "
                + writeGuard + ", reads " + readPolicy + ", fence " + fenced + (fenced ? " (" + fenceMode + ")" : "")
                + ", routines " + allowedRoutines
                + ", ddl " + allowDdl + "]";
    }

    /**
     * Options of a {@link UnitShardingDataSource}. Give the routing rules as exactly one of {@link #router},
     * {@link #rules} or {@link #ruleStore}; the physical databases with {@link #dataSources}; and at least
     * one {@link #table}.
     *
     * <p>Defaults: 1 table per database, write guard on, read policy {@link ReadPolicy#ALLOW}, fence off (in
     * {@link FenceMode#STATEMENT} when on), no
     * routines beyond the built-in functions, no DDL, ShardingSphere database name {@code unit_router}.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {

        private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

        private UnitRouter router;
        private RuleDocument rules;
        private RuleStore ruleStore;
        private String localCell;
        private final Map<String, DataSource> dataSources = new LinkedHashMap<>();
        private int tablesPerDatabase = 1;
        private final Map<String, String> tables = new LinkedHashMap<>();
        private boolean writeGuard = true;
        private ReadPolicy readPolicy = ReadPolicy.ALLOW;
        private boolean fence;
        private FenceMode fenceMode = FenceMode.STATEMENT;
        private final List<String> allowedRoutines = new ArrayList<>();
        private boolean allowDdl;
        private String routerName;
        private String databaseName = "unit_router";
        private final Properties properties = new Properties();

        private Builder() {
            // The metadata of PostgreSQL's system schemas takes seconds to load and is of no use to an
            // application data source.
            properties.setProperty("system-schema-metadata-assembly-enabled", "false");
        }

        /** A running router, with a local cell; the data source reads its rules and never closes it. */
        public Builder router(UnitRouter router) {
            this.router = Objects.requireNonNull(router, "router");
            return this;
        }

        /** Fixed rules; the data source builds and owns a router over them (see {@link #localCell}). */
        public Builder rules(RuleDocument rules) {
            this.rules = Objects.requireNonNull(rules, "rules");
            return this;
        }

        /** A rule store to follow; the data source builds and owns a router over it (see {@link #localCell}). */
        public Builder ruleStore(RuleStore ruleStore) {
            this.ruleStore = Objects.requireNonNull(ruleStore, "ruleStore");
            return this;
        }

        /** The cell this instance runs in, when the data source builds its own router. */
        public Builder localCell(String localCell) {
            this.localCell = localCell;
            return this;
        }

        /**
         * The {@code M} physical databases, in layout order: database {@code i} is the {@code i}-th entry (use
         * a {@link LinkedHashMap} or a sorted map). The names become ShardingSphere data source names.
         */
        public Builder dataSources(Map<String, ? extends DataSource> dataSources) {
            this.dataSources.clear();
            this.dataSources.putAll(dataSources);
            return this;
        }

        /** {@code K}, the physical tables per logical table in each database. Default 1. */
        public Builder tablesPerDatabase(int tablesPerDatabase) {
            this.tablesPerDatabase = tablesPerDatabase;
            return this;
        }

        /**
         * A logical table and its shard-key column (e.g. the user id). Its physical tables are
         * {@code <table>_0 .. <table>_(K-1)} in every database ({@code <table>} itself when {@code K = 1}).
         */
        public Builder table(String logicTable, String shardKeyColumn) {
            tables.put(Objects.requireNonNull(logicTable, "logicTable"),
                    Objects.requireNonNull(shardKeyColumn, "shardKeyColumn"));
            return this;
        }

        /** Whether to refuse writes to shards this cell does not own or that are frozen. Default {@code true}. */
        public Builder writeGuard(boolean writeGuard) {
            this.writeGuard = writeGuard;
            return this;
        }

        /** What to do with reads of shards this cell does not own. Default {@link ReadPolicy#ALLOW}. */
        public Builder readPolicy(ReadPolicy readPolicy) {
            this.readPolicy = Objects.requireNonNull(readPolicy, "readPolicy");
            return this;
        }

        /**
         * Whether every guarded write also checks its shard group's row in {@code unit_fence}, in the write's
         * transaction. Default {@code false}. Needs the write guard and a fence table in every database.
         */
        public Builder fence(boolean fence) {
            this.fence = fence;
            return this;
        }

        /**
         * How guarded writes check the fence. Default {@link FenceMode#STATEMENT}: the guarded connection reads
         * the group's fence row with a lock before the write (an auto-commit write becomes four statements), and
         * the databases need only the fence table. {@link FenceMode#TRIGGER}: triggers on the guarded physical
         * tables check it inside the write (an auto-commit write stays one statement); needs {@code fence(true)}
         * and the triggers in every database ({@link FenceTriggers#create()}), which {@link #build()} checks,
         * and makes every session that did not go through unit-router unable to write those tables, except with
         * the maintenance claim. See {@code docs/data-sharding.md}, "Trigger mode".
         *
         * @param fenceMode the mode
         * @return this builder
         */
        public Builder fenceMode(FenceMode fenceMode) {
            this.fenceMode = Objects.requireNonNull(fenceMode, "fenceMode");
            return this;
        }

        /**
         * Routines (procedures and functions) that statements may call, besides the built-in functions that
         * only compute a value. The guard cannot see what a routine writes, so every other call is refused;
         * list only routines the team vouches for: that they write no guarded table, or only rows of shards
         * the caller's statement is already checked for. Names are case-insensitive; a qualified name
         * ({@code bank.fee}) must be listed qualified. Default: none. Repeated calls add to the list.
         *
         * @param names routine names
         * @return this builder
         */
        public Builder allowRoutines(String... names) {
            for (String name : names) {
                allowedRoutines.add(Objects.requireNonNull(name, "routine name"));
            }
            return this;
        }

        /**
         * Whether DDL of tables the guard does not shard (CREATE, ALTER, DROP, TRUNCATE of tables, indexes,
         * views and sequences) may run through the data source. DDL of a guarded table, and DDL that creates
         * code (routines, triggers, events), is refused either way: run it on the physical databases. Default
         * {@code false}: DDL commits implicitly in MariaDB and H2.
         *
         * @param allowDdl whether to allow it
         * @return this builder
         */
        public Builder allowDdl(boolean allowDdl) {
            this.allowDdl = allowDdl;
            return this;
        }

        /** The name to register the router under in {@link UnitRouterRegistry}. Default: a unique name. */
        public Builder routerName(String routerName) {
            this.routerName = routerName;
            return this;
        }

        /** The ShardingSphere logical database name. Default {@code unit_router}. */
        public Builder databaseName(String databaseName) {
            this.databaseName = Objects.requireNonNull(databaseName, "databaseName");
            return this;
        }

        /**
         * A ShardingSphere property, e.g. {@code sql-show}. The builder sets
         * {@code system-schema-metadata-assembly-enabled} to {@code false} unless told otherwise.
         */
        public Builder shardingSphereProperty(String key, String value) {
            properties.setProperty(key, value);
            return this;
        }

        /**
         * Checks the options and starts ShardingSphere.
         *
         * @return the data source
         * @throws UnitRouterException naming the bad option or value: no or several rule sources, no data
         *     sources or tables, a bad name, no local cell while guarding, a shard count that the layout
         *     cannot split evenly, a database that cannot be reached (said first), a shard group with several
         *     owners or a missing {@code unit_fence} table while fenced, {@code fenceMode(TRIGGER)} without
         *     {@code fence(true)} or with physical tables that lack their fence triggers (named), or
         *     ShardingSphere failing to start
         */
        public UnitShardingDataSource build() {
            int sources = (router == null ? 0 : 1) + (rules == null ? 0 : 1) + (ruleStore == null ? 0 : 1);
            if (sources != 1) {
                throw new UnitRouterException("give the data source exactly one of router(..), rules(..) or"
                        + " ruleStore(..); " + sources + " were given");
            }
            if (router != null && localCell != null) {
                throw new UnitRouterException("localCell(\"" + localCell + "\") applies only when the data source"
                        + " builds its own router; the given router decides the local cell");
            }
            if (dataSources.isEmpty()) {
                throw new UnitRouterException("give the data source its physical databases with dataSources(..)");
            }
            for (String name : dataSources.keySet()) {
                checkName("data source", name);
            }
            if (tables.isEmpty()) {
                throw new UnitRouterException("give the data source at least one table(logicTable, shardKeyColumn)");
            }
            tables.forEach((table, column) -> {
                checkName("table", table);
                checkName("shard-key column", column);
            });
            if (fence && !writeGuard) {
                throw new UnitRouterException("the fence checks guarded writes; it needs writeGuard(true)");
            }
            if (fenceMode == FenceMode.TRIGGER && !fence) {
                throw new UnitRouterException("fenceMode(TRIGGER) says how the fence checks writes, but the fence is"
                        + " off; turn it on with fence(true), or leave fenceMode at its default STATEMENT",
                        Map.of("fenceMode", fenceMode.name(), "fence", false), null);
            }
            ShardLayout layout = ShardLayout.of(dataSources.size(), tablesPerDatabase);
            UnitRouter theRouter = router;
            if (theRouter == null) {
                UnitRouter.Builder routerBuilder = UnitRouter.builder().localCell(localCell);
                theRouter = (rules != null ? routerBuilder.rules(rules) : routerBuilder.ruleStore(ruleStore)).build();
            }
            return start(theRouter, layout);
        }

        private UnitShardingDataSource start(UnitRouter theRouter, ShardLayout layout) {
            boolean owned = router == null;
            UnitRouterRegistry.Registration registration = null;
            try {
                RoutingTable table = theRouter.table();
                String local = theRouter.localCell().map(c -> c.id()).orElse(null);
                if (local == null && (writeGuard || readPolicy == ReadPolicy.REJECT)) {
                    throw new UnitRouterException("the write guard and the read policy need to know which cell this"
                            + " is; give the router a local cell (localCell(\"rz01\")), or turn both off");
                }
                String problem = layout.problemWith(table.shards());
                if (problem != null) {
                    throw new UnitRouterException(problem, Map.of("shards", table.shards(), "databases",
                            layout.databases(), "tablesPerDatabase", layout.tablesPerDatabase()), null);
                }
                checkReachable();
                Fences fences = Fences.of(dataSources, layout, table.shards());
                FenceTriggers triggers = FenceTriggers.of(dataSources, layout, tables.keySet());
                if (fence) {
                    fences.checkSingleOwners(table);
                    fences.checkTables();
                    if (fenceMode == FenceMode.TRIGGER) {
                        checkTriggers(triggers);
                    }
                }
                String name = routerName != null ? routerName
                        : "unit-sharding-" + SEQUENCE.incrementAndGet() + "-" + databaseName;
                registration = UnitRouterRegistry.register(name, theRouter);
                Map<String, DataSource> physical = new LinkedHashMap<>();
                List<String> names = new ArrayList<>(dataSources.keySet());
                FenceContext context = fence
                        ? FenceContext.of(theRouter, local, layout, List.copyOf(tables.keySet()), fenceMode) : null;
                for (int i = 0; i < names.size(); i++) {
                    DataSource raw = dataSources.get(names.get(i));
                    physical.put(names.get(i), fence ? new FencedDataSource(raw, names.get(i), i, context) : raw);
                }
                DataSource shardingSphere = ShardingSphereDataSourceFactory.createDataSource(databaseName,
                        PrivateMetadataMode.create(),
                        physical, List.of(ShardingRules.create(name, layout, names, tables, new ShardingRules.Guard(
                                writeGuard, readPolicy, allowedRoutines, allowDdl))), properties);
                return new UnitShardingDataSource(this, shardingSphere, protocolType(shardingSphere), theRouter,
                        registration, layout, fences, triggers);
            } catch (SQLException | RuntimeException e) {
                if (registration != null) {
                    registration.close();
                }
                if (owned) {
                    theRouter.close();
                }
                if (e instanceof UnitRouterException u) {
                    throw u;
                }
                throw new UnitRouterException("cannot start ShardingSphere over " + dataSources.keySet() + ": "
                        + e.getMessage(), e);
            }
        }

        private static void checkTriggers(FenceTriggers triggers) {
            List<String> missing = triggers.missing();
            if (!missing.isEmpty()) {
                throw new UnitRouterException("fenceMode(TRIGGER) needs the fence triggers on every guarded physical"
                        + " table, but " + missing + (missing.size() == 1 ? " lacks them" : " lack them") + "; create"
                        + " them with FenceTriggers.of(dataSources, layout, tables).create(), or run"
                        + " FenceTriggers.ddl(dialect, table, group) on the physical databases",
                        Map.of("missing", missing.toString()), null);
            }
        }

        /** The type whose dialect ShardingSphere parses statements in; closes ShardingSphere if it cannot tell. */
        private static DatabaseType protocolType(DataSource shardingSphere) throws SQLException {
            try (Connection connection = shardingSphere.getConnection()) {
                ShardingSphereConnection logical = (ShardingSphereConnection) connection;
                return logical.getContextManager().getMetaDataContexts().getMetaData()
                        .getDatabase(logical.getCurrentDatabaseName()).getProtocolType();
            } catch (SQLException | RuntimeException e) {
                if (shardingSphere instanceof AutoCloseable closeable) {
                    try {
                        closeable.close();
                    } catch (Exception suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                throw e;
            }
        }

        /** Connects to every database once, so that one that is down is named before anything else fails. */
        private void checkReachable() {
            for (Map.Entry<String, DataSource> entry : dataSources.entrySet()) {
                try (Connection connection = entry.getValue().getConnection()) {
                    connection.getAutoCommit();
                } catch (SQLException | RuntimeException e) {
                    throw new UnitRouterException("database " + entry.getKey() + " cannot be reached: "
                            + SqlFailures.describe(e) + "; check that it runs and that its pool's URL, user and"
                            + " password are right", Map.of("dataSource", entry.getKey()), e);
                }
            }
        }

        private static void checkName(String what, String name) {
            if (!NAME.matcher(name).matches()) {
                throw new UnitRouterException("the " + what + " name '" + name + "' must be a plain SQL identifier"
                        + " (letters, digits, underscores)", Map.of(what.toLowerCase(Locale.ROOT), name), null);
            }
        }
    }
}
