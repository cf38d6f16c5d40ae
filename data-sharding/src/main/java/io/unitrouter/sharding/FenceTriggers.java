package io.unitrouter.sharding;

import io.unitrouter.core.UnitRouterException;
import io.unitrouter.sharding.internal.H2FenceTrigger;
import io.unitrouter.sharding.internal.SqlFailures;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The triggers of {@link FenceMode#TRIGGER}: BEFORE INSERT, UPDATE and DELETE row triggers on every guarded
 * physical table that read the table's shard-group fence row with a shared lock, in the write's own
 * transaction, and refuse the write (SQL state {@value ShardAccessRefusedException#SQLSTATE_FENCE}) unless the
 * row admits the session's claim. The group of a physical table is fixed by the layout
 * ({@link ShardLayout#groupAt(int, int)}), so each table's triggers carry it as a constant, and their names
 * carry it too ({@code unit_fence_<table>_g<group>}): {@link #missing()} then also notices triggers left from
 * another layout.
 *
 * <p><b>The claim</b> is {@code <epoch>:<cell>} ({@link #claim(String, long)}), set by the guarded connection
 * once per physical connection and epoch: the user variable {@value #MYSQL_VARIABLE} on MariaDB and H2, the
 * setting {@value #POSTGRESQL_SETTING} on PostgreSQL. A session without a claim is refused (fail closed); a DBA
 * session that must write sets the claim {@value #MAINTENANCE_CLAIM}, which every fence admits. The rule
 * is {@link #admits(FenceRow, String)}; the triggers' SQL mirrors it.
 *
 * <p>Supported: MariaDB (a procedure {@value #ROUTINE} and three triggers per table), PostgreSQL 14 or later
 * (a PL/pgSQL trigger function {@value #ROUTINE} and one trigger per table) and H2 (one Java trigger per
 * table, {@link H2FenceTrigger}). Not MySQL: its {@code CREATE PROCEDURE} cannot replace a procedure.
 *
 * <p>Works on the raw physical data sources (never through ShardingSphere). Immutable and thread-safe; each
 * call uses its own connections.
 */
public final class FenceTriggers {

    /** The claim that every fence admits, for a DBA's maintenance session. */
    public static final String MAINTENANCE_CLAIM = "maintenance";
    /** The session variable holding the claim on MariaDB and H2. */
    public static final String MYSQL_VARIABLE = "@unit_router_fence";
    /** The setting holding the claim on PostgreSQL ({@code set_config('unit_router.fence', claim, false)}). */
    public static final String POSTGRESQL_SETTING = "unit_router.fence";
    /** The routine the MariaDB and PostgreSQL triggers call. */
    public static final String ROUTINE = "unit_fence_check";

    /** The longest identifier every supported database keeps whole (PostgreSQL's limit). */
    private static final int NAME_LIMIT = 63;
    private static final Pattern CLAIM = Pattern.compile("([0-9]{1,18}):(.*)", Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The databases the triggers are written for. */
    public enum Dialect {
        /** H2 2.x: a Java trigger. */
        H2,
        /** MariaDB 10.3 or later: a procedure and three triggers per table. */
        MARIADB,
        /** PostgreSQL 14 or later: a PL/pgSQL function and one trigger per table. */
        POSTGRESQL;

        /**
         * The dialect of a connection's database.
         *
         * @param connection an open connection
         * @return the dialect
         * @throws SQLException if the metadata cannot be read
         * @throws UnitRouterException naming the product when it is not supported
         */
        public static Dialect of(Connection connection) throws SQLException {
            DatabaseMetaData metaData = connection.getMetaData();
            String product = metaData.getDatabaseProductName();
            String lower = product.toLowerCase(Locale.ROOT);
            if (lower.contains("h2")) {
                return H2;
            }
            if (lower.contains("mariadb")) {
                return MARIADB;
            }
            if (lower.contains("postgres") && metaData.getDatabaseMajorVersion() >= 14) {
                return POSTGRESQL;
            }
            throw new UnitRouterException("the fence triggers support MariaDB, PostgreSQL 14 or later and H2, not "
                    + product + " " + metaData.getDatabaseProductVersion() + "; use fenceMode(STATEMENT)",
                    Map.of("database", product), null);
        }
    }

    private final List<String> names;
    private final List<DataSource> dataSources;
    private final ShardLayout layout;
    private final List<String> logicTables;

    private FenceTriggers(List<String> names, List<DataSource> dataSources, ShardLayout layout,
            List<String> logicTables) {
        this.names = names;
        this.dataSources = dataSources;
        this.layout = layout;
        this.logicTables = logicTables;
    }

    /**
     * The fence triggers of some physical databases.
     *
     * @param dataSources the physical databases in layout order (a {@link LinkedHashMap} or sorted map)
     * @param layout the layout; its database count must match
     * @param logicTables the guarded logical tables (their physical tables get the triggers)
     * @return the triggers
     * @throws UnitRouterException if the counts do not fit or a table name is not a plain identifier (one too
     *     long for its trigger names is refused by {@link #create()})
     */
    public static FenceTriggers of(Map<String, ? extends DataSource> dataSources, ShardLayout layout,
            Collection<String> logicTables) {
        if (dataSources.size() != layout.databases()) {
            throw new UnitRouterException("the layout " + layout + " needs " + layout.databases()
                    + " data sources, but " + dataSources.size() + " were given: " + dataSources.keySet(),
                    Map.of("dataSources", dataSources.size()), null);
        }
        if (logicTables.isEmpty()) {
            throw new UnitRouterException("the fence triggers need at least one guarded table");
        }
        for (String table : logicTables) {
            checkIdentifier(layout.physicalTable(table, layout.tablesPerDatabase() - 1));
        }
        return new FenceTriggers(List.copyOf(dataSources.keySet()), List.copyOf(dataSources.values()), layout,
                List.copyOf(logicTables));
    }

    /**
     * The claim of a cell whose rules are at an epoch, as the guarded connection sets it.
     *
     * @param cell the cell id
     * @param epoch the epoch, {@code >= 0}
     * @return {@code <epoch>:<cell>}, e.g. {@code 43:rz01}
     * @throws IllegalArgumentException for a negative epoch
     */
    public static String claim(String cell, long epoch) {
        Objects.requireNonNull(cell, "cell");
        if (epoch < 0) {
            throw new IllegalArgumentException("a claim's epoch must not be negative, was " + epoch);
        }
        return epoch + ":" + cell;
    }

    /**
     * Whether a fence row admits a session's claim: the maintenance claim always; a claim
     * {@code <epoch>:<cell>} (the epoch 1 to 18 decimal digits, the cell everything after the first colon)
     * when the row {@linkplain FenceRow#admits(String, long) admits} that cell and epoch; anything else
     * (no claim, an empty or malformed one, no fence row) never. The triggers decide exactly so.
     *
     * @param fence the group's fence row, or {@code null} when it has none
     * @param claim the session's claim, or {@code null} when it set none
     * @return whether the write may go on
     */
    public static boolean admits(FenceRow fence, String claim) {
        if (claim == null) {
            return false;
        }
        if (claim.equals(MAINTENANCE_CLAIM)) {
            return true;
        }
        Matcher m = CLAIM.matcher(claim);
        return fence != null && m.matches() && fence.admits(m.group(2), Long.parseLong(m.group(1)));
    }

    /**
     * The name of a table's trigger (MariaDB: with a suffix {@code _ins}, {@code _upd} or {@code _del} per event).
     *
     * @param physicalTable the physical table
     * @param group its shard group
     * @return {@code unit_fence_<table>_g<group>}
     */
    public static String triggerName(String physicalTable, int group) {
        return "unit_fence_" + physicalTable + "_g" + group;
    }

    /**
     * The statements that give one physical table its fence triggers, the routine they call first (it is
     * shared by the tables of a database; creating it again replaces it). Each statement is idempotent.
     *
     * @param dialect the database
     * @param physicalTable the physical table, a plain identifier
     * @param group its shard group, {@link ShardLayout#groupAt(int, int)}
     * @return the statements, in order
     * @throws UnitRouterException if the table name is not a plain identifier or too long for the trigger name
     */
    public static List<String> ddl(Dialect dialect, String physicalTable, int group) {
        checkTableName(physicalTable);
        if (group < 0) {
            throw new UnitRouterException("a shard group is 0 or more, was " + group, Map.of("group", group), null);
        }
        String name = triggerName(physicalTable, group);
        return switch (dialect) {
            case MARIADB -> List.of(mariaDbRoutine(),
                    mariaDbTrigger(name + "_ins", "INSERT", physicalTable, group),
                    mariaDbTrigger(name + "_upd", "UPDATE", physicalTable, group),
                    mariaDbTrigger(name + "_del", "DELETE", physicalTable, group));
            case POSTGRESQL -> List.of(postgreSqlRoutine(), "CREATE OR REPLACE TRIGGER " + name
                    + " BEFORE INSERT OR UPDATE OR DELETE ON " + physicalTable + " FOR EACH ROW EXECUTE FUNCTION "
                    + ROUTINE + "('" + group + "')");
            case H2 -> List.of("CREATE TRIGGER IF NOT EXISTS " + name + " BEFORE INSERT, UPDATE, DELETE ON "
                    + physicalTable + " FOR EACH ROW CALL '" + H2FenceTrigger.class.getName() + "'");
        };
    }

    /**
     * Gives every guarded physical table of every database its fence triggers ({@link #ddl}), leaving those
     * it has alone. Idempotent; run it after creating the tables, before the first {@code build()} in
     * {@link FenceMode#TRIGGER}. The DDL commits implicitly on MariaDB; on MariaDB it needs the
     * {@code TRIGGER} and {@code CREATE ROUTINE} privileges (and {@code SUPER}, or
     * {@code log_bin_trust_function_creators}, while binary logging is on).
     *
     * @throws UnitRouterException naming the database and statement that failed
     */
    public void create() {
        for (int d = 0; d < dataSources.size(); d++) {
            String statement = null;
            try (Connection c = dataSources.get(d).getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(true);
                Dialect dialect = Dialect.of(c);
                Set<String> done = new HashSet<>();
                for (String logic : logicTables) {
                    for (int k = 0; k < layout.tablesPerDatabase(); k++) {
                        for (String sql : ddl(dialect, layout.physicalTable(logic, k), layout.groupAt(d, k))) {
                            if (done.add(sql)) {
                                statement = sql;
                                s.execute(sql);
                            }
                        }
                    }
                }
            } catch (SQLException e) {
                throw new UnitRouterException("cannot create the fence triggers in database " + names.get(d)
                        + (statement == null ? "" : " (" + statement.lines().findFirst().orElse("") + " ...)") + ": "
                        + SqlFailures.describe(e), Map.of("dataSource", names.get(d)), e);
            }
        }
    }

    /**
     * The guarded physical tables that lack a fence trigger (or whose database lacks the routine the
     * triggers call), as {@code <data source>.<table>}.
     *
     * @return the tables, in layout order; empty when every table is fenced
     * @throws UnitRouterException naming the database that cannot be read
     */
    public List<String> missing() {
        List<String> result = new ArrayList<>();
        for (int d = 0; d < dataSources.size(); d++) {
            try (Connection c = dataSources.get(d).getConnection()) {
                Dialect dialect = Dialect.of(c);
                boolean routine = dialect == Dialect.H2 || exists(c, dialect == Dialect.MARIADB
                        ? "SELECT COUNT(*) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()"
                                + " AND ROUTINE_NAME = '" + ROUTINE + "' AND ROUTINE_TYPE = 'PROCEDURE'"
                        : "SELECT COUNT(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                                + " WHERE p.proname = '" + ROUTINE + "' AND n.nspname = ANY (current_schemas(false))");
                Set<String> present = triggers(c, dialect);
                for (String logic : logicTables) {
                    for (int k = 0; k < layout.tablesPerDatabase(); k++) {
                        String table = layout.physicalTable(logic, k);
                        String name = triggerName(table, layout.groupAt(d, k));
                        List<String> wanted = dialect == Dialect.MARIADB
                                ? List.of(name + "_ins", name + "_upd", name + "_del") : List.of(name);
                        boolean all = routine;
                        for (String trigger : wanted) {
                            all &= present.contains(key(table, trigger));
                        }
                        if (!all) {
                            result.add(names.get(d) + "." + table);
                        }
                    }
                }
            } catch (SQLException e) {
                throw new UnitRouterException("cannot read the triggers of database " + names.get(d) + ": "
                        + SqlFailures.describe(e), Map.of("dataSource", names.get(d)), e);
            }
        }
        return List.copyOf(result);
    }

    private static Set<String> triggers(Connection c, Dialect dialect) throws SQLException {
        String sql = switch (dialect) {
            case MARIADB -> "SELECT EVENT_OBJECT_TABLE, TRIGGER_NAME FROM information_schema.TRIGGERS"
                    + " WHERE TRIGGER_SCHEMA = DATABASE() AND ACTION_TIMING = 'BEFORE'";
            case POSTGRESQL -> "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal AND t.tgenabled <> 'D'"
                    + " AND n.nspname = ANY (current_schemas(false))";
            case H2 -> "SELECT EVENT_OBJECT_TABLE, TRIGGER_NAME FROM INFORMATION_SCHEMA.TRIGGERS"
                    + " WHERE EVENT_OBJECT_SCHEMA = CURRENT_SCHEMA";
        };
        Set<String> result = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                result.add(key(rs.getString(1), rs.getString(2)));
            }
        }
        return result;
    }

    private static String key(String table, String trigger) {
        return (table + "." + trigger).toLowerCase(Locale.ROOT);
    }

    private static boolean exists(Connection c, String countQuery) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(countQuery)) {
            return rs.next() && rs.getLong(1) > 0;
        }
    }

    private static void checkIdentifier(String physicalTable) {
        if (!NAME.matcher(physicalTable).matches()) {
            throw new UnitRouterException("the table name '" + physicalTable + "' must be a plain SQL identifier"
                    + " (letters, digits, underscores)", Map.of("table", physicalTable), null);
        }
    }

    private static void checkTableName(String physicalTable) {
        checkIdentifier(physicalTable);
        String longest = triggerName(physicalTable, Integer.MAX_VALUE) + "_ins";
        if (longest.length() > NAME_LIMIT) {
            throw new UnitRouterException("the physical table name '" + physicalTable + "' is too long for its fence"
                    + " trigger names (unit_fence_<table>_g<group>_ins must fit in " + NAME_LIMIT + " characters);"
                    + " use fenceMode(STATEMENT) or a shorter table name", Map.of("table", physicalTable), null);
        }
    }

    /** The MariaDB procedure; it reads the claim once and the fence row with a shared lock. */
    private static String mariaDbRoutine() {
        return "CREATE OR REPLACE PROCEDURE " + ROUTINE + "(IN fence_group VARCHAR(64))\n"
                + "READS SQL DATA\n"
                + "COMMENT 'unit-router fence check, see FenceTriggers'\n"
                + "BEGIN\n"
                + "  DECLARE claim TEXT CHARACTER SET utf8mb4 DEFAULT NULL;\n"
                + "  DECLARE fence_owner VARCHAR(64) CHARACTER SET utf8mb4 DEFAULT NULL;\n"
                + "  DECLARE fence_epoch BIGINT DEFAULT NULL;\n"
                + "  DECLARE admitted BOOLEAN DEFAULT FALSE;\n"
                + "  DECLARE refusal VARCHAR(128) CHARACTER SET utf8mb4 DEFAULT NULL;\n"
                + "  DECLARE CONTINUE HANDLER FOR NOT FOUND SET fence_owner = NULL;\n"
                + "  SET claim = " + MYSQL_VARIABLE + ";\n"
                + "  SELECT owner_cell, epoch INTO fence_owner, fence_epoch FROM " + Fences.TABLE
                + " WHERE shard_group = fence_group LOCK IN SHARE MODE;\n"
                + "  IF claim IS NOT NULL AND CAST(claim AS BINARY) = CAST('" + MAINTENANCE_CLAIM + "' AS BINARY) THEN\n"
                + "    SET admitted = TRUE;\n"
                + "  ELSEIF fence_owner IS NOT NULL AND claim IS NOT NULL AND claim REGEXP '^[0-9]{1,18}:' THEN\n"
                + "    SET admitted = CAST(fence_owner AS BINARY) = CAST(SUBSTRING(claim, LOCATE(':', claim) + 1) AS BINARY)\n"
                + "        AND CAST(SUBSTRING_INDEX(claim, ':', 1) AS SIGNED) >= fence_epoch;\n"
                + "  END IF;\n"
                + "  IF NOT admitted THEN\n"
                + "    SET refusal = LEFT(CONCAT('unit_fence refused shard group ', fence_group, ' (claim ',"
                + " COALESCE(claim, 'none'), ') ', IF(fence_owner IS NULL, 'no fence row',"
                + " CONCAT('fence epoch ', fence_epoch, ' owner [', fence_owner, ']'))), 128);\n"
                + "    SIGNAL SQLSTATE '" + ShardAccessRefusedException.SQLSTATE_FENCE + "' SET MESSAGE_TEXT = refusal;\n"
                + "  END IF;\n"
                + "END";
    }

    private static String mariaDbTrigger(String name, String event, String table, int group) {
        return "CREATE TRIGGER IF NOT EXISTS " + name + " BEFORE " + event + " ON " + table
                + " FOR EACH ROW CALL " + ROUTINE + "('" + group + "')";
    }

    /** The PostgreSQL trigger function; its argument is the group. */
    private static String postgreSqlRoutine() {
        return "CREATE OR REPLACE FUNCTION " + ROUTINE + "() RETURNS trigger LANGUAGE plpgsql AS $unit_fence$\n"
                + "DECLARE\n"
                + "  fence_group text := TG_ARGV[0];\n"
                + "  claim text := current_setting('" + POSTGRESQL_SETTING + "', true);\n"
                + "  fence_owner text;\n"
                + "  fence_epoch bigint;\n"
                + "  admitted boolean := false;\n"
                + "BEGIN\n"
                + "  SELECT owner_cell, epoch INTO fence_owner, fence_epoch FROM " + Fences.TABLE
                + " WHERE shard_group = fence_group FOR SHARE;\n"
                + "  IF claim = '" + MAINTENANCE_CLAIM + "' THEN\n"
                + "    admitted := true;\n"
                + "  ELSIF fence_owner IS NOT NULL AND claim ~ '^[0-9]{1,18}:' THEN\n"
                + "    admitted := fence_owner = substr(claim, strpos(claim, ':') + 1)\n"
                + "        AND substr(claim, 1, strpos(claim, ':') - 1)::bigint >= fence_epoch;\n"
                + "  END IF;\n"
                + "  IF NOT admitted THEN\n"
                + "    RAISE EXCEPTION USING ERRCODE = '" + ShardAccessRefusedException.SQLSTATE_FENCE + "',"
                + " MESSAGE = 'unit_fence refused shard group ' || fence_group || ' (claim ' || coalesce(claim, 'none')"
                + " || ') ' || CASE WHEN fence_owner IS NULL THEN 'no fence row'"
                + " ELSE 'fence epoch ' || fence_epoch || ' owner [' || fence_owner || ']' END;\n"
                + "  END IF;\n"
                + "  IF TG_OP = 'DELETE' THEN\n"
                + "    RETURN OLD;\n"
                + "  END IF;\n"
                + "  RETURN NEW;\n"
                + "END\n"
                + "$unit_fence$";
    }
}
